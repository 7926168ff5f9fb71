package org.recxplain.explain.neighbourhood;

import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.als.ImplicitAls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exact neighbourhood explanation of implicit ALS (Hu, Koren and Volinsky 2008, Section 5).
 *
 * <p>With W_u = (Y^T C_u Y + lambda I)^-1, the score decomposes over the user's history as
 * y_i^T x_u = sum over j in H_u of (y_i^T W_u y_j) c_uj p_uj. Each past interaction j is credited with the
 * weight (y_i^T W_u y_j) c_uj p_uj, so the weights sum to the model's own score (to rounding, 1e-9
 * relative in practice). Interactions with preference 0 (value 0) get weight 0.
 *
 * <p>Cost: the user's factorisation, O(|H_u| k^2 + k^3), is done once per {@link #forUser(int)} and shared
 * by all that user's items; each item then costs O(k^2 + |H_u| k).
 *
 * <p>Thread-safety: immutable; {@link UserContext} is immutable too and may be shared.
 */
public final class AlsNeighbourhoodExplainer implements Explainer {
    /** The name used in the CLI and JSON. */
    public static final String NAME = "neighbourhood";

    private final ImplicitAls model;
    private final Provenance provenance;

    public AlsNeighbourhoodExplainer(ImplicitAls model) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.provenance = new Provenance(NAME, Map.of("method", "exact-als-decomposition"), 0L, model.info().id());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Explanation explain(int user, int item) {
        long start = System.nanoTime();
        UserContext ctx = forUser(user);
        return ctx.explain(item, start);
    }

    @Override
    public List<Explanation> explain(int user, int[] items) {
        UserContext ctx = forUser(user);
        List<Explanation> out = new ArrayList<>(items.length);
        for (int item : items) {
            out.add(ctx.explain(item));
        }
        return out;
    }

    /** Factorises the user's system once, for explaining many items. */
    public UserContext forUser(int user) {
        return new UserContext(user);
    }

    /** One user's factorised system and history, ready to explain any item. */
    public final class UserContext {
        private final int user;
        private final int[] items;
        private final double[] weightOf;
        private final double[] historyFactors;
        private final ImplicitAls.UserSystem system;

        private UserContext(int user) {
            java.util.Objects.checkIndex(user, model.data().interactions().numUsers());
            this.user = user;
            Row h = model.data().interactions().userRow(user);
            this.items = h.indices();
            this.weightOf = new double[items.length];
            int k = model.factors();
            this.historyFactors = new double[items.length * k];
            for (int p = 0; p < items.length; p++) {
                weightOf[p] = model.confidence(h.values()[p]) * ImplicitAls.preference(h.values()[p]);
                System.arraycopy(model.itemFactor(items[p]), 0, historyFactors, p * k, k);
            }
            this.system = model.userSystem(h);
        }

        /**
         * The weight of each history item (in the order of the user's history, ascending item index) for
         * {@code item}: (y_i^T W_u y_j) c_uj p_uj.
         */
        public double[] weights(int item) {
            double[] v = system.applyInverse(model.itemFactor(item));
            int k = v.length;
            double[] w = new double[items.length];
            for (int p = 0; p < items.length; p++) {
                double s = 0;
                int off = p * k;
                for (int f = 0; f < k; f++) {
                    s += historyFactors[off + f] * v[f];
                }
                w[p] = s * weightOf[p];
            }
            return w;
        }

        /** The history items, ascending (a copy). */
        public int[] historyItems() {
            return items.clone();
        }

        /** Explains one item for this user. */
        public Explanation explain(int item) {
            return explain(item, System.nanoTime());
        }

        private Explanation explain(int item, long start) {
            Dataset data = model.data();
            java.util.Objects.checkIndex(item, data.interactions().numItems());
            double[] w = weights(item);
            List<Attribution> attributions = new ArrayList<>(w.length);
            for (int p = 0; p < w.length; p++) {
                attributions.add(Explanations.interaction(data, items[p], w[p]));
            }
            Optional<String> note = items.length == 0 ? Optional.of(Explanations.NO_HISTORY) : Optional.empty();
            return Explanations.of(Explanations.target(model, user, item, model.score(user, item)), provenance,
                    attributions, Optional.empty(), note, start);
        }
    }

}

package org.recxplain.explain.neighbourhood;

import org.recxplain.data.Row;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.BatchExplainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.mf.BiasedMf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The exact neighbourhood explanation of explicit biased MF. The user's parameters x_u = [p_u, b_u] solve
 * the ridge system A_u x_u = sum_j z_j t_j with z_j = [q_j, 1], t_j = r_uj - mu - b_j and
 * A_u = sum_j z_j z_j^T + lambda I, so the personal part of the score decomposes exactly:
 * score - mu - b_i = z_i^T x_u = sum_j (z_i^T A_u^-1 z_j) t_j. Each past rating is credited with its term;
 * the rest of the score, mu + b_i (the global mean and the item's bias), is stated in the note.
 *
 * <p>Per user one factorisation; per item O(k^2 + |H_u| k). Immutable and thread-safe.
 */
public final class MfNeighbourhoodExplainer implements BatchExplainer {
    private final BiasedMf model;
    private final Provenance provenance;

    public MfNeighbourhoodExplainer(BiasedMf model) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.provenance = new Provenance(AlsNeighbourhoodExplainer.NAME, Map.of("method", "exact-ridge-decomposition"),
                0L, model.info().id());
    }

    @Override
    public String name() {
        return AlsNeighbourhoodExplainer.NAME;
    }


    @Override
    public List<Explanation> explain(int user, int[] items) {
        long start = System.nanoTime();
        BiasedMf.UserSystem sys = model.userSystem(user);
        Row h = sys.history();
        int[] hist = h.indices();
        double[][] z = new double[hist.length][];
        double[] t = new double[hist.length];
        for (int p = 0; p < hist.length; p++) {
            z[p] = model.itemDesign(hist[p]);
            t[p] = model.target(hist[p], h.values()[p]);
        }
        List<Explanation> out = new ArrayList<>(items.length);
        for (int item : items) {
            double[] v = sys.applyInverse(model.itemDesign(item));
            List<Attribution> attributions = new ArrayList<>(hist.length);
            for (int p = 0; p < hist.length; p++) {
                double s = 0;
                for (int f = 0; f < v.length; f++) {
                    s += z[p][f] * v[f];
                }
                attributions.add(Explanations.interaction(model.data(), hist[p], s * t[p]));
            }
            double baseline = model.globalMean() + model.itemBias(item);
            String note = hist.length == 0 ? Explanations.NO_HISTORY
                    : String.format(Locale.ROOT, "%.4f of the score is the global mean and the item's bias", baseline);
            out.add(Explanations.of(Explanations.target(model, user, item, model.score(user, item)), provenance,
                    attributions, Optional.empty(), Optional.of(note), start));
            start = System.nanoTime();
        }
        return out;
    }
}

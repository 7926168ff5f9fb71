package org.recxplain.explain.feature;

import org.recxplain.data.Row;
import org.recxplain.explain.Explanations;
import org.recxplain.model.FoldIn;
import org.recxplain.model.als.ImplicitAls;

import java.util.Objects;

/**
 * KernelSHAP over the user's history for any {@link FoldIn} model: the players are the user's past
 * interactions, and the value of a coalition is the explained item's score after folding in only those
 * interactions ({@link FoldIn#scoreFolded}, one call per coalition). For implicit ALS the coalitions are
 * evaluated in closed form instead ({@link #closedForm()}): rank-r Woodbury updates of the empty or the full
 * user system, the same values to float rounding at a fraction of the cost. The attributions are Shapley values and sum exactly (to rounding) to the score with the whole
 * history minus the score with none; with {@code budget >= 2^m - 2} they are the exact Shapley values.
 * See {@link KernelShap}. Cost: the coalitions' fold-ins plus an O(n m^2 + m^3) solve for m past
 * interactions and n coalitions (at least 2m).
 *
 * <p>Seeded: the sampling stream of a (user, item) pair depends only on the seed and the pair.
 *
 * <p>Thread-safety: immutable.
 */
public final class InteractionShapExplainer extends ShapExplainerBase {
    /** The name used in the CLI and JSON. */
    public static final String NAME = "shap-interactions";

    private final FoldIn model;
    private final AlsCoalitionGame als;

    /**
     * @param budget coalitions evaluated besides the empty and the full one (&ge; 1; raised to 2m if smaller)
     * @throws IllegalArgumentException if the budget is below 1
     */
    public InteractionShapExplainer(FoldIn model, int budget, long seed) {
        super(model, NAME, "history", "fold-in-without", budget, seed);
        this.model = model;
        this.als = model instanceof ImplicitAls a ? new AlsCoalitionGame(a) : null;
    }

    /**
     * Whether coalitions are evaluated in closed form from the model's factors (implicit ALS) rather than by
     * one {@link FoldIn#scoreFolded} call each.
     */
    public boolean closedForm() {
        return als != null;
    }

    @Override
    public ShapResult explainWithValues(int user, int item) {
        long start = System.nanoTime();
        Objects.checkIndex(item, model.numItems());
        Row history = model.data().interactions().userRow(user);
        KernelShap.Game game = game(user, item, history);
        if (history.size() == 0) {
            double score = game.values(new boolean[][] {new boolean[0]})[0];
            return ShapResult.empty(model, user, item, provenance, score, Explanations.NO_HISTORY, start);
        }
        KernelShap.ShapleyValues v = KernelShap.estimate(history.size(), game, budget,
                FeatureAttributions.stream(seed, user, item));
        return ShapResult.of(model, user, item, provenance, v,
                (p, w) -> Explanations.interaction(model.data(), history.indices()[p], w), "past interactions", start);
    }

    /** The exact Shapley values of the user's past interactions, by enumeration (at most 20 of them). */
    public KernelShap.ShapleyValues exact(int user, int item) {
        Row history = model.data().interactions().userRow(user);
        return KernelShap.exact(history.size(), game(user, item, history));
    }

    /** The game: each coalition's folded-in score of the item. */
    private KernelShap.Game game(int user, int item, Row history) {
        if (als != null) {
            return als.game(history, item);
        }
        int[] target = {item};
        return masks -> {
            double[] out = new double[masks.length];
            float[] one = new float[1];
            for (int s = 0; s < masks.length; s++) {
                model.scoreFolded(user, subset(history, masks[s]), target, one);
                out[s] = one[0];
            }
            return out;
        };
    }

    private static Row subset(Row history, boolean[] mask) {
        int n = MaskDesign.onCount(mask);
        int[] kept = new int[n];
        for (int p = 0, q = 0; p < mask.length; p++) {
            if (mask[p]) {
                kept[q++] = history.indices()[p];
            }
        }
        return history.only(kept);
    }
}

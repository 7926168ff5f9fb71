package org.recxplain.explain.feature;

import org.recxplain.model.FeatureRecommender;

/**
 * KernelSHAP over side features for a {@link FeatureRecommender}: the players are the features of the
 * explained (user, item) input (see {@link FeatureInput}), the value of a coalition is the model's score
 * with only those features switched on, and every coalition is scored in ONE batched
 * {@link FeatureRecommender#scoreWithFeatures} call. The attributions are Shapley values and sum to the
 * score minus the score with every side feature switched off (efficiency, exact to rounding); with
 * {@code budget >= 2^m - 2} they are the exact Shapley values. See {@link KernelShap}.
 *
 * <p>Seeded: the sampling stream of a (user, item) pair depends only on the seed and the pair.
 *
 * <p>Thread-safety: immutable.
 */
public final class FeatureShapExplainer extends ShapExplainerBase {
    /** The name used in the CLI and JSON. */
    public static final String NAME = "shap";

    private final FeatureRecommender model;

    /**
     * @param budget coalitions evaluated besides the empty and the full one (&ge; 1; raised to 2m if smaller)
     * @throws IllegalArgumentException if the budget is below 1
     */
    public FeatureShapExplainer(FeatureRecommender model, int budget, long seed) {
        super(model, NAME, "side-features", "feature-switched-off", budget, seed);
        this.model = model;
    }

    @Override
    public ShapResult explainWithValues(int user, int item) {
        long start = System.nanoTime();
        FeatureInput input = new FeatureInput(model, user, item);
        int m = input.size();
        if (m == 0) {
            double score = input.score(new boolean[][] {new boolean[0]})[0];
            return ShapResult.empty(model, user, item, provenance, score, "the item and the user have no side features",
                    start);
        }
        KernelShap.ShapleyValues v = KernelShap.estimate(m, game(input), budget,
                FeatureAttributions.stream(seed, user, item));
        return ShapResult.of(model, user, item, provenance, v, input::attribution, "side features", start);
    }

    /** The exact Shapley values of the features of (user, item), by enumeration (at most 20 features). */
    public KernelShap.ShapleyValues exact(int user, int item) {
        FeatureInput input = new FeatureInput(model, user, item);
        return KernelShap.exact(input.size(), game(input));
    }

    /** The game: coalition masks to the model's scores, in one batch. */
    static KernelShap.Game game(FeatureInput input) {
        return masks -> FeatureLimeExplainer.toDouble(input.score(masks), 0, masks.length);
    }
}

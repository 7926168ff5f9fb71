package org.recxplain.explain.feature;

import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Provenance;
import org.recxplain.model.FeatureRecommender;

import java.util.Map;
import java.util.Objects;

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
public final class FeatureShapExplainer implements Explainer {
    /** The name used in the CLI and JSON. */
    public static final String NAME = "shap";
    /** The default budget of coalitions. */
    public static final int DEFAULT_BUDGET = 2048;

    private final FeatureRecommender model;
    private final int budget;
    private final long seed;
    private final Provenance provenance;

    /**
     * @param budget coalitions evaluated besides the empty and the full one (&ge; 1; raised to 2m if smaller)
     */
    public FeatureShapExplainer(FeatureRecommender model, int budget, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be >= 1, got " + budget);
        }
        this.budget = budget;
        this.seed = seed;
        this.provenance = new Provenance(NAME, Map.of("players", "side-features", "budget", Integer.toString(budget),
                "absent", "feature-switched-off"), seed, model.info().id());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Explanation explain(int user, int item) {
        return explainWithValues(user, item).explanation();
    }

    /**
     * Explains with the Shapley values and their reference points.
     *
     * @throws IndexOutOfBoundsException if the user or the item is out of range
     */
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

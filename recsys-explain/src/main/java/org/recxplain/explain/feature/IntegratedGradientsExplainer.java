package org.recxplain.explain.feature;

import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.neural.FeatureAttribution;
import org.recxplain.model.neural.NeuMf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Integrated gradients (Sundararajan, Taly and Yan, ICML 2017) of a {@link NeuMf} score over the side
 * features of the item and of the user ({@link NeuMf#integratedGradients}): the baseline switches every side
 * feature off, the path integral is the trapezoid rule over {@code steps} intervals. Each attribution is a
 * feature ({@link FeatureAttributions}: {@code genre=Drama}, user features prefixed {@code user:}) with its
 * share of f(x) - f(baseline) in logit units. Completeness: the attributions sum to f(x) - f(baseline) up to
 * the quadrature error, which the note states with both scores; the target's score is f(x).
 *
 * <p>An item and user without side features get no attributions and a note. Deterministic; thread-safe as
 * the model.
 */
public final class IntegratedGradientsExplainer implements Explainer {
    /** The CLI name. */
    public static final String NAME = "integrated-gradients";
    /** The default number of trapezoid intervals. */
    public static final int DEFAULT_STEPS = 50;

    private final NeuMf model;
    private final int steps;
    private final Provenance provenance;

    /**
     * @throws IllegalArgumentException if {@code steps < 1}
     */
    public IntegratedGradientsExplainer(NeuMf model, int steps) {
        this.model = Objects.requireNonNull(model, "model");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        this.steps = steps;
        this.provenance = new Provenance(NAME, Map.of("steps", Integer.toString(steps),
                "baseline", "side features off"), 0L, model.info().id());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Integrated gradients of one pair, with the attribution values (for checks). */
    public FeatureAttribution attribution(int user, int item) {
        return model.integratedGradients(user, item, steps);
    }

    @Override
    public Explanation explain(int user, int item) {
        long start = System.nanoTime();
        FeatureAttribution ig = attribution(user, item);
        SideFeatures itemFeatures = model.data().itemFeatures();
        SideFeatures userFeatures = model.data().userFeatures();
        List<Attribution> attributions = new ArrayList<>();
        add(attributions, itemFeatures.of(item), ig.itemFeatures(), ig.itemAttributions(),
                (f, value, w) -> FeatureAttributions.item(itemFeatures.dictionary(), f, value, w));
        add(attributions, userFeatures.of(user), ig.userFeatures(), ig.userAttributions(),
                (f, value, w) -> FeatureAttributions.user(userFeatures.dictionary(), f, value, w));
        String note = attributions.isEmpty() ? "the item and the user have no side features to attribute the score to"
                : String.format(Locale.ROOT, "integrated gradients over %d side features (%d trapezoid steps); they "
                        + "sum to f(x) - f(baseline) = %.6g - %.6g up to %.2g (quadrature)", attributions.size(),
                        steps, ig.score(), ig.baselineScore(), ig.completenessError());
        return Explanations.of(Explanations.target(model, user, item, ig.score()), provenance, attributions,
                Optional.empty(), Optional.of(note), start);
    }

    @FunctionalInterface
    private interface FeatureAttributionOf {
        Attribution of(int feature, float value, double weight);
    }

    private static void add(List<Attribution> out, Row row, int[] features, double[] weights, FeatureAttributionOf of) {
        for (int p = 0; p < features.length; p++) {
            int at = row.find(features[p]);
            float value = at < 0 ? 1f : row.values()[at];
            out.add(of.of(features[p], value, weights[p]));
        }
    }
}

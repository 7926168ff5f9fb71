package org.recxplain.eval.metrics;

/**
 * A predicted value and the actual one: a rating prediction and the true rating ({@link RatingError}), or a
 * predicted and an actual change of a score ({@link CorrelationMetric}).
 *
 * @param predicted the predicted value, finite
 * @param actual    the actual value, finite
 */
public record ScorePair(double predicted, double actual) {
    /**
     * Checks the components (and copies arrays).
     *
     * @throws IllegalArgumentException if either value is NaN or infinite
     */
    public ScorePair {
        predicted = Checks.finite(predicted, "predicted value");
        actual = Checks.finite(actual, "actual value");
    }
}

package org.recxplain.eval.metrics;

/**
 * A predicted value and the actual one: a rating prediction and the true rating ({@link RatingError}), or a
 * predicted and an actual change of a score ({@link CorrelationMetric}).
 *
 * @param predicted the predicted value, finite
 * @param actual    the actual value, finite
 * @throws IllegalArgumentException if either value is NaN or infinite
 */
public record ScorePair(double predicted, double actual) {
    public ScorePair {
        predicted = Checks.finite(predicted, "predicted value");
        actual = Checks.finite(actual, "actual value");
    }
}

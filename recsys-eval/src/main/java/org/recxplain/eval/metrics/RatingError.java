package org.recxplain.eval.metrics;

import java.util.Objects;

/**
 * Rating prediction error over all (prediction, rating) pairs: MAE = (1/n) Σ |p − a| and
 * RMSE = √((1/n) Σ (p − a)²) (see for example Herlocker et al., "Evaluating collaborative filtering
 * recommender systems", TOIS 2004). Each observation is one rated pair, not one user.
 *
 * <p>Confidence intervals: MAE gets the t interval of a mean ({@link Summary}); RMSE gets the t interval of
 * the mean squared error mapped through the square root (lower end clamped at 0), which keeps its 95%
 * coverage because the square root is increasing.
 *
 * @param kind RMSE or MAE
 */
public record RatingError(Kind kind) implements Metric<ScorePair, Summary> {

    /** The error measures. */
    public enum Kind {
        RMSE, MAE
    }

    public RatingError {
        Objects.requireNonNull(kind, "kind");
    }

    /** The RMSE metric. */
    public static RatingError rmse() {
        return new RatingError(Kind.RMSE);
    }

    /** The MAE metric. */
    public static RatingError mae() {
        return new RatingError(Kind.MAE);
    }

    @Override
    public String name() {
        return kind.name();
    }

    @Override
    public Accumulator<ScorePair, Summary> newAccumulator() {
        return new Acc(this);
    }

    private static final class Acc extends AbstractAccumulator<ScorePair, Summary, Acc> {
        private final Kind kind;
        private final Moments moments = new Moments();

        Acc(RatingError metric) {
            super(metric);
            this.kind = metric.kind;
        }

        @Override
        public void add(ScorePair pair) {
            double e = pair.predicted() - pair.actual();
            moments.add(kind == Kind.MAE ? Math.abs(e) : e * e);
        }

        @Override
        void mergeSame(Acc other) {
            moments.merge(other.moments);
        }

        @Override
        public Summary result() {
            Summary s = moments.summary();
            return kind == Kind.MAE ? s : s.map(v -> Math.sqrt(Math.max(0, v)));
        }
    }
}

package org.recxplain.eval.metrics;

import org.recxplain.explain.Explanation;

/**
 * The cost of explaining one target, the observation of {@link CostMetric}.
 *
 * @param latencyNanos wall-clock time, in nanoseconds (≥ 0)
 * @param modelCalls   the number of model evaluations (scoring calls) made (≥ 0)
 */
public record CostSample(long latencyNanos, long modelCalls) {
    /**
     * Checks the components (and copies arrays).
     *
     * @throws IllegalArgumentException if a value is negative
     */
    public CostSample {
        if (latencyNanos < 0 || modelCalls < 0) {
            throw new IllegalArgumentException("cost must be non-negative, got latency " + latencyNanos
                    + " ns and " + modelCalls + " model calls");
        }
    }

    /** The cost of an explanation: its recorded elapsed time and the given number of model calls. */
    public static CostSample of(Explanation explanation, long modelCalls) {
        return new CostSample(explanation.elapsed().toNanos(), modelCalls);
    }
}

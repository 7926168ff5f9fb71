package org.recxplain.eval.metrics;

import java.util.Objects;

/**
 * The result of {@link CostMetric}.
 *
 * @param n                the number of explained targets
 * @param latencyP50Millis median latency in milliseconds (NaN when n = 0)
 * @param latencyP95Millis 95th percentile of latency in milliseconds (NaN when n = 0)
 * @param latencyMillis    mean latency in milliseconds, with its interval
 * @param modelCalls       mean number of model calls per target, with its interval
 */
public record CostSummary(long n, double latencyP50Millis, double latencyP95Millis, Summary latencyMillis,
                          Summary modelCalls) {
    public CostSummary {
        Objects.requireNonNull(latencyMillis, "latencyMillis");
        Objects.requireNonNull(modelCalls, "modelCalls");
    }
}

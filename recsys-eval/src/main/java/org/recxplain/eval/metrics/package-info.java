/**
 * Mergeable metric accumulators for evaluating recommenders and their explanations.
 *
 * <p><b>Design.</b> A {@link org.recxplain.eval.metrics.Metric} is an immutable definition (a record: kind
 * and parameters, such as NDCG@10) and a factory of {@link org.recxplain.eval.metrics.Accumulator}s. An
 * accumulator takes one observation at a time ({@code add}), absorbs another accumulator of an equal metric
 * built in parallel ({@code merge}) and reports an immutable result ({@code result}). Metrics defined per
 * observation and averaged implement {@link org.recxplain.eval.metrics.MeanMetric} and report a
 * {@link org.recxplain.eval.metrics.Summary}: mean, 95% t confidence interval, n, and the number of
 * observations for which the metric was undefined (skipped, never silently dropped).
 *
 * <p><b>Order independence, to the last bit.</b> Any partition of the observations, accumulated separately
 * and merged in any order, gives a result equal to one sequential pass. This holds by construction:
 * <ul>
 *   <li>sums are exact ({@link org.recxplain.eval.metrics.ExactSum}: Shewchuk partials, products split with
 *       FMA) and rounded once when a result is read, so Σx, Σx², Σxy do not depend on order; variances and
 *       covariances are computed from those exact sums around the rounded mean, again exactly;</li>
 *   <li>set-valued state (catalogue coverage) merges by union;</li>
 *   <li>metrics that need every value (Spearman's ranks, latency quantiles) keep the values, merge by
 *       concatenation and sort before use, so only the multiset matters.</li>
 * </ul>
 * Per-observation values are computed in a fixed order within the observation, so they are functions of
 * the observation alone.
 *
 * <p><b>Metrics.</b> Ranking accuracy: {@link org.recxplain.eval.metrics.RankingMetric} (NDCG, Recall,
 * Precision, HR, MAP, MRR at k), {@link org.recxplain.eval.metrics.CatalogueCoverage},
 * {@link org.recxplain.eval.metrics.RatingError} (RMSE, MAE). Explanation fidelity:
 * {@link org.recxplain.eval.metrics.RemovalFidelity} (POS, DEL, INS, CDCG curves and AUCs),
 * {@link org.recxplain.eval.metrics.NecessitySufficiency} (PN, PS, F_NS),
 * {@link org.recxplain.eval.metrics.ExplainedShare} (MEP). Stability:
 * {@link org.recxplain.eval.metrics.Stability} (Jaccard@k, Kendall τ-b, VSI, CSI). Agreement of predicted
 * and actual changes: {@link org.recxplain.eval.metrics.CorrelationMetric} (Pearson, Spearman). Cost:
 * {@link org.recxplain.eval.metrics.CostMetric}.
 *
 * <p><b>Thread-safety.</b> Metrics and results are immutable; accumulators are not thread-safe: use one per
 * thread and merge (as {@link org.recxplain.eval.metrics.Metric#collector()} does for parallel streams).
 */
package org.recxplain.eval.metrics;

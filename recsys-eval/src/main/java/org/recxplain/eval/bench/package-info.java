/**
 * The explanation benchmark: a configurable grid of data sets, models, explainers and seeds
 * ({@link org.recxplain.eval.bench.BenchConfig}), a resumable parallel runner
 * ({@link org.recxplain.eval.bench.BenchmarkRunner}), aggregated results written as CSV and JSON, and a
 * self-contained HTML report.
 */
package org.recxplain.eval.bench;

package org.recxplain.eval.bench;

import org.recxplain.eval.metrics.Summary;

/**
 * One line of {@code results.csv}: a metric of one explainer on one model and data set, over all seeds.
 *
 * @param dataset   data set label
 * @param model     model label
 * @param explainer explainer name
 * @param metric    metric name, e.g. {@code POS@5 AUC}
 * @param mean      the mean
 * @param ciLow     lower end of the 95% confidence interval (NaN when n &lt; 2)
 * @param ciHigh    upper end
 * @param n         number of observations
 */
public record ResultRow(String dataset, String model, String explainer, String metric, double mean, double ciLow,
                        double ciHigh, long n) {

    static ResultRow of(String dataset, String model, String explainer, String metric, Summary s) {
        return new ResultRow(dataset, model, explainer, metric, s.mean(), s.ciLow(), s.ciHigh(), s.n());
    }
}

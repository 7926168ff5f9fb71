package org.recxplain.eval.accuracy;

import org.recxplain.eval.metrics.Coverage;
import org.recxplain.eval.metrics.Summary;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The accuracy of one trained model on one held-out split.
 *
 * @param label          a readable label of the model (a spec label such as {@code als(factors=64)})
 * @param modelId        {@link org.recxplain.model.ModelInfo#id()} of the evaluated model
 * @param k              the cutoff of the top-k metrics
 * @param users          users evaluated: those with at least one held-out item
 * @param skippedUsers   users without held-out items, not evaluated (counted, never silently dropped)
 * @param ranking        the mean of each ranking metric over the evaluated users, by name, in a fixed order
 *                       ({@code NDCG@k}, {@code Recall@k}, {@code Precision@k}, {@code HR@k}, {@code MAP@k},
 *                       {@code MRR@k}, then {@code MRR}, the reciprocal rank of the first held-out item in the
 *                       full ranking)
 * @param coverage       catalogue coverage of the top-k lists
 * @param rating         rating errors, or {@code null} when the model does not predict ratings
 * @param trainTime      the time training took, or {@code null} when the evaluator did not train the model
 * @param scoreTime      the total time of the {@code scoreAll} calls (summed over threads)
 * @param evaluationTime wall time of the whole evaluation
 */
public record AccuracyResult(String label, String modelId, int k, long users, long skippedUsers,
                             Map<String, Summary> ranking, Coverage coverage, RatingErrors rating,
                             Duration trainTime, Duration scoreTime, Duration evaluationTime) {

    /**
     * Rating-prediction errors over the held-out pairs.
     *
     * @param rmse        root mean squared error over the predicted pairs
     * @param mae         mean absolute error over the predicted pairs
     * @param unpredicted held-out pairs the model could not predict (NaN or infinite prediction), left out
     */
    public record RatingErrors(Summary rmse, Summary mae, long unpredicted) {
        public RatingErrors {
            Objects.requireNonNull(rmse, "rmse");
            Objects.requireNonNull(mae, "mae");
        }
    }

    public AccuracyResult {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(modelId, "modelId");
        ranking = Collections.unmodifiableMap(new LinkedHashMap<>(ranking));
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(scoreTime, "scoreTime");
        Objects.requireNonNull(evaluationTime, "evaluationTime");
    }

    /**
     * The mean of a ranking metric by name, such as {@code NDCG@10}.
     *
     * @throws NoSuchElementException naming the metric and those available if there is no such metric
     */
    public double metric(String name) {
        Summary s = ranking.get(name);
        if (s == null) {
            throw new NoSuchElementException("no metric '" + name + "'; available: " + String.join(", ",
                    ranking.keySet()));
        }
        return s.mean();
    }

    /** The mean scoring time per evaluated user, in milliseconds (NaN without users). */
    public double scoreMillisPerUser() {
        return users == 0 ? Double.NaN : scoreTime.toNanos() / 1e6 / users;
    }

    /** This result without its times (training, scoring and evaluation set to zero), for comparing runs. */
    public AccuracyResult withoutTimes() {
        return new AccuracyResult(label, modelId, k, users, skippedUsers, ranking, coverage, rating,
                trainTime == null ? null : Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
}

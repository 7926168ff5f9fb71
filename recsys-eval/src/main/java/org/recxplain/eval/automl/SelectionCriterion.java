package org.recxplain.eval.automl;

import org.recxplain.data.Interactions;
import org.recxplain.eval.accuracy.AccuracyEvaluator;
import org.recxplain.eval.metrics.RankingMetric;
import org.recxplain.model.Recommender;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the search compares trained configurations: a number computed from a trained model and held-out
 * interactions over the same ID maps (the validation half during the search, the test half for the final
 * score). {@link #accuracy} ranks by an accuracy metric; an explanation-fidelity criterion (for example the
 * deletion AUC of an explainer on the held-out users) can implement the same interface.
 *
 * <p>Implementations must be deterministic (times aside, nothing random without a fixed seed) and
 * thread-safe.
 */
public interface SelectionCriterion {

    /** A short name for reports, such as {@code NDCG@10}. */
    String name();

    /** Whether larger values are better (true for accuracy; false for an error or a loss). */
    default boolean higherIsBetter() {
        return true;
    }

    /**
     * The criterion's value for a trained model on held-out interactions; NaN if it is undefined (no
     * evaluable user).
     */
    double evaluate(Recommender model, Interactions heldOut);

    /**
     * A ranking-accuracy criterion: the mean of {@code metric} (a name of {@link AccuracyEvaluator}'s results
     * at the evaluator's cutoff, such as {@code NDCG@10}, {@code HR@10} or {@code MRR}).
     *
     * @throws IllegalArgumentException if the evaluator does not compute that metric; the message lists those
     *                                  it does
     */
    static SelectionCriterion accuracy(String metric, AccuracyEvaluator evaluator) {
        return new Accuracy(metric, evaluator);
    }

    /** NDCG@10 with the default evaluator. */
    static SelectionCriterion ndcg10() {
        return accuracy("NDCG@10", AccuracyEvaluator.withDefaults());
    }

    /** See {@link SelectionCriterion#accuracy}. */
    record Accuracy(String metric, AccuracyEvaluator evaluator) implements SelectionCriterion {
        public Accuracy {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(evaluator, "evaluator");
            List<String> known = new ArrayList<>();
            for (RankingMetric m : RankingMetric.all(evaluator.options().k())) {
                known.add(m.name());
            }
            known.add(AccuracyEvaluator.FULL_MRR);
            if (!known.contains(metric)) {
                throw new IllegalArgumentException("unknown selection metric '" + metric + "'; known at k = "
                        + evaluator.options().k() + ": " + String.join(", ", known));
            }
        }

        @Override
        public String name() {
            return metric;
        }

        @Override
        public double evaluate(Recommender model, Interactions heldOut) {
            return evaluator.evaluate(metric, model, heldOut, null).metric(metric);
        }
    }
}

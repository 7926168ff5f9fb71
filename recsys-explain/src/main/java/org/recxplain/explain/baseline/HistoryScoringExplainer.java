package org.recxplain.explain.baseline;

import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.BatchExplainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Recommender;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Base of the model-agnostic explainers that weigh each past interaction by a rule that does not look
 * inside the model (random, popularity, cosine similarity). They are the baselines of every evaluation
 * table, and the fallback for black-box models. One score call per explanation, for the target's score.
 *
 * <p>Thread-safety: subclasses must be immutable.
 */
abstract class HistoryScoringExplainer implements BatchExplainer {
    protected final Recommender model;
    private final Provenance provenance;

    HistoryScoringExplainer(Recommender model, Provenance provenance) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.provenance = provenance;
    }

    /** The weight of each history entry (in history order) for {@code item}. */
    abstract double[] weights(int user, int item, Row history);


    @Override
    public List<Explanation> explain(int user, int[] items) {
        long start = System.nanoTime();
        Dataset data = model.data();
        Row history = data.interactions().userRow(user);
        float[] scores = new float[model.numItems()];
        model.scoreAll(user, scores);
        List<Explanation> out = new ArrayList<>(items.length);
        for (int item : items) {
            java.util.Objects.checkIndex(item, data.interactions().numItems());
            double[] w = weights(user, item, history);
            List<Attribution> attributions = new ArrayList<>(w.length);
            for (int p = 0; p < w.length; p++) {
                attributions.add(Explanations.interaction(data, history.indices()[p], w[p]));
            }
            Optional<String> note = w.length == 0 ? Optional.of(Explanations.NO_HISTORY) : Optional.empty();
            out.add(Explanations.of(Explanations.target(model, user, item, scores[item]), provenance, attributions,
                    Optional.empty(), note, start));
            start = System.nanoTime();
        }
        return out;
    }
}

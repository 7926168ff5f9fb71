package org.recxplain.explain.neighbourhood;

import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.knn.ItemKnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exact neighbourhood explanation of item-kNN: each past interaction j is credited with its term
 * sim(i, j) w(r_uj) of the score (zero when j is not among i's neighbours), so the weights sum to the
 * score. Cost O(|H_u| log N) per item. Immutable and thread-safe.
 */
public final class ItemKnnNeighbourhoodExplainer implements Explainer {
    private final ItemKnn model;
    private final Provenance provenance;

    public ItemKnnNeighbourhoodExplainer(ItemKnn model) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.provenance = new Provenance(AlsNeighbourhoodExplainer.NAME, Map.of("method", "exact-knn-terms"), 0L,
                model.info().id());
    }

    @Override
    public String name() {
        return AlsNeighbourhoodExplainer.NAME;
    }

    @Override
    public Explanation explain(int user, int item) {
        long start = System.nanoTime();
        int[] hist = model.data().interactions().userRow(user).indices();
        double[] w = model.contributions(user, item);
        List<Attribution> attributions = new ArrayList<>(w.length);
        for (int p = 0; p < w.length; p++) {
            attributions.add(Explanations.interaction(model.data(), hist[p], w[p]));
        }
        Optional<String> note = hist.length == 0 ? Optional.of(Explanations.NO_HISTORY) : Optional.empty();
        return Explanations.of(Explanations.target(model, user, item, model.score(user, item)), provenance,
                attributions, Optional.empty(), note, start);
    }
}

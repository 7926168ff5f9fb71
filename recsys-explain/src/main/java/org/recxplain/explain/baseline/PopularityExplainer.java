package org.recxplain.explain.baseline;

import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Recommender;

import java.util.Map;

/**
 * The popularity baseline: each past interaction is weighted by the share of users who interacted with
 * that item, whatever the explained item is. Immutable and thread-safe.
 */
public final class PopularityExplainer extends HistoryScoringExplainer {
    public static final String NAME = "popularity";

    public PopularityExplainer(Recommender model) {
        super(model, new Provenance(NAME, Map.of(), 0L, model.info().id()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    double[] weights(int user, int item, Row history) {
        Interactions x = model.data().interactions();
        double[] w = new double[history.size()];
        for (int p = 0; p < w.length; p++) {
            w[p] = x.itemDegree(history.indices()[p]) / (double) x.numUsers();
        }
        return w;
    }
}

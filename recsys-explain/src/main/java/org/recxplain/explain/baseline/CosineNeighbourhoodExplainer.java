package org.recxplain.explain.baseline;

import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Recommender;

import java.util.Map;

/**
 * The model-agnostic neighbourhood: each past interaction j is weighted by the cosine similarity of items
 * i and j over the training data's users (binary: |U_i and U_j| / sqrt(|U_i| |U_j|)). It never looks
 * inside the model, so it serves black boxes (Mahout, LibRec, neural models) and is a baseline for the
 * exact explainers. Cost per item: O(sum over j of |U_i| + |U_j|). Immutable and thread-safe.
 */
public final class CosineNeighbourhoodExplainer extends HistoryScoringExplainer {
    public static final String NAME = "cosine";

    public CosineNeighbourhoodExplainer(Recommender model) {
        super(model, new Provenance(NAME, Map.of("similarity", "binary-cosine-over-users"), 0L, model.info().id()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    double[] weights(int user, int item, Row history) {
        Interactions x = model.data().interactions();
        int[] ui = x.itemColumn(item).indices();
        double[] w = new double[history.size()];
        for (int p = 0; p < w.length; p++) {
            int[] uj = x.itemColumn(history.indices()[p]).indices();
            if (ui.length == 0 || uj.length == 0) {
                continue;
            }
            w[p] = intersection(ui, uj) / Math.sqrt((double) ui.length * uj.length);
        }
        return w;
    }

    /** Size of the intersection of two ascending arrays. */
    static int intersection(int[] a, int[] b) {
        int n = 0;
        for (int p = 0, q = 0; p < a.length && q < b.length; ) {
            if (a[p] < b[q]) {
                p++;
            } else if (a[p] > b[q]) {
                q++;
            } else {
                n++;
                p++;
                q++;
            }
        }
        return n;
    }
}

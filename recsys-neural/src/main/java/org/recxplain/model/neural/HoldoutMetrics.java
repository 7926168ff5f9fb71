package org.recxplain.model.neural;

import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;

/**
 * Full-catalogue ranking metrics of a model on held-out interactions, for {@link NeuMfBench} and the tests
 * of this module (the evaluation module has the complete metric suite, but this module cannot depend on
 * it). Every item is ranked, except the user's training items. Stateless.
 */
final class HoldoutMetrics {
    private HoldoutMetrics() {
    }

    /** Hit rate and NDCG at k, averaged over the test users (users with a held-out item). */
    record Result(double hitRate, double ndcg, int users) {
    }

    /**
     * HR@k (share of test users with a held-out item in their top k) and NDCG@k (binary relevance, ideal DCG
     * over min(k, held-out items)).
     */
    static Result evaluate(Recommender model, Interactions train, Interactions test, int k) {
        float[] scores = new float[model.numItems()];
        double hits = 0;
        double ndcg = 0;
        int users = 0;
        for (int u = 0; u < test.numUsers(); u++) {
            Row held = test.userRow(u);
            if (held.size() == 0) {
                continue;
            }
            users++;
            model.scoreAll(u, scores);
            int[] top = Rankings.topK(scores, k, train.userRow(u).indices());
            double dcg = 0;
            boolean hit = false;
            for (int r = 0; r < top.length; r++) {
                if (held.find(top[r]) >= 0) {
                    hit = true;
                    dcg += 1 / log2(r + 2);
                }
            }
            double ideal = 0;
            for (int r = 0; r < Math.min(k, held.size()); r++) {
                ideal += 1 / log2(r + 2);
            }
            hits += hit ? 1 : 0;
            ndcg += dcg / ideal;
        }
        return new Result(users == 0 ? 0 : hits / users, users == 0 ? 0 : ndcg / users, users);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

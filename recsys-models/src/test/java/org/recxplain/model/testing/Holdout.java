package org.recxplain.model.testing;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.data.split.Split;
import org.recxplain.data.split.Splitter;
import org.recxplain.data.split.Splitters;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;

/**
 * Test support shared by the model and explainer tests (published in the recsys-models test-jar): splits
 * of a data set into train and test data sets, and hit rate at k. Stateless.
 */
public final class Holdout {
    private Holdout() {
    }

    /** A training part and a test part over the same user and item IDs, with the data set's features. */
    public record Parts(Dataset train, Dataset test) {
    }

    /** Each user with at least two interactions gives their latest one to test ({@link Splitters#leaveLastOut}). */
    public static Parts leaveLastOut(Dataset data) {
        return split(data, Splitters.leaveLastOut(1));
    }

    /** A seeded per-user random hold-out of {@code testShare} ({@link Splitters#randomHoldout}). */
    public static Parts random(Dataset data, double testShare, long seed) {
        return split(data, Splitters.randomHoldout(testShare, seed));
    }

    private static Parts split(Dataset data, Splitter splitter) {
        Split s = splitter.split(data.interactions());
        return new Parts(data.withInteractions(s.train()), data.withInteractions(s.test()));
    }

    /** The share of test users with a held-out item in their top k (training items excluded). */
    public static double hitRate(Recommender model, Interactions test, int k) {
        float[] scores = new float[model.numItems()];
        int hits = 0;
        int users = 0;
        for (int u = 0; u < test.numUsers(); u++) {
            Row held = test.userRow(u);
            if (held.size() == 0) {
                continue;
            }
            users++;
            model.scoreAll(u, scores);
            for (int i : Rankings.topK(scores, k, model.data().interactions().userRow(u).indices())) {
                if (held.find(i) >= 0) {
                    hits++;
                    break;
                }
            }
        }
        return hits / (double) users;
    }
}

package org.recxplain.model.knn;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;

/**
 * Test support shared by the model-zoo tests (knn, mf, bpr): a leave-last-out split and hit rate at k.
 * Stateless.
 */
public final class Holdout {
    private Holdout() {
    }

    /** A training part and a test part over the same user and item IDs. */
    public record Split(Dataset train, Dataset test) {
    }

    /** Each user with at least two interactions gives their latest one to test; the rest stays in train. */
    public static Split leaveLastOut(Dataset data) {
        Interactions x = data.interactions();
        InteractionsBuilder train = builderLike(x);
        InteractionsBuilder test = builderLike(x);
        for (int u = 0; u < x.numUsers(); u++) {
            Row r = x.userRow(u);
            int last = r.size() < 2 ? -1 : latest(r.timestamps());
            for (int p = 0; p < r.size(); p++) {
                (p == last ? test : train).add(u, r.indices()[p], r.values()[p], r.timestamps()[p]);
            }
        }
        return new Split(data.withInteractions(train.build()), data.withInteractions(test.build()));
    }

    /** Each interaction goes to test with probability {@code testShare} (seeded), otherwise to train. */
    public static Split random(Dataset data, double testShare, long seed) {
        Interactions x = data.interactions();
        InteractionsBuilder train = builderLike(x);
        InteractionsBuilder test = builderLike(x);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int u = 0; u < x.numUsers(); u++) {
            Row r = x.userRow(u);
            for (int p = 0; p < r.size(); p++) {
                (rnd.nextDouble() < testShare ? test : train).add(u, r.indices()[p], r.values()[p], r.timestamps()[p]);
            }
        }
        return new Split(data.withInteractions(train.build()), data.withInteractions(test.build()));
    }

    private static InteractionsBuilder builderLike(Interactions x) {
        InteractionsBuilder b = new InteractionsBuilder();
        x.users().ids().forEach(b::addUser);
        x.items().ids().forEach(b::addItem);
        return b;
    }

    private static int latest(long[] times) {
        int last = 0;
        for (int p = 1; p < times.length; p++) {
            if (times[p] > times[last]) {
                last = p;
            }
        }
        return last;
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

package org.recxplain.model.mf;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.ExactRemoval;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Sherman-Morrison and Woodbury removals for biased MF against an explicit refit (the fold-in). */
class MfRemovalTest {
    static BiasedMf mf;

    @BeforeAll
    static void train() {
        mf = BiasedMf.train(new SyntheticData(150, 120, 6, 2, 25, 0.3, 4).generate().dataset(),
                BiasedMf.Config.defaults().withFactors(6).withIterations(5).withLambda(2).withThreads(2));
    }

    static double refitScore(Row history, int item) {
        return mf.userSystem(history).score(item);
    }

    @Test
    void singleRemovalsEqualRefit() {
        for (int u = 0; u < 150; u += 7) {
            MfRemoval r = new MfRemoval(mf, u);
            Row h = mf.data().interactions().userRow(u);
            int item = (u * 11) % mf.numItems();
            assertEquals(mf.score(u, item), r.score(item), 1e-9 * (1 + Math.abs(mf.score(u, item))));
            double[] after = r.scoresAfterSingleRemovals(item);
            for (int p = 0; p < h.size(); p++) {
                double expected = refitScore(h.without(h.indices()[p]), item);
                assertEquals(expected, after[p], 1e-9 * (1 + Math.abs(expected)), "user " + u + " without " + p);
            }
        }
    }

    @Test
    void groupAndSequentialRemovalsEqualRefit() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int trial = 0; trial < 100; trial++) {
            int u = rnd.nextInt(150);
            Row h = mf.data().interactions().userRow(u);
            int[] removed = rnd.ints(1 + rnd.nextInt(h.size()), 0, h.size()).map(p -> h.indices()[p]).distinct().toArray();
            double[] expected = mf.userSystem(h.without(removed)).solution();
            MfRemoval r = new MfRemoval(mf, u);
            double[] woodbury = r.parametersWithout(removed);
            var dd = r.kernel().downdate();
            int[] hist = r.historyItems();
            for (int item : removed) {
                dd.remove(Arrays.binarySearch(hist, item));
            }
            for (int f = 0; f < expected.length; f++) {
                assertEquals(expected[f], woodbury[f], 1e-9 * (1 + Math.abs(expected[f])), "Woodbury, user " + u);
                assertEquals(expected[f], dd.solution()[f], 1e-9 * (1 + Math.abs(expected[f])), "downdates, user " + u);
            }
            float[] all = new float[mf.numItems()];
            float[] folded = new float[mf.numItems()];
            r.scoreAllWithout(all, removed);
            mf.scoreAllFolded(u, h.without(removed), folded);
            for (int i = 0; i < all.length; i++) {
                assertEquals(folded[i], all[i], 1e-5f * (1 + Math.abs(folded[i])));
            }
            ExactRemoval.Downdate gdd = r.downdate();
            gdd.remove(0);
            assertEquals(refitScore(h.without(hist[0]), 3), gdd.score(3), 1e-9 * (1 + Math.abs(gdd.score(3))));
        }
    }
}

package org.recxplain.model.als;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Sherman-Morrison and Woodbury removals against an explicit refit (the fold-in on the reduced history). */
class AlsRemovalTest {
    static ImplicitAls als;

    /** Random data with random counts (so confidences differ) and some zero values (preference 0). */
    @BeforeAll
    static void train() {
        SplittableRandom rnd = new SplittableRandom(99);
        InteractionsBuilder b = new InteractionsBuilder();
        for (int u = 0; u < 120; u++) {
            int n = 3 + rnd.nextInt(40);
            for (int e = 0; e < n; e++) {
                b.add(u, rnd.nextInt(150), rnd.nextInt(10) == 0 ? 0f : 1 + rnd.nextInt(5), 0);
            }
        }
        als = ImplicitAls.train(Dataset.of("random", b.build()), ImplicitAls.Config.defaults().withFactors(12)
                .withIterations(5).withAlpha(3).withLambda(0.3).withThreads(1));
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        for (int f = 0; f < expected.length; f++) {
            assertEquals(expected[f], actual[f], 1e-9 * (1 + Math.abs(expected[f])), what + " [" + f + "]");
        }
    }

    @Test
    void singleRemovalsEqualRefit() {
        for (int u = 0; u < 120; u += 3) {
            AlsRemoval r = new AlsRemoval(als, u);
            Row h = als.data().interactions().userRow(u);
            int target = (u * 7) % als.numItems();
            double[] after = r.scoresAfterSingleRemovals(target);
            for (int p = 0; p < h.size(); p++) {
                ImplicitAls.UserSystem refit = als.userSystem(h.without(h.indices()[p]));
                assertEquals(refit.score(target), after[p], 1e-9 * (1 + Math.abs(refit.score(target))),
                        "user " + u + " without item " + h.indices()[p]);
                assertClose(refit.factor(), r.factorWithout(h.indices()[p]), "Woodbury with one item, user " + u);
            }
        }
    }

    @Test
    void groupRemovalsEqualRefit() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int u = rnd.nextInt(120);
            Row h = als.data().interactions().userRow(u);
            int s = 1 + rnd.nextInt(h.size());
            int[] removed = new int[s];
            for (int q = 0; q < s; q++) {
                removed[q] = h.indices()[rnd.nextInt(h.size())]; // duplicates allowed: removed once
            }
            double[] expected = als.userSystem(h.without(removed)).factor();
            AlsRemoval r = new AlsRemoval(als, u);
            assertClose(expected, r.factorWithout(removed), "Woodbury, user " + u);
            var dd = r.kernel().downdate();
            int[] hist = r.historyItems();
            for (int item : java.util.Arrays.stream(removed).distinct().toArray()) {
                dd.remove(java.util.Arrays.binarySearch(hist, item));
            }
            assertClose(expected, dd.solution(), "sequential Sherman-Morrison, user " + u);
        }
    }

    @Test
    void removingEverythingLeavesTheZeroFactor() {
        int u = 4;
        AlsRemoval r = new AlsRemoval(als, u);
        double[] x = r.factorWithout(r.historyItems());
        for (double v : x) {
            assertEquals(0, v, 1e-9);
        }
    }

    @Test
    void gapChangesMatchSingleRemovalScores() {
        int u = 10;
        AlsRemoval r = new AlsRemoval(als, u);
        double[] a = r.scoresAfterSingleRemovals(3);
        double[] b = r.scoresAfterSingleRemovals(8);
        double[] gap = r.gapChangesOfSingleRemovals(3, 8);
        double before = r.system().score(3) - r.system().score(8);
        for (int p = 0; p < gap.length; p++) {
            assertEquals((a[p] - b[p]) - before, gap[p], 1e-9);
        }
    }
}

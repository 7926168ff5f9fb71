package org.recxplain.model.bpr;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.Popularity;
import org.recxplain.model.Rankings;
import org.recxplain.model.testing.Holdout;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class BprMfTest {
    static final BprMf.Config SMALL = BprMf.Config.defaults().withFactors(16).withEpochs(20).withThreads(2);

    static double norm(double[] v) {
        return Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
    }

    @Test
    void clearlyBeatsPopularityOnPlantedData() {
        Holdout.Parts split = Holdout.leaveLastOut(new SyntheticData(600, 400, 10, 2, 30, 0.05, 3).generate().dataset());
        double popHr = Holdout.hitRate(Popularity.train(split.train()), split.test().interactions(), 10);
        double hr = Holdout.hitRate(BprMf.train(split.train(), SMALL), split.test().interactions(), 10);
        org.slf4j.LoggerFactory.getLogger(BprMfTest.class).info("BPR HR@10 {} vs popularity {}", hr, popHr);
        assertTrue(hr > 1.5 * popHr && hr - popHr > 0.1, "HR@10 " + hr + " should clearly beat popularity " + popHr);
    }

    @Test
    void sameSeedSameParametersWhateverTheThreads() {
        Dataset data = SyntheticData.small(11).generate().dataset();
        BprMf one = BprMf.train(data, SMALL.withThreads(1));
        BprMf three = BprMf.train(data, SMALL.withThreads(3));
        for (int u = 0; u < data.interactions().numUsers(); u++) {
            assertArrayEquals(one.userFactor(u), three.userFactor(u));
        }
        for (int i = 0; i < one.numItems(); i++) {
            assertArrayEquals(one.itemFactor(i), three.itemFactor(i));
            assertEquals(one.itemBias(i), three.itemBias(i));
        }
        assertEquals(one.info(), three.info());
        BprMf other = BprMf.train(data, SMALL.withSeed(7));
        assertFalse(Arrays.equals(one.itemFactor(0), other.itemFactor(0)));
        assertNotEquals(one.info().fingerprint(), other.info().fingerprint());
        BprMf noBias = BprMf.train(data, SMALL.withItemBias(false).withEpochs(2));
        for (int i = 0; i < noBias.numItems(); i++) {
            assertEquals(0, noBias.itemBias(i));
        }
    }

    @Test
    void storedUserVectorsAreTheFoldInOfTheirHistory() {
        Dataset data = SyntheticData.small(5).generate().dataset();
        BprMf bpr = BprMf.train(data, SMALL.withEpochs(5));
        float[] stored = new float[bpr.numItems()];
        float[] folded = new float[bpr.numItems()];
        for (int u = 0; u < data.interactions().numUsers(); u += 9) {
            Row h = data.interactions().userRow(u);
            assertArrayEquals(bpr.userFactor(u), bpr.foldIn(h), "user " + u);
            assertTrue(norm(bpr.userGradient(h, bpr.userFactor(u))) < 1e-8);
            bpr.scoreAll(u, stored);
            bpr.scoreAllFolded(u, h, folded);
            assertArrayEquals(stored, folded);
            assertEquals(stored[3], (float) bpr.score(u, 3));
        }
    }

    @Test
    void foldInHasNearZeroGradientAndLowerLossThanNeighbours() {
        Dataset data = SyntheticData.small(9).generate().dataset();
        for (BprMf.Config c : new BprMf.Config[] {SMALL.withEpochs(5), SMALL.withEpochs(5).withFoldInNegatives(40)}) {
            BprMf bpr = BprMf.train(data, c);
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
            for (int u = 0; u < 40; u += 4) {
                Row full = data.interactions().userRow(u);
                Row h = full.without(full.indices()[0], full.indices()[full.size() - 1]);
                double[] p = bpr.foldIn(h);
                assertTrue(norm(bpr.userGradient(h, p)) < 1e-8, "gradient " + norm(bpr.userGradient(h, p)));
                double best = bpr.userLoss(h, p);
                for (int t = 0; t < 5; t++) {
                    double[] q = p.clone();
                    q[rnd.nextInt(q.length)] += rnd.nextBoolean() ? 1e-3 : -1e-3;
                    assertTrue(bpr.userLoss(h, q) > best);
                }
            }
        }
    }

    @Test
    void gradientAndHessianMatchFiniteDifferences() {
        Dataset data = SyntheticData.small(4).generate().dataset();
        BprMf bpr = BprMf.train(data, SMALL.withFactors(6).withEpochs(5).withFoldInNegatives(60));
        int k = bpr.factors();
        Row h = data.interactions().userRow(12);
        double[] p = new java.util.SplittableRandom(1).doubles(k, -1, 1).toArray();
        double[] g = bpr.userGradient(h, p);
        double[] hess = bpr.userHessian(h, p);
        double eps = 1e-5;
        for (int f = 0; f < k; f++) {
            double[] plus = p.clone();
            double[] minus = p.clone();
            plus[f] += eps;
            minus[f] -= eps;
            double numeric = (bpr.userLoss(h, plus) - bpr.userLoss(h, minus)) / (2 * eps);
            assertEquals(numeric, g[f], 1e-8, "gradient " + f);
            double[] gp = bpr.userGradient(h, plus);
            double[] gm = bpr.userGradient(h, minus);
            for (int c = 0; c < k; c++) {
                assertEquals((gp[c] - gm[c]) / (2 * eps), hess[c * k + f], 1e-7, "hessian " + c + "," + f);
                assertEquals(hess[f * k + c], hess[c * k + f], 0.0, "symmetric");
            }
        }
        // positive definite: the Cholesky factorisation succeeds
        new org.recxplain.model.linalg.Cholesky(hess, k);
    }

    @Test
    void gradientChangesEqualTheDifferenceOfTheTwoGradients() {
        Dataset data = SyntheticData.small(4).generate().dataset();
        // 5 negatives: most removals leave N as it is (the closed form); 60: both kinds; 0: every removal adds
        // to N, so every position must take the two gradients (the closed form would be wrong there)
        for (int negatives : new int[] {5, 60, 0}) {
            BprMf bpr = BprMf.train(data, SMALL.withFactors(6).withEpochs(5).withFoldInNegatives(negatives));
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(negatives);
            for (int u = 0; u < data.interactions().numUsers(); u += 7) {
                Row h = data.interactions().userRow(u);
                for (double[] p : new double[][] {bpr.userFactor(u), rnd.doubles(6, -1, 1).toArray()}) {
                    double[][] changes = bpr.userGradientChanges(h, p);
                    assertEquals(h.size(), changes.length);
                    double[] g = bpr.userGradient(h, p);
                    for (int j = 0; j < h.size(); j++) {
                        double[] expected = bpr.userGradient(h.without(h.indices()[j]), p);
                        for (int f = 0; f < 6; f++) {
                            expected[f] -= g[f];
                        }
                        double scale = Math.max(norm(expected), 1e-3);
                        for (int f = 0; f < 6; f++) {
                            assertEquals(expected[f], changes[j][f], 1e-12 * scale,
                                    "user " + u + ", position " + j + ", negatives " + negatives);
                        }
                    }
                }
            }
        }
    }

    @Test
    void foldInOfTheTrainingHistoryRanksHeldOutPositivesBetterThanRandom() {
        Holdout.Parts split = Holdout.leaveLastOut(new SyntheticData(400, 300, 10, 2, 30, 0.05, 6).generate().dataset());
        BprMf bpr = BprMf.train(split.train(), SMALL.withEpochs(10));
        Interactions train = split.train().interactions();
        Interactions test = split.test().interactions();
        float[] scores = new float[bpr.numItems()];
        double auc = 0;
        int users = 0;
        for (int u = 0; u < test.numUsers(); u++) {
            Row held = test.userRow(u);
            if (held.size() == 0) {
                continue;
            }
            Row h = train.userRow(u);
            bpr.scoreAllFolded(u, h, scores);
            int candidates = bpr.numItems() - h.size();
            int rank = Rankings.rankOf(scores, held.indices()[0], h.indices());
            auc += 1 - (rank - 1) / (double) (candidates - 1);
            users++;
        }
        auc /= users;
        org.slf4j.LoggerFactory.getLogger(BprMfTest.class).info("BPR fold-in held-out AUC {}", auc);
        assertTrue(auc > 0.8, "mean AUC of held-out positives " + auc + " (random: 0.5)");
    }

    @Test
    void sampledNegativesAreFixedAndStableUnderRemoval() {
        Dataset data = SyntheticData.small(2).generate().dataset();
        BprMf bpr = BprMf.train(data, SMALL.withEpochs(1).withFoldInNegatives(30));
        Row h = data.interactions().userRow(0);
        int[] n = bpr.foldInNegatives(h);
        assertEquals(30, n.length);
        for (int j : n) {
            assertTrue(h.find(j) < 0, "negative " + j + " is in the history");
        }
        assertArrayEquals(n, bpr.foldInNegatives(h));
        Row reduced = h.without(h.indices()[0]);
        int[] m = bpr.foldInNegatives(reduced);
        long shared = Arrays.stream(m).filter(j -> Arrays.binarySearch(n, j) >= 0).count();
        assertTrue(shared >= 29, "removing one item changes at most one negative; shared " + shared);
        BprMf all = BprMf.train(data, SMALL.withEpochs(1).withFoldInNegatives(0));
        assertEquals(all.numItems() - h.size(), all.foldInNegatives(h).length);
    }

    @Test
    void emptyHistoryFoldsInToZero() {
        BprMf bpr = BprMf.train(SyntheticData.small(3).generate().dataset(), SMALL.withEpochs(1));
        assertArrayEquals(new double[bpr.factors()], bpr.foldIn(Row.EMPTY));
        double[] p = {0.5, -0.25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        double[] g = bpr.userGradient(Row.EMPTY, p);
        for (int f = 0; f < p.length; f++) {
            assertEquals(bpr.config().regularization() * p[f], g[f], 1e-15);
        }
    }

    @Test
    void rejectsBadConfigAndArguments() {
        assertThrows(IllegalArgumentException.class, () -> SMALL.withFactors(0));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withLearningRate(0));
        var e = assertThrows(IllegalArgumentException.class, () -> SMALL.withRegularization(0));
        assertTrue(e.getMessage().contains("convex"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SMALL.withBiasRegularization(-1));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withFoldInNegatives(-1));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withLearningRate(Double.NaN));
        BprMf bpr = BprMf.train(SyntheticData.small(3).generate().dataset(), SMALL.withEpochs(1));
        var v = assertThrows(IllegalArgumentException.class, () -> bpr.userGradient(Row.EMPTY, new double[3]));
        assertTrue(v.getMessage().contains("k = 16"), v.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> bpr.foldIn(new Row(new int[] {bpr.numItems()}, new float[] {1}, null)));
    }
}

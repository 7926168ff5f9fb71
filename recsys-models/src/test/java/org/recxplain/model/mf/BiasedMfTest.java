package org.recxplain.model.mf;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.Popularity;
import org.recxplain.model.knn.Holdout;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class BiasedMfTest {
    static final BiasedMf.Config SMALL = BiasedMf.Config.defaults().withFactors(6).withIterations(10).withThreads(2);

    /**
     * Planted ratings that explicit MF can learn from: 30% of interactions are random items rated 1-3, so
     * the ratings tell which genres a user does not like (with 5% noise, as in the implicit-model tests,
     * nearly every rating is a 4 or 5 and the values carry almost no signal; explicit MF then ranks below
     * popularity, as rating predictors are known to do on top-N tasks).
     */
    static final SyntheticData RATED = new SyntheticData(800, 200, 6, 2, 60, 0.3, 8);

    @Test
    void clearlyBeatsPopularityOnPlantedData() {
        Holdout.Split split = Holdout.leaveLastOut(RATED.generate().dataset());
        double popHr = Holdout.hitRate(Popularity.train(split.train()), split.test().interactions(), 10);
        double hr = Holdout.hitRate(BiasedMf.train(split.train(), SMALL), split.test().interactions(), 10);
        org.slf4j.LoggerFactory.getLogger(BiasedMfTest.class).info("biased MF HR@10 {} vs popularity {}", hr, popHr);
        assertTrue(hr > 1.5 * popHr && hr - popHr > 0.1, "HR@10 " + hr + " should clearly beat popularity " + popHr);
    }

    static double rmse(Interactions test, java.util.function.ToDoubleBiFunction<Integer, Integer> predict) {
        double se = 0;
        for (int u = 0; u < test.numUsers(); u++) {
            Row r = test.userRow(u);
            for (int p = 0; p < r.size(); p++) {
                double e = predict.applyAsDouble(u, r.indices()[p]) - r.values()[p];
                se += e * e;
            }
        }
        return Math.sqrt(se / test.size());
    }

    @Test
    void heldOutRmseBeatsTheGlobalMean() {
        Holdout.Split split = Holdout.random(RATED.generate().dataset(), 0.1, 1);
        BiasedMf mf = BiasedMf.train(split.train(), SMALL);
        double model = rmse(split.test().interactions(), mf::score);
        double mean = rmse(split.test().interactions(), (u, i) -> mf.globalMean());
        org.slf4j.LoggerFactory.getLogger(BiasedMfTest.class).info("held-out RMSE {} vs global mean {}", model, mean);
        assertTrue(model < 0.9 * mean, "RMSE " + model + " vs global mean " + mean);
    }

    @Test
    void storedUserParametersAreTheExactFoldIn() {
        Dataset data = SyntheticData.small(5).generate().dataset();
        BiasedMf mf = BiasedMf.train(data, SMALL);
        float[] stored = new float[mf.numItems()];
        float[] folded = new float[mf.numItems()];
        for (int u = 0; u < data.interactions().numUsers(); u += 7) {
            BiasedMf.UserSystem sys = mf.userSystem(u);
            assertArrayEquals(mf.userParameters(u), sys.solution(), "user " + u);
            mf.scoreAll(u, stored);
            mf.scoreAllFolded(u, data.interactions().userRow(u), folded);
            assertArrayEquals(stored, folded);
            assertEquals(mf.score(u, 3), sys.score(3));
            double[] x = mf.userParameters(u);
            double expected = mf.globalMean() + mf.userBias(u) + mf.itemBias(3);
            double[] p = mf.userFactor(u);
            double[] q = mf.itemFactor(3);
            for (int f = 0; f < p.length; f++) {
                expected += p[f] * q[f];
            }
            assertEquals(expected, mf.score(u, 3), 1e-12);
            assertEquals(x[x.length - 1], mf.userBias(u));
        }
    }

    @Test
    void foldInSolvesTheNormalEquationsAndRemovalIsARankOneDowndate() {
        Dataset data = SyntheticData.small(9).generate().dataset();
        BiasedMf mf = BiasedMf.train(data, SMALL);
        int d = mf.factors() + 1;
        Row full = data.interactions().userRow(3);
        int removed = full.indices()[2];
        Row h = full.without(removed);
        BiasedMf.UserSystem sys = mf.userSystem(h);
        // brute force: the ridge regression of r - mu - b_i on [q_i, 1] over the history
        double[] a = new double[d * d];
        double[] c = new double[d];
        for (int p = 0; p < h.size(); p++) {
            int i = h.indices()[p];
            double[] z = Arrays.copyOf(mf.itemFactor(i), d);
            z[d - 1] = 1;
            double t = h.values()[p] - mf.globalMean() - mf.itemBias(i);
            for (int r = 0; r < d; r++) {
                c[r] += z[r] * t;
                for (int s = 0; s < d; s++) {
                    a[r * d + s] += z[r] * z[s];
                }
            }
        }
        double[] x = sys.solution();
        for (int r = 0; r < d; r++) {
            double s = mf.config().lambda() * x[r];
            for (int col = 0; col < d; col++) {
                s += a[r * d + col] * x[col];
            }
            assertEquals(c[r], s, 1e-9 * (1 + Math.abs(c[r])), "row " + r);
            assertEquals(c[r], sys.rhs()[r], 1e-12);
        }
        // removing one rating downdates the full system by z z^T and z t
        BiasedMf.UserSystem fullSys = mf.userSystem(full);
        double[] z = mf.itemDesign(removed);
        double t = mf.target(removed, full.values()[full.find(removed)]);
        for (int r = 0; r < d; r++) {
            assertEquals(fullSys.rhs()[r] - z[r] * t, sys.rhs()[r], 1e-12);
            for (int s = 0; s < d; s++) {
                assertEquals(fullSys.matrix()[r * d + s] - z[r] * z[s], sys.matrix()[r * d + s], 1e-12);
            }
        }
        // applyInverse inverts the matrix
        double[] back = sys.applyInverse(sys.rhs());
        assertArrayEquals(x, back, 1e-12);
        double[] inv = sys.inverse();
        double[] m = sys.matrix();
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < d; s++) {
                double e = 0;
                for (int q = 0; q < d; q++) {
                    e += m[r * d + q] * inv[q * d + s];
                }
                assertEquals(r == s ? 1 : 0, e, 1e-9);
            }
        }
    }

    @Test
    void emptyHistoryPredictsGlobalMeanPlusItemBias() {
        Dataset data = SyntheticData.small(4).generate().dataset();
        BiasedMf mf = BiasedMf.train(data, SMALL);
        BiasedMf.UserSystem sys = mf.userSystem(Row.EMPTY);
        assertArrayEquals(new double[mf.factors() + 1], sys.solution());
        assertEquals(mf.globalMean() + mf.itemBias(7), sys.score(7), 1e-12);
    }

    @Test
    void resultDoesNotDependOnThreadsAndIsSeeded() {
        Dataset data = SyntheticData.small(11).generate().dataset();
        BiasedMf one = BiasedMf.train(data, SMALL.withThreads(1));
        BiasedMf three = BiasedMf.train(data, SMALL.withThreads(3));
        float[] a = new float[one.numItems()];
        float[] b = new float[one.numItems()];
        for (int u = 0; u < data.interactions().numUsers(); u++) {
            assertArrayEquals(one.userParameters(u), three.userParameters(u));
        }
        for (int i = 0; i < one.numItems(); i++) {
            assertArrayEquals(one.itemDesign(i), three.itemDesign(i));
            assertEquals(one.itemBias(i), three.itemBias(i));
        }
        one.scoreAll(5, a);
        three.scoreAll(5, b);
        assertArrayEquals(a, b);
        assertEquals(one.info(), three.info());
        BiasedMf other = BiasedMf.train(data, SMALL.withSeed(43));
        assertFalse(Arrays.equals(one.itemFactor(0), other.itemFactor(0)));
        assertNotEquals(one.info().fingerprint(), other.info().fingerprint());
    }

    @Test
    void rejectsBadConfig() {
        assertThrows(IllegalArgumentException.class, () -> SMALL.withFactors(0));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withLambda(0));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withLambda(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withIterations(0));
        var e = assertThrows(IllegalArgumentException.class, () -> SMALL.withThreads(0));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
        Dataset data = SyntheticData.small(1).generate().dataset();
        BiasedMf mf = BiasedMf.train(data, SMALL.withIterations(1));
        assertThrows(IndexOutOfBoundsException.class,
                () -> mf.userSystem(new Row(new int[] {mf.numItems()}, new float[] {3}, null)));
        assertThrows(IndexOutOfBoundsException.class, () -> mf.score(-1, 0));
    }
}

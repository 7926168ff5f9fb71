package org.recxplain.model.linalg;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The vectorised kernels give the same bits as the straightforward loops they replace. */
class DenseKernelsTest {
    private static double[] gaussian(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-2, 2);
        }
        return v;
    }

    @Test
    void factorColumnsScoreEveryRowWithTheBitsOfDotProducts() {
        for (int k : new int[] {1, 7, 64}) {
            for (int n : new int[] {1, 511, 512, 1300}) {
                double[] rows = gaussian(n * k, 31L * n + k);
                double[] x = gaussian(3 * k, k);
                FactorColumns columns = new FactorColumns(rows, k);
                assertEquals(n, columns.rows());
                float[] byColumns = new float[n];
                float[] byRows = new float[n];
                columns.scoreAll(x, k, byColumns);
                Dense.scoreRows(rows, x, 1, k, byRows);
                for (int r = 0; r < n; r++) {
                    assertEquals(Float.floatToIntBits(byRows[r]), Float.floatToIntBits(byColumns[r]),
                            "k=" + k + ", n=" + n + ", row " + r);
                }
                // with offsets (item biases): offset + dot, then rounded to float
                double[] offsets = gaussian(n, n);
                columns.scoreAll(x, k, offsets, byColumns);
                for (int r = 0; r < n; r++) {
                    float expected = (float) (offsets[r] + Dense.dot(rows, r, x, 1, k));
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(byColumns[r]),
                            "offsets, k=" + k + ", n=" + n + ", row " + r);
                }
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> new FactorColumns(new double[6], 3).scoreAll(new double[3], 0, new double[1], new float[2]));
        FactorColumns small = new FactorColumns(new double[6], 3);
        var e = assertThrows(IllegalArgumentException.class, () -> small.scoreAll(new double[3], 0, new float[1]));
        assertTrue(e.getMessage().contains("1 entries for 2 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FactorColumns(new double[7], 3));
    }

    @Test
    void batchedOuterProductsEqualOneAtATime() {
        int k = 64;
        double[] m = gaussian(50 * k, 5);
        int[] rows = {3, 49, 0, 3, 17, 22, 8, 41, 30};
        double[] w = gaussian(rows.length, 6);
        double[] one = gaussian(k * k, 7);
        double[] batch = one.clone();
        for (int p = 0; p < rows.length; p++) {
            Dense.addOuter(one, m, rows[p] * k, w[p], k);
        }
        Dense.addOuters(batch, m, k, rows, w, rows.length);
        for (int i = 0; i < k * k; i++) {
            assertEquals(Double.doubleToLongBits(one[i]), Double.doubleToLongBits(batch[i]), "entry " + i);
        }
    }
}

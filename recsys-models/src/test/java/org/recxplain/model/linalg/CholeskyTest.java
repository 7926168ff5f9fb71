package org.recxplain.model.linalg;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class CholeskyTest {

    /** A random SPD matrix B^T B + I. */
    static double[] randomSpd(int k, SplittableRandom rnd) {
        double[] b = new double[k * k];
        for (int p = 0; p < b.length; p++) {
            b[p] = rnd.nextGaussian();
        }
        double[] a = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = i == j ? 1 : 0;
                for (int r = 0; r < k; r++) {
                    s += b[r * k + i] * b[r * k + j];
                }
                a[i * k + j] = s;
            }
        }
        return a;
    }

    @Test
    void solveAndInverseMatchTheMatrix() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k : new int[] {1, 2, 5, 17, 64}) {
            double[] a = randomSpd(k, rnd);
            Cholesky c = new Cholesky(a, k);
            double[] b = new double[k];
            for (int i = 0; i < k; i++) {
                b[i] = rnd.nextGaussian();
            }
            double[] x = c.solve(b);
            for (int i = 0; i < k; i++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += a[i * k + j] * x[j];
                }
                assertEquals(b[i], s, 1e-9 * (1 + Math.abs(b[i])), "row " + i + " of A x = b, k=" + k);
            }
            double[] inv = c.inverse();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    for (int r = 0; r < k; r++) {
                        s += a[i * k + r] * inv[r * k + j];
                    }
                    assertEquals(i == j ? 1 : 0, s, 1e-8, "(A A^-1)[" + i + "," + j + "], k=" + k);
                }
            }
        }
    }

    @Test
    void rejectsIndefiniteMatrix() {
        double[] a = {1, 2, 2, 1};
        var e = assertThrows(IllegalArgumentException.class, () -> new Cholesky(a, 2));
        assertTrue(e.getMessage().contains("positive definite"));
    }
}

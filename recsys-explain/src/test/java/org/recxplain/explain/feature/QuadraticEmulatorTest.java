package org.recxplain.explain.feature;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class QuadraticEmulatorTest {
    static final double WIDTH = 0.25;

    /** The population LIME fit by brute force over every mask. */
    static WeightedLeastSquares.Fit bruteForce(int m, KernelShap.Game f, int budget, double ridge) {
        boolean[][] masks = MaskDesign.all(m);
        return Surrogates.fit(MaskDesign.design(masks), m, f.values(masks),
                MaskDesign.exhaustiveWeights(masks, m, WIDTH, budget), ridge, budget);
    }

    static WeightedLeastSquares.Fit emulated(int m, KernelShap.Game f, int budget, double ridge, long seed) {
        boolean[][] design = MaskDesign.balanced(m, budget, new SplittableRandom(seed));
        return QuadraticEmulator.limeFit(design, f.values(design), MaskDesign.kernelWeights(design, m, WIDTH), m,
                MaskDesign.strataWeights(m, WIDTH, budget), ridge);
    }

    @Test
    void exactForSecondOrderModelsWhateverTheSeed() {
        for (int m : new int[] {1, 2, 3, 6, 10}) {
            KernelShap.Game quadratic = secondOrder(m, m);
            int budget = Math.max(40, 3 * QuadraticEmulator.terms(m));
            WeightedLeastSquares.Fit truth = bruteForce(m, quadratic, budget, 1.0);
            for (long seed = 0; seed < 3; seed++) {
                WeightedLeastSquares.Fit e = emulated(m, quadratic, budget, 1.0, seed);
                assertArrayEquals(truth.coef(), e.coef(), 1e-9, "m = " + m);
                assertEquals(truth.intercept(), e.intercept(), 1e-9);
            }
        }
    }

    @Test
    void closeToTheTargetForAThirdOrderModel() {
        int m = 10;
        KernelShap.Game cubic = KernelShapTest.cubic(m, 11);
        WeightedLeastSquares.Fit truth = bruteForce(m, cubic, 1000, 1.0);
        double scale = 0;
        for (double c : truth.coef()) {
            scale = Math.max(scale, Math.abs(c));
        }
        for (long seed = 0; seed < 3; seed++) {
            double[] e = emulated(m, cubic, 1000, 1.0, seed).coef();
            for (int f = 0; f < m; f++) {
                assertEquals(truth.coef()[f], e[f], 0.1 * scale);
            }
        }
    }

    @Test
    void balancedDesignSwitchesEveryPlayerOffEquallyOftenPerStratum() {
        int m = 7;
        boolean[][] d = MaskDesign.balanced(m, 1 + 6 * 42, new SplittableRandom(2));
        assertEquals(m, MaskDesign.onCount(d[0]));
        int[][] offCount = new int[m][m + 1];
        int[] perStratum = new int[m + 1];
        for (int s = 1; s < d.length; s++) {
            int off = m - MaskDesign.onCount(d[s]);
            perStratum[off]++;
            for (int p = 0; p < m; p++) {
                if (!d[s][p]) {
                    offCount[p][off]++;
                }
            }
        }
        for (int r = 1; r < m; r++) {
            assertEquals(42, perStratum[r], "stratum " + r);
            for (int p = 1; p < m; p++) {
                assertEquals(offCount[0][r], offCount[p][r], "stratum " + r + ", player " + p);
            }
        }
    }

    static KernelShap.Game secondOrder(int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = new double[m];
        double[][] b = new double[m][m];
        for (int i = 0; i < m; i++) {
            a[i] = rnd.nextGaussian();
            for (int j = i + 1; j < m; j++) {
                b[i][j] = 0.5 * rnd.nextGaussian();
            }
        }
        return masks -> {
            double[] out = new double[masks.length];
            for (int s = 0; s < masks.length; s++) {
                double v = 0.7;
                for (int i = 0; i < m; i++) {
                    if (masks[s][i]) {
                        v += a[i];
                        for (int j = i + 1; j < m; j++) {
                            v += masks[s][j] ? b[i][j] : 0;
                        }
                    }
                }
                out[s] = v;
            }
            return out;
        };
    }
}

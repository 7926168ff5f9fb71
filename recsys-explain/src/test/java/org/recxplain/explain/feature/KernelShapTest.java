package org.recxplain.explain.feature;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class KernelShapTest {

    /** v(S) = sum a_i + sum b_ij + sum c_ijk over the players, pairs and triples in S. */
    static KernelShap.Game cubic(int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = new double[m];
        double[][] b = new double[m][m];
        double[][][] c = new double[m][m][m];
        for (int i = 0; i < m; i++) {
            a[i] = rnd.nextGaussian();
            for (int j = i + 1; j < m; j++) {
                b[i][j] = 0.3 * rnd.nextGaussian();
                for (int k = j + 1; k < m; k++) {
                    c[i][j][k] = 0.1 * rnd.nextGaussian();
                }
            }
        }
        return masks -> {
            double[] out = new double[masks.length];
            for (int s = 0; s < masks.length; s++) {
                boolean[] z = masks[s];
                double v = 0.5;
                for (int i = 0; i < m; i++) {
                    if (!z[i]) {
                        continue;
                    }
                    v += a[i];
                    for (int j = i + 1; j < m; j++) {
                        if (!z[j]) {
                            continue;
                        }
                        v += b[i][j];
                        for (int k = j + 1; k < m; k++) {
                            if (z[k]) {
                                v += c[i][j][k];
                            }
                        }
                    }
                }
                out[s] = v;
            }
            return out;
        };
    }

    @Test
    void exactShapleyOfTheSquareGameIsKnownInClosedForm() {
        // v(S) = (sum over S of a_i)^2 has phi_i = a_i * sum(a)
        double[] a = {1.5, -0.5, 2, 0.25, 3, -1};
        KernelShap.Game square = masks -> {
            double[] out = new double[masks.length];
            for (int s = 0; s < masks.length; s++) {
                double t = 0;
                for (int i = 0; i < a.length; i++) {
                    t += masks[s][i] ? a[i] : 0;
                }
                out[s] = t * t;
            }
            return out;
        };
        double sum = java.util.Arrays.stream(a).sum();
        KernelShap.ShapleyValues exact = KernelShap.exact(a.length, square);
        KernelShap.ShapleyValues kernel = KernelShap.estimate(a.length, square, 1 << a.length, new SplittableRandom(1));
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i] * sum, exact.phi()[i], 1e-12);
            assertEquals(a[i] * sum, kernel.phi()[i], 1e-9);
        }
        assertTrue(kernel.exact());
        assertEquals(0, exact.empty());
        assertEquals(sum * sum, exact.full(), 1e-12);
    }

    @Test
    void kernelShapWithEveryCoalitionEqualsExactShapleyValues() {
        for (int m : new int[] {2, 3, 7, 12}) {
            KernelShap.Game g = cubic(m, m);
            double[] exact = KernelShap.exact(m, g).phi();
            KernelShap.ShapleyValues k = KernelShap.estimate(m, g, (1 << m) - 2, new SplittableRandom(3));
            assertTrue(k.exact());
            assertEquals(1 << m, k.evaluations());
            assertArrayEquals(exact, k.phi(), 1e-9, "m = " + m);
        }
    }

    @Test
    void sampledKernelShapIsEfficientAndCloseToExact() {
        int m = 12;
        KernelShap.Game g = cubic(m, 5);
        KernelShap.ShapleyValues exact = KernelShap.exact(m, g);
        double scale = 0;
        for (double p : exact.phi()) {
            scale = Math.max(scale, Math.abs(p));
        }
        for (long seed = 0; seed < 5; seed++) {
            KernelShap.ShapleyValues k = KernelShap.estimate(m, g, 400, new SplittableRandom(seed));
            assertFalse(k.exact());
            assertTrue(k.evaluations() <= 402 + 2);
            assertEquals(k.full() - k.empty(), k.sum(), 1e-9 * Math.max(1, Math.abs(k.full())));
            double[] phi = k.phi();
            for (int i = 0; i < m; i++) {
                assertEquals(exact.phi()[i], phi[i], 0.05 * scale, "player " + i + ", seed " + seed);
            }
        }
    }

    @Test
    void additiveGamesAreRecoveredExactlyFromFewSamples() {
        double[] a = {0.3, -1.2, 2.5, 0.0, 0.7, 1.1, -0.4, 0.9, 1.6, -2.0, 0.2, 0.05, 3.0, -0.6, 0.8};
        KernelShap.Game additive = masks -> {
            double[] out = new double[masks.length];
            for (int s = 0; s < masks.length; s++) {
                for (int i = 0; i < a.length; i++) {
                    out[s] += masks[s][i] ? a[i] : 0;
                }
            }
            return out;
        };
        KernelShap.ShapleyValues k = KernelShap.estimate(a.length, additive, 40, new SplittableRandom(9));
        assertFalse(k.exact());
        assertArrayEquals(a, k.phi(), 1e-9);
    }

    @Test
    void dummyAndSymmetricPlayers() {
        // player 0 and 1 are symmetric, player 2 a dummy
        KernelShap.Game g = masks -> {
            double[] out = new double[masks.length];
            for (int s = 0; s < masks.length; s++) {
                boolean[] z = masks[s];
                out[s] = (z[0] ? 1 : 0) + (z[1] ? 1 : 0) + (z[0] && z[1] ? 2 : 0) + (z[3] ? 0.5 : 0)
                        + (z[3] && z[0] ? 1 : 0);
            }
            return out;
        };
        double[] phi = KernelShap.exact(4, g).phi();
        assertEquals(0, phi[2], 1e-15);
        assertEquals(1 + 1 + 0.5, phi[0], 1e-12);
        assertEquals(2, phi[1], 1e-12);
        assertEquals(1, phi[3], 1e-12);
    }

    @Test
    void oneBatchPerComputationAndSameSeedSameValues() {
        AtomicInteger calls = new AtomicInteger();
        KernelShap.Game inner = cubic(16, 2);
        KernelShap.Game counted = masks -> {
            calls.incrementAndGet();
            return inner.values(masks);
        };
        KernelShap.ShapleyValues a = KernelShap.estimate(16, counted, 300, new SplittableRandom(4));
        assertEquals(1, calls.get());
        assertEquals(a, KernelShap.estimate(16, counted, 300, new SplittableRandom(4)));
        assertNotEquals(a, KernelShap.estimate(16, counted, 300, new SplittableRandom(5)));
        assertThrows(IllegalArgumentException.class, () -> KernelShap.exact(21, inner));
    }

    @Test
    void degenerateGames() {
        KernelShap.Game constant = masks -> new double[masks.length];
        assertEquals(0, KernelShap.estimate(0, constant, 10, new SplittableRandom(1)).phi().length);
        KernelShap.Game single = masks -> {
            double[] out = new double[masks.length];
            for (int s = 0; s < masks.length; s++) {
                out[s] = masks[s][0] ? 2.5 : 1;
            }
            return out;
        };
        assertArrayEquals(new double[] {1.5}, KernelShap.estimate(1, single, 10, new SplittableRandom(1)).phi());
        assertArrayEquals(new double[] {1.5}, KernelShap.exact(1, single).phi());
    }

    @Test
    void manyPlayersAreSolvedIterativelyAsTheDirectSolveDoes() {
        // above denseMax unknowns (DENSE_MAX by default) the normal equations are solved by conjugate gradients
        int m = 450;
        SplittableRandom rnd = new SplittableRandom(9);
        double[] a = new double[m];
        for (int i = 0; i < m; i++) {
            a[i] = rnd.nextDouble() * 2 - 1;
        }
        KernelShap.Game additive = masks -> {
            double[] out = new double[masks.length];
            for (int s = 0; s < masks.length; s++) {
                for (int i = 0; i < m; i++) {
                    out[s] += masks[s][i] ? a[i] : 0;
                }
            }
            return out;
        };
        KernelShap.Game square = masks -> {
            double[] out = additive.values(masks);
            for (int s = 0; s < out.length; s++) {
                out[s] = out[s] * out[s];
            }
            return out;
        };
        for (KernelShap.Game g : List.of(additive, square)) {
            KernelShap.ShapleyValues iterative = KernelShap.estimate(m, g, 3000, new SplittableRandom(3), 400);
            KernelShap.ShapleyValues direct = KernelShap.estimate(m, g, 3000, new SplittableRandom(3), Integer.MAX_VALUE);
            double scale = Arrays.stream(direct.phi()).map(Math::abs).max().orElseThrow();
            assertArrayEquals(direct.phi(), iterative.phi(), 1e-8 * scale);
            assertEquals(iterative.full() - iterative.empty(), iterative.sum(), 1e-9 * Math.abs(iterative.full()) + 1e-9);
        }
        // an additive game with enough distinct coalitions is recovered exactly
        assertArrayEquals(a, KernelShap.estimate(m, additive, 3000, new SplittableRandom(3), 400).phi(), 1e-8);
    }

    @Test
    void theBlockedFactorisationSolvesAsTheUnblockedOne() {
        int n = 2 * BlockedCholesky.BLOCK + 17;
        SplittableRandom rnd = new SplittableRandom(4);
        double[] g = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            g[i] = rnd.nextDouble() - 0.5;
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 0.1 : 0;
                for (int p = 0; p < n; p++) {
                    s += g[i * n + p] * g[j * n + p];
                }
                a[i * n + j] = s;
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextDouble();
        }
        double[] x = BlockedCholesky.solve(a, b, n);
        assertArrayEquals(new org.recxplain.model.linalg.Cholesky(a, n).solve(b), x, 1e-8);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * x[j];
            }
            assertEquals(b[i], s, 1e-8);
        }
        double[] indefinite = a.clone();
        indefinite[(n - 1) * n + n - 1] = -1;
        assertThrows(IllegalArgumentException.class, () -> BlockedCholesky.solve(indefinite, b, n));
    }
}

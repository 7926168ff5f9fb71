package org.recxplain.eval.metrics;

import org.junit.jupiter.api.Test;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Provenance;
import org.recxplain.explain.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StabilityTest {
    private static final double EPS = 1e-12;

    @Test
    void jaccardByHand() {
        // {1,2,3} vs {2,3,4}: 2 common of 4 -> 0.5; at k = 2, {1,2} vs {2,3}: 1 of 3
        assertEquals(0.5, Stability.jaccard(new int[]{1, 2, 3}, new int[]{2, 3, 4}, 3), EPS);
        assertEquals(1.0 / 3, Stability.jaccard(new int[]{1, 2, 3}, new int[]{2, 3, 4}, 2), EPS);
        // order within the top k does not matter
        assertEquals(1.0, Stability.jaccard(new int[]{3, 1, 2}, new int[]{1, 2, 3}, 3), EPS);
        // conventions: two empty sets agree (1), one empty set shares nothing (0)
        assertEquals(1.0, Stability.jaccard(new int[0], new int[0], 3));
        assertEquals(0.0, Stability.jaccard(new int[0], new int[]{1}, 3));
        assertThrows(IllegalArgumentException.class, () -> Stability.jaccard(new int[]{1, 1}, new int[]{1}, 3));
        // duplicates beyond k are not looked at
        assertEquals(1.0, Stability.jaccard(new int[]{1, 2, 2}, new int[]{2, 1}, 2), EPS);
        // three runs: pairs 0.5, 0.5 ({1,2,3} vs {2,3,4} and vs {1,2,4}... see below) averaged
        // {1,2,3},{2,3,4},{1,2,4}: J = 2/4, 2/4, 2/4 -> 0.5
        assertEquals(0.5, Stability.jaccard(List.of(new int[]{1, 2, 3}, new int[]{2, 3, 4}, new int[]{1, 2, 4}), 3), EPS);
        assertTrue(Double.isNaN(Stability.jaccard(List.of(new int[]{1}), 3)), "one run: undefined");
    }

    @Test
    void randomSubsetsScoreAtTheAnalyticJaccard() {
        // two independent uniform k-subsets of n: E[J] = Σ_i h(i)·i/(2k − i), h hypergeometric
        int n = 20;
        int k = 5;
        double mean = 0;
        double second = 0;
        for (int i = 0; i <= k; i++) {
            double h = binomial(k, i) * binomial(n - k, k - i) / binomial(n, k);
            double j = (double) i / (2 * k - i);
            mean += h * j;
            second += h * j * j;
        }
        // for n = 20, k = 5: E[J] = 0.1545945 (hand: h(1)·1/9 + h(2)·2/8 + ... with h(0) = 0.194, h(1) = 0.440)
        assertEquals(0.1545945, mean, 1e-7);
        SplittableRandom rnd = new SplittableRandom(2024);
        int targets = 20000;
        List<List<int[]>> obs = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            obs.add(List.of(randomSubset(rnd, n, k), randomSubset(rnd, n, k)));
        }
        Summary s = Stability.jaccard(k).evaluate(obs);
        double se = Math.sqrt(second - mean * mean) / Math.sqrt(targets);
        assertEquals(mean, s.mean(), 4 * se, s.toString());
    }

    private static double binomial(int n, int r) {
        double b = 1;
        for (int i = 1; i <= r; i++) {
            b = b * (n - r + i) / i;
        }
        return b;
    }

    private static int[] randomSubset(SplittableRandom rnd, int n, int k) {
        return rnd.ints(0, n).distinct().limit(k).toArray();
    }

    @Test
    void kendallByHand() {
        // one swapped pair of 6: (5 − 1)/6
        assertEquals(4.0 / 6, Stability.kendallTauB(new double[]{1, 2, 3, 4}, new double[]{1, 3, 2, 4}), EPS);
        // ties: a = 1,1,2,3, b = 1,2,2,3: n0 = 6, one pair tied in a, one in b, 4 concordant, 0 discordant:
        // τ-b = 4 / √((6−1)(6−1)) = 0.8
        assertEquals(0.8, Stability.kendallTauB(new double[]{1, 1, 2, 3}, new double[]{1, 2, 2, 3}), EPS);
        assertEquals(-1.0, Stability.kendallTauB(new double[]{1, 2, 3}, new double[]{0.3, 0.2, 0.1}), EPS);
        assertTrue(Double.isNaN(Stability.kendallTauB(new double[]{1, 2, 3}, new double[]{5, 5, 5})));
        assertTrue(Double.isNaN(Stability.kendallTauB(new double[]{1}, new double[]{2})));
        // 0.0 and −0.0 are the same weight
        assertEquals(1.0, Stability.kendallTauB(new double[]{0.0, -0.0, 1}, new double[]{-0.0, 0.0, 1}), EPS);
        assertThrows(IllegalArgumentException.class, () -> Stability.kendallTauB(new double[]{1, 2}, new double[]{1}));
        assertThrows(IllegalArgumentException.class,
                () -> Stability.kendallTauB(new double[]{1, Double.NaN}, new double[]{1, 2}));
    }

    @Test
    void kendallMatchesBruteForceWithManyTies() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + rnd.nextInt(40);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rnd.nextInt(1 + rnd.nextInt(8));
                b[i] = rnd.nextBoolean() ? a[i] + rnd.nextInt(3) : rnd.nextInt(6);
            }
            double expected = bruteTauB(a, b);
            double actual = Stability.kendallTauB(a, b);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(actual), "trial " + trial);
            } else {
                assertEquals(expected, actual, 1e-12, "trial " + trial);
            }
        }
    }

    /** τ-b by its definition over all pairs. */
    private static double bruteTauB(double[] a, double[] b) {
        long c = 0;
        long d = 0;
        long tiesA = 0;
        long tiesB = 0;
        long n0 = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                n0++;
                double s = Math.signum(a[i] - a[j]) * Math.signum(b[i] - b[j]);
                if (s > 0) {
                    c++;
                } else if (s < 0) {
                    d++;
                }
                if (a[i] == a[j]) {
                    tiesA++;
                }
                if (b[i] == b[j]) {
                    tiesB++;
                }
            }
        }
        double denom = Math.sqrt((double) (n0 - tiesA) * (n0 - tiesB));
        return denom == 0 ? Double.NaN : (c - d) / denom;
    }

    @Test
    void independentWeightsHaveTauNearZero() {
        // under independence τ has variance 2(2n+5)/(9n(n−1)); the mean over targets has it / targets
        SplittableRandom rnd = new SplittableRandom(10);
        int n = 30;
        int targets = 3000;
        List<List<double[]>> obs = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            obs.add(List.of(rnd.doubles(n).toArray(), rnd.doubles(n).toArray()));
        }
        Summary s = Stability.kendallTauB().evaluate(obs);
        double se = Math.sqrt(2.0 * (2 * n + 5) / (9.0 * n * (n - 1)) / targets);
        assertEquals(0, s.mean(), 4 * se, s.toString());
    }

    @Test
    void vsiAndCsiByHand() {
        // VSI of {1,2,3}, {1,2,4}, {5,6,7}: pairs 2/3, 0, 0 -> 2/9
        assertEquals(2.0 / 9, Stability.vsi(List.of(new int[]{1, 2, 3}, new int[]{1, 2, 4}, new int[]{5, 6, 7})), EPS);
        // different sizes: {1,2} vs {1,2,3}: 2 / max(2, 3)
        assertEquals(2.0 / 3, Stability.vsi(List.of(new int[]{1, 2}, new int[]{3, 2, 1})), EPS);
        assertEquals(1.0, Stability.vsi(List.of(new int[0], new int[0])), EPS);
        assertTrue(Double.isNaN(Stability.vsi(List.of(new int[]{1}))));
        // CSI, 3 runs, 2 variables
        // variable 0: [0,1], [0.5,2], [3,4]: only runs 0 and 1 overlap -> 1/3
        // variable 1: [0,1], [1,2], [0.9,1.1]: all overlap (closed intervals touch at 1) -> 1
        List<CoefficientRun> runs = List.of(
                new CoefficientRun(new double[]{0, 0}, new double[]{1, 1}),
                new CoefficientRun(new double[]{0.5, 1}, new double[]{2, 2}),
                new CoefficientRun(new double[]{3, 0.9}, new double[]{4, 1.1}));
        assertEquals(2.0 / 3, Stability.csi(runs), EPS);
        assertThrows(IllegalArgumentException.class, () -> new CoefficientRun(new double[]{1}, new double[]{0}));
        assertThrows(IllegalArgumentException.class, () -> Stability.csi(
                List.of(new CoefficientRun(new double[]{0}, new double[]{1}), new CoefficientRun(new double[0], new double[0]))));
        Summary s = Stability.csi().evaluate(List.of(runs, List.of(runs.get(0))));
        assertEquals(2.0 / 3, s.mean(), EPS);
        assertEquals(1, s.skipped());
    }

    @Test
    void adaptersFromExplanations() {
        Explanation e = explanation(List.of(
                new Attribution(Attribution.Kind.INTERACTION, 7, "i7", "seven", 0.5),
                new Attribution(Attribution.Kind.INTERACTION, 2, "i2", "two", -0.3),
                new Attribution(Attribution.Kind.INTERACTION, 9, "i9", "nine", 0.1)));
        assertArrayEquals(new int[]{7, 2}, Stability.topIndices(e, 2));
        assertArrayEquals(new int[]{7, 2, 9}, Stability.topIndices(e, 10));
        assertArrayEquals(new double[]{0.1, 0.0, 0.5, -0.3},
                Stability.weightsOver(e, Attribution.Kind.INTERACTION, new int[]{9, 4, 7, 2}));
        assertArrayEquals(new double[]{0.0}, Stability.weightsOver(e, Attribution.Kind.FEATURE, new int[]{7}));
        Explanation mixed = explanation(List.of(
                new Attribution(Attribution.Kind.INTERACTION, 7, "i7", "seven", 0.5),
                new Attribution(Attribution.Kind.FEATURE, 1, "genre=Drama", "Drama", 0.2)));
        assertArrayEquals(new int[]{7}, Stability.topIndices(mixed, 1));
        assertThrows(IllegalArgumentException.class, () -> Stability.topIndices(mixed, 2));
    }

    static Explanation explanation(List<Attribution> attributions) {
        return new Explanation(new Target(0, "u0", 1, "i1", "one", 1.0),
                new Provenance("test", Map.of(), 0, "model"), attributions, Optional.empty(), Optional.empty(),
                Duration.ofMillis(3));
    }

    @Test
    void mergedEqualsSequential() {
        SplittableRandom rnd = new SplittableRandom(31);
        List<List<int[]>> selections = new ArrayList<>();
        List<List<double[]>> weights = new ArrayList<>();
        List<List<CoefficientRun>> intervals = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            int runs = 1 + rnd.nextInt(4);
            List<int[]> sel = new ArrayList<>();
            List<double[]> w = new ArrayList<>();
            List<CoefficientRun> ci = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                sel.add(randomSubset(rnd, 15, rnd.nextInt(6)));
                w.add(rnd.ints(8, 0, 4).asDoubleStream().toArray());
                double[] lo = rnd.doubles(5).toArray();
                double[] hi = lo.clone();
                for (int j = 0; j < hi.length; j++) {
                    hi[j] += rnd.nextDouble() * 0.3;
                }
                ci.add(new CoefficientRun(lo, hi));
            }
            selections.add(sel);
            weights.add(w);
            intervals.add(ci);
        }
        Summary j = MergeChecks.assertMergeInvariant(Stability.jaccard(3), selections, 1, 20);
        Summary v = MergeChecks.assertMergeInvariant(Stability.vsi(), selections, 2, 20);
        Summary k = MergeChecks.assertMergeInvariant(Stability.kendallTauB(), weights, 3, 20);
        Summary c = MergeChecks.assertMergeInvariant(Stability.csi(), intervals, 4, 20);
        for (Summary s : List.of(j, v, k, c)) {
            assertTrue(s.n() > 150 && s.skipped() > 0, s.toString());
        }
        assertEquals(Stability.jaccard(3), Stability.jaccard(3));
        assertThrows(IllegalArgumentException.class,
                () -> Stability.jaccard(3).newAccumulator().merge(Stability.jaccard(4).newAccumulator()));
        assertThrows(IllegalArgumentException.class,
                () -> Stability.jaccard(3).newAccumulator().merge(Stability.vsi().newAccumulator()));
    }
}

package org.recxplain.eval.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemovalFidelityTest {
    private static final double EPS = 1e-12;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void assertCurve(double[] expected, RemovalSummary.CurveSummary c) {
        assertEquals(expected.length, c.perKe().size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], c.at(i + 1).mean(), EPS, c.name() + " at Ke=" + (i + 1));
        }
    }

    @Test
    void twoTargetsByHand() {
        // K = 3, POS@1 and POS@2
        // A: ranks 1, 2, 5; DEL 0.9, 0.5, 0.2; INS 0.3, 0.6, 0.9
        // B: ranks 1, 1, 3; DEL 1.0, 0.8, 0.4; INS 0.1, 0.2, 0.5
        RemovalCurve a = new RemovalCurve(new int[]{1, 2, 5}, new double[]{0.9, 0.5, 0.2}, new double[]{0.3, 0.6, 0.9});
        RemovalCurve b = new RemovalCurve(new int[]{1, 1, 3}, new double[]{1.0, 0.8, 0.4}, new double[]{0.1, 0.2, 0.5});
        RemovalSummary s = new RemovalFidelity(3, List.of(2, 1)).evaluate(List.of(a, b));
        assertEquals(2, s.n());
        assertEquals(List.of(1, 2), List.copyOf(s.pos().keySet()));
        // POS@1: A 1,0,0; B 1,1,0 -> per Ke 1, 0.5, 0; AUC A = 1/3, B = 2/3 -> 0.5
        assertCurve(new double[]{1, 0.5, 0}, s.pos().get(1));
        assertEquals(0.5, s.pos().get(1).auc().mean(), EPS);
        // POS@2: both 1,1,0 -> AUC 2/3 for both, so a zero-width interval
        assertCurve(new double[]{1, 1, 0}, s.pos().get(2));
        assertEquals(2.0 / 3, s.pos().get(2).auc().mean(), EPS);
        assertEquals(s.pos().get(2).auc().mean(), s.pos().get(2).auc().ciLow(), EPS);
        // DEL: per Ke 0.95, 0.65, 0.3; AUC A = 1.6/3, B = 2.2/3 -> 0.6333
        assertCurve(new double[]{0.95, 0.65, 0.3}, s.del());
        assertEquals(1.9 / 3, s.del().auc().mean(), EPS);
        // INS: per Ke 0.2, 0.4, 0.7; AUC A = 1.8/3, B = 0.8/3 -> 1.3/3
        assertCurve(new double[]{0.2, 0.4, 0.7}, s.ins());
        assertEquals(1.3 / 3, s.ins().auc().mean(), EPS);
        // CDCG = 1/log2(1 + rank): A 1, 1/log2 3, 1/log2 6; B 1, 1, 1/log2 4 = 0.5
        assertCurve(new double[]{1, (1 / log2(3) + 1) / 2, (1 / log2(6) + 0.5) / 2}, s.cdcg());
        double aucA = (1 + 1 / log2(3) + 1 / log2(6)) / 3;
        double aucB = (1 + 1 + 0.5) / 3;
        assertEquals((aucA + aucB) / 2, s.cdcg().auc().mean(), EPS);
    }

    @Test
    void aucIsTheMeanOfThePerKeMeans() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<RemovalCurve> obs = randomCurves(rnd, 400, 10);
        RemovalSummary s = RemovalFidelity.standard().evaluate(obs);
        for (RemovalSummary.CurveSummary c : List.of(s.del(), s.ins(), s.cdcg(), s.pos().get(5))) {
            double mean = c.perKe().stream().mapToDouble(Summary::mean).average().orElseThrow();
            assertEquals(mean, c.auc().mean(), 1e-12, c.name());
        }
    }

    @Test
    void relativeDividesByTheOriginalScore() {
        RemovalCurve c = RemovalCurve.relative(new int[]{3, 8}, new double[]{1.0, 0.5}, new double[]{0.25, 2.0}, 2.0);
        assertArrayEquals(new double[]{0.5, 0.25}, c.del());
        assertArrayEquals(new double[]{0.125, 1.0}, c.ins());
        assertThrows(IllegalArgumentException.class,
                () -> RemovalCurve.relative(new int[]{1}, new double[]{1}, new double[]{1}, 0.0));
        assertThrows(IllegalArgumentException.class,
                () -> RemovalCurve.relative(new int[]{1}, new double[]{1}, new double[]{1}, -1.0));
    }

    @Test
    void invalidCurvesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RemovalCurve(new int[0], new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new RemovalCurve(new int[]{0}, new double[]{1}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> new RemovalCurve(new int[]{1, 2}, new double[]{1}, new double[]{1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new RemovalCurve(new int[]{1}, new double[]{Double.NaN}, new double[]{1}));
        Accumulator<RemovalCurve, RemovalSummary> acc = new RemovalFidelity(2, List.of(1)).newAccumulator();
        assertThrows(IllegalArgumentException.class,
                () -> acc.add(new RemovalCurve(new int[]{1}, new double[]{1}, new double[]{1})));
        assertEquals(0, acc.result().n());
        assertThrows(IllegalArgumentException.class, () -> new RemovalFidelity(3, List.of(5, 5)));
        assertThrows(IllegalArgumentException.class, () -> new RemovalFidelity(0, List.of(5)));
        assertThrows(IllegalArgumentException.class,
                () -> acc.merge(new RemovalFidelity(2, List.of(2)).newAccumulator()));
    }

    @Test
    void mergedEqualsSequential() {
        List<RemovalCurve> obs = randomCurves(new SplittableRandom(21), 500, 10);
        RemovalSummary s = MergeChecks.assertMergeInvariant(RemovalFidelity.standard(), obs, 5, 20);
        assertEquals(500, s.n());
        assertTrue(s.pos().get(20).auc().mean() > s.pos().get(5).auc().mean());
    }

    /** Curves of a target falling down the ranking as more is removed, with noisy scores. */
    private static List<RemovalCurve> randomCurves(SplittableRandom rnd, int n, int k) {
        List<RemovalCurve> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int[] rank = new int[k];
            double[] del = new double[k];
            double[] ins = new double[k];
            int r = 1;
            for (int i = 0; i < k; i++) {
                r += rnd.nextInt(4);
                rank[i] = r;
                del[i] = Math.max(0, 1 - 0.08 * (i + 1) + rnd.nextGaussian() * 0.05);
                ins[i] = 0.1 * (i + 1) + rnd.nextGaussian() * 0.05;
            }
            out.add(new RemovalCurve(rank, del, ins));
        }
        return out;
    }
}

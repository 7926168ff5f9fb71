package org.recxplain.eval.metrics;

import org.junit.jupiter.api.Test;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explanation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplanationMetricsTest {

    @Test
    void necessitySufficiencyByHand() {
        // (N, S) = (T,T), (T,F), (F,F), (T,F): PN = 3/4, PS = 1/4, F_NS = 2·0.75·0.25 / 1 = 0.375
        NsSummary s = new NecessitySufficiency().evaluate(List.of(new NsCheck(true, true), new NsCheck(true, false),
                new NsCheck(false, false), new NsCheck(true, false)));
        assertEquals(0.75, s.pn().mean());
        assertEquals(0.25, s.ps().mean());
        assertEquals(0.375, s.fns(), 1e-15);
        assertEquals(4, s.pn().n());
        assertEquals(0.0, new NecessitySufficiency().evaluate(List.of(new NsCheck(false, false))).fns());
        assertTrue(Double.isNaN(new NecessitySufficiency().evaluate(List.of()).fns()));
    }

    @Test
    void explainedShareByHand() {
        Explanation full = StabilityTest.explanation(
                List.of(new Attribution(Attribution.Kind.INTERACTION, 1, "i1", "one", 0.4)));
        Explanation empty = StabilityTest.explanation(List.of());
        // two of three explanations are non-empty
        assertEquals(2.0 / 3, new ExplainedShare().evaluate(List.of(full, empty, full)).mean(), 1e-15);
    }

    @Test
    void costQuantilesByHand() {
        // latencies 1, 2, 3, 4, 10 ms (type-7): p50 = 3; p95 at h = 4·0.95 = 3.8: 4 + 0.8·(10 − 4) = 8.8
        // model calls 1, 1, 1, 1, 6: mean 2
        List<CostSample> obs = new ArrayList<>();
        long[] ms = {4, 1, 10, 3, 2};
        long[] calls = {1, 1, 6, 1, 1};
        for (int i = 0; i < ms.length; i++) {
            obs.add(new CostSample(ms[i] * 1_000_000, calls[i]));
        }
        CostSummary c = new CostMetric().evaluate(obs);
        assertEquals(5, c.n());
        assertEquals(3.0, c.latencyP50Millis(), 1e-12);
        assertEquals(8.8, c.latencyP95Millis(), 1e-12);
        assertEquals(4.0, c.latencyMillis().mean(), 1e-12);
        assertEquals(2.0, c.modelCalls().mean(), 1e-12);
        CostSummary none = new CostMetric().evaluate(List.of());
        assertTrue(Double.isNaN(none.latencyP50Millis()) && none.n() == 0);
        assertEquals(3.0, CostMetric.quantile(new double[]{3}, 0.95));
        assertEquals(1.5, CostMetric.quantile(new double[]{1, 2}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> CostMetric.quantile(new double[]{1}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new CostSample(-1, 0));
        assertEquals(new CostSample(3_000_000, 7), CostSample.of(StabilityTest.explanation(List.of()), 7));
    }

    @Test
    void mergedEqualsSequential() {
        SplittableRandom rnd = new SplittableRandom(77);
        List<NsCheck> checks = new ArrayList<>();
        List<CostSample> costs = new ArrayList<>();
        List<Explanation> explanations = new ArrayList<>();
        Explanation full = StabilityTest.explanation(
                List.of(new Attribution(Attribution.Kind.INTERACTION, 1, "i1", "one", 0.4)));
        Explanation empty = StabilityTest.explanation(List.of());
        for (int i = 0; i < 500; i++) {
            checks.add(new NsCheck(rnd.nextDouble() < 0.6, rnd.nextDouble() < 0.3));
            costs.add(new CostSample((long) (Math.exp(rnd.nextGaussian()) * 1e6), rnd.nextInt(1, 200)));
            explanations.add(rnd.nextDouble() < 0.8 ? full : empty);
        }
        NsSummary ns = MergeChecks.assertMergeInvariant(new NecessitySufficiency(), checks, 1, 20);
        CostSummary cost = MergeChecks.assertMergeInvariant(new CostMetric(), costs, 2, 20);
        Summary mep = MergeChecks.assertMergeInvariant(new ExplainedShare(), explanations, 3, 20);
        assertEquals(0.6, ns.pn().mean(), 0.1);
        // log-normal latencies with median 1 ms
        assertEquals(1.0, cost.latencyP50Millis(), 0.2);
        assertTrue(cost.latencyP95Millis() > cost.latencyP50Millis());
        assertEquals(0.8, mep.mean(), 0.1);
    }
}

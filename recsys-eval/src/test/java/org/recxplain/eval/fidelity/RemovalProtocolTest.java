package org.recxplain.eval.fidelity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.eval.metrics.RemovalCurve;
import org.recxplain.eval.metrics.RemovalFidelity;
import org.recxplain.eval.metrics.RemovalSummary;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explainers;
import org.recxplain.explain.Explanation;
import org.recxplain.model.Rankings;
import org.recxplain.model.als.ImplicitAls;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RemovalProtocolTest {
    static ImplicitAls als;

    @BeforeAll
    static void train() {
        als = ImplicitAls.train(new SyntheticData(300, 200, 8, 2, 30, 0.1, 31).generate().dataset(),
                ImplicitAls.Config.defaults().withFactors(16).withIterations(8).withAlpha(2).withLambda(0.5)
                        .withThreads(2));
    }

    static RemovalSummary measure(Explainer explainer, boolean negative) {
        RemovalProtocol protocol = new RemovalProtocol(als, 10);
        List<RemovalCurve> curves = new ArrayList<>();
        for (int u = 0; u < 300; u++) {
            if (als.data().interactions().userDegree(u) < 10) {
                continue;
            }
            int item = als.recommend(u, 1).get(0).item();
            protocol.curve(explainer.explain(u, item), negative).ifPresent(curves::add);
        }
        return RemovalFidelity.standard().evaluate(curves);
    }

    @Test
    void curveMatchesAHandRefit() {
        int u = 0;
        int item = als.recommend(u, 1).get(0).item();
        Explanation e = Explainers.influence(als).explain(u, item);
        RemovalCurve c = new RemovalProtocol(als, 3).curve(e, false).orElseThrow();
        Row h = als.data().interactions().userRow(u);
        int[] top2 = {e.attributions().get(0).index(), e.attributions().get(1).index()};
        float[] scores = new float[als.numItems()];
        als.scoreAllFolded(u, h.without(top2), scores);
        assertEquals(Rankings.rankOf(scores, item, h.indices()), c.newRank()[1]);
        assertEquals(scores[item] / e.target().score(), c.del()[1], 1e-12);
        als.scoreAllFolded(u, h.only(top2), scores);
        assertEquals(scores[item] / e.target().score(), c.ins()[1], 1e-12);
        assertEquals(3, c.length());
    }

    /** Curves of several orders computed together (one batch of refits) equal the curves computed one by one. */
    @Test
    void curvesTogetherEqualCurvesOneByOne() {
        RemovalProtocol protocol = new RemovalProtocol(als, 10);
        int u = 3;
        int item = als.recommend(u, 1).get(0).item();
        Explanation e = Explainers.neighbourhood(als).explain(u, item);
        List<int[]> orders = List.of(RemovalProtocol.removalOrder(e, false), RemovalProtocol.removalOrder(e, true),
                new int[0]);
        for (org.recxplain.model.ExactRemoval exact : new org.recxplain.model.ExactRemoval[] {null,
                new org.recxplain.model.als.AlsRemoval(als, u)}) {
            List<java.util.Optional<RemovalCurve>> together = protocol.curves(u, item, e.target().score(), orders,
                    exact);
            assertEquals(3, together.size());
            // extra refits in the same batch equal separate refits
            Row h = als.data().interactions().userRow(u);
            Row[] extra = {h.without(h.indices()[0]), h.without(h.indices()[1])};
            float[][] extraScores = new float[2][als.numItems()];
            protocol.curves(u, item, e.target().score(), orders, exact, extra, extraScores);
            for (int b = 0; b < extra.length; b++) {
                float[] alone = new float[als.numItems()];
                als.scoreAllFolded(u, extra[b], alone);
                assertArrayEquals(alone, extraScores[b], 0);
            }
            assertTrue(together.get(2).isEmpty(), "an empty order has no curve");
            for (int c = 0; c < 2; c++) {
                RemovalCurve alone = protocol.curve(u, item, e.target().score(), orders.get(c), exact).orElseThrow();
                RemovalCurve batch = together.get(c).orElseThrow();
                assertArrayEquals(alone.newRank(), batch.newRank());
                assertArrayEquals(alone.del(), batch.del(), 0);
                assertArrayEquals(alone.ins(), batch.ins(), 0);
            }
        }
    }

    @Test
    void exactDowndatesGiveTheFoldInCurve() {
        RemovalProtocol protocol = new RemovalProtocol(als, 10);
        int checked = 0;
        for (int u = 0; u < 60; u++) {
            if (als.data().interactions().userDegree(u) < 10) {
                continue;
            }
            int item = als.recommend(u, 1).get(0).item();
            Explanation e = Explainers.neighbourhood(als).explain(u, item);
            for (boolean negative : new boolean[] {false, true}) {
                RemovalCurve refit = protocol.curve(e, negative).orElseThrow();
                RemovalCurve exact = protocol.curve(u, item, e.target().score(),
                        RemovalProtocol.removalOrder(e, negative), new org.recxplain.model.als.AlsRemoval(als, u))
                        .orElseThrow();
                assertArrayEquals(refit.newRank(), exact.newRank());
                assertArrayEquals(refit.del(), exact.del(), 1e-5);
                assertArrayEquals(refit.ins(), exact.ins(), 0);
                checked++;
            }
        }
        assertTrue(checked > 10);
    }

    @Test
    void explainersThatKnowTheModelBeatRandomOnEveryFidelityMetric() {
        RemovalSummary random = measure(Explainers.random(als, 1), false);
        for (Explainer truth : List.of(Explainers.influence(als), Explainers.neighbourhood(als))) {
            RemovalSummary s = measure(truth, false);
            String who = truth.name();
            assertTrue(s.del().auc().mean() < random.del().auc().mean(), who + " DEL " + s.del().auc() + " vs " + random.del().auc());
            assertTrue(s.ins().auc().mean() > random.ins().auc().mean(), who + " INS " + s.ins().auc() + " vs " + random.ins().auc());
            assertTrue(s.cdcg().auc().mean() < random.cdcg().auc().mean(), who + " CDCG");
            assertTrue(s.pos().get(5).auc().mean() < random.pos().get(5).auc().mean(), who + " POS@5");
            // the NEG variant (least important first) must hurt the recommendation less than random
            RemovalSummary neg = measure(truth, true);
            assertTrue(neg.del().auc().mean() > random.del().auc().mean(), who + " NEG DEL");
        }
    }
}

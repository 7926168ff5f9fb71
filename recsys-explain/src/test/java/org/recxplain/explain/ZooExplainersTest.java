package org.recxplain.explain;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.explain.counterfactual.BprInfluenceExplainer;
import org.recxplain.model.FoldIn;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;
import org.recxplain.model.bpr.BprMf;
import org.recxplain.model.knn.ItemKnn;
import org.recxplain.model.mf.BiasedMf;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Exact neighbourhoods, influence and fold-in counterfactuals for the model zoo. */
class ZooExplainersTest {
    static Dataset data;
    static ItemKnn knn;
    static BiasedMf mf;
    static BprMf bpr;

    @BeforeAll
    static void train() {
        data = new SyntheticData(200, 150, 6, 2, 20, 0.3, 8).generate().dataset();
        knn = ItemKnn.train(data, ItemKnn.Config.defaults().withThreads(2));
        mf = BiasedMf.train(data, BiasedMf.Config.defaults().withFactors(8).withIterations(6).withThreads(2));
        bpr = BprMf.train(data, BprMf.Config.defaults().withFactors(8).withEpochs(10).withFoldInNegatives(60)
                .withThreads(2));
    }

    static int top1(Recommender m, int u) {
        return m.recommend(u, 1).get(0).item();
    }

    @Test
    void itemKnnNeighbourhoodSumsToTheScore() {
        Explainer x = Explainers.neighbourhood(knn);
        for (int u = 0; u < 200; u += 3) {
            for (var rec : knn.recommend(u, 10)) {
                Explanation e = x.explain(u, rec.item());
                assertEquals(e.target().score(), e.totalWeight(), 1e-9 * Math.abs(e.target().score()));
                assertEquals(rec.score(), (float) e.target().score());
            }
        }
    }

    @Test
    void biasedMfNeighbourhoodPlusBaselineIsTheScore() {
        Explainer x = Explainers.neighbourhood(mf);
        for (int u = 0; u < 200; u += 3) {
            int item = top1(mf, u);
            Explanation e = x.explain(u, item);
            double baseline = mf.globalMean() + mf.itemBias(item);
            assertEquals(e.target().score(), e.totalWeight() + baseline, 1e-9 * (1 + Math.abs(e.target().score())));
            assertTrue(e.note().orElseThrow().contains("global mean"));
        }
    }

    @Test
    void bprInfluenceAgreesWithFoldInRefits() {
        BprInfluenceExplainer x = (BprInfluenceExplainer) Explainers.influence(bpr);
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        while (n < 500) {
            int u = rnd.nextInt(200);
            Row h = data.interactions().userRow(u);
            if (h.size() < 2) {
                continue;
            }
            int item = rnd.nextInt(data.interactions().numItems());
            Explanation e = x.explain(u, item);
            Attribution a = e.attributions().get(rnd.nextInt(e.attributions().size()));
            double[] p = bpr.foldIn(h.without(a.index()));
            double actual = e.target().score() - (bpr.itemBias(item) + dot(p, bpr.itemFactor(item)));
            double predicted = a.weight();
            sx += predicted;
            sy += actual;
            sxx += predicted * predicted;
            syy += actual * actual;
            sxy += predicted * actual;
            n++;
        }
        double r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        System.out.printf("BPR influence vs fold-in refit: Pearson r = %.4f over %d removals%n", r, n);
        assertTrue(r >= 0.95, "Pearson r " + r);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int f = 0; f < a.length; f++) {
            s += a[f] * b[f];
        }
        return s;
    }

    @Test
    void biasedMfInfluenceIsTheExactRemovalEffect() {
        Explainer x = Explainers.influence(mf);
        for (int u = 0; u < 200; u += 9) {
            int item = top1(mf, u);
            Explanation e = x.explain(u, item);
            Row h = data.interactions().userRow(u);
            for (Attribution a : e.attributions()) {
                double refit = mf.userSystem(h.without(a.index())).score(item);
                assertEquals(e.target().score() - refit, a.weight(), 1e-9 * (1 + Math.abs(refit)));
            }
        }
    }

    @Test
    void foldInCounterfactualsHoldUnderAnIndependentRefit() {
        for (Recommender m : new Recommender[] {bpr, knn, mf}) {
            Explainer x = Explainers.counterfactual(m);
            int found = 0;
            for (int u = 0; u < 200; u += 5) {
                int item = top1(m, u);
                Explanation e = x.explain(u, item);
                if (e.counterfactual().isEmpty()) {
                    continue;
                }
                found++;
                Counterfactual cf = e.counterfactual().get();
                assertTrue(cf.verified());
                Row h = data.interactions().userRow(u);
                float[] scores = new float[m.numItems()];
                ((FoldIn) m).scoreAllFolded(u, h.without(cf.removed().stream().mapToInt(Attribution::index).toArray()),
                        scores);
                assertEquals(cf.newRank(), Rankings.rankOf(scores, item, h.indices()), m.info().family());
                assertTrue(cf.newRank() > 1);
                assertEquals(cf.replacementItem(), Rankings.topK(scores, 1, h.indices())[0]);
            }
            // biased MF's top items are carried by the global mean and item bias, which no removal of the
            // user's own ratings changes, so few of its recommendations have a counterfactual within 10 removals
            int expected = m instanceof BiasedMf ? 1 : 10;
            assertTrue(found >= expected, m.info().family() + ": counterfactuals for " + found + " of 40 users");
        }
    }
}

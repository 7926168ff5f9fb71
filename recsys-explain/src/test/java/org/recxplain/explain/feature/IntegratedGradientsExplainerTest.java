package org.recxplain.explain.feature;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainers;
import org.recxplain.explain.Explanation;
import org.recxplain.model.neural.NeuMf;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Integrated gradients on NeuMF: completeness against independently computed end-point scores. */
class IntegratedGradientsExplainerTest {
    static Dataset data;
    static NeuMf model;

    @BeforeAll
    static void train() {
        Dataset d = new SyntheticData(60, 40, 4, 2, 10, 0.1, 9).generate().dataset();
        SideFeatures.Builder users = new SideFeatures.Builder();
        for (int u = 0; u < d.interactions().numUsers(); u++) {
            users.add(u, "group", FeatureKind.CATEGORICAL, "g" + (u % 3));
        }
        data = new Dataset("ig", d.interactions(), d.itemFeatures(), users.build(d.interactions().numUsers()),
                d.itemTitles(), d.report());
        model = NeuMf.train(data, NeuMf.Config.defaults().withFactors(4, 4, 4).withHidden(List.of(8))
                .withEpochs(3).withBatchSize(64).withFoldIn(0.01, 20, 30));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void attributionsSumToTheScoreMinusTheBaselineScore() {
        IntegratedGradientsExplainer x = (IntegratedGradientsExplainer) Explainers.byName("integrated-gradients", model);
        float[] out = new float[1];
        long[] nanos = new long[40];
        double worst = 0;
        for (int t = 0; t < nanos.length; t++) {
            int u = (t * 7) % data.interactions().numUsers();
            int i = (t * 13) % data.interactions().numItems();
            Explanation e = x.explain(u, i);
            nanos[t] = e.elapsed().toNanos();
            // f(x) and f(baseline) computed independently: the model's score, and the score with no side features
            assertEquals(model.score(u, i), e.target().score(), 1e-4);
            model.scoreWithFeatures(u, new Row[] {Row.EMPTY}, new int[] {i}, new Row[] {Row.EMPTY}, out);
            double gap = e.target().score() - out[0];
            worst = Math.max(worst, Math.abs(e.totalWeight() - gap));
            assertEquals(gap, e.totalWeight(), 1e-3 + 1e-2 * Math.abs(gap), "user " + u + " item " + i);
            assertEquals(data.itemFeatures().of(i).size() + data.userFeatures().of(u).size(), e.attributions().size());
            assertTrue(e.attributions().stream().anyMatch(a -> a.id().startsWith("user:group=")));
            assertTrue(e.note().orElseThrow().contains("f(x) - f(baseline)"));
            assertEquals("50", e.provenance().config().get("steps"));
            for (Attribution a : e.attributions()) {
                assertEquals(Attribution.Kind.FEATURE, a.kind());
            }
        }
        Arrays.sort(nanos);
        System.out.printf("integrated gradients: worst |sum - (f(x) - f(baseline))| = %.3g; p50 %.2f ms per "
                + "explanation%n", worst, nanos[nanos.length / 2] / 1e6);
    }
}

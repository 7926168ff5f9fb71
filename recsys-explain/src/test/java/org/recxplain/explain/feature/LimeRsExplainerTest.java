package org.recxplain.explain.feature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.ExplanationJson;
import org.recxplain.model.als.ImplicitAls;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** LIME-RS explains a black box (implicit ALS never reads features) through the items' side features. */
class LimeRsExplainerTest {
    static FeatureFixtures.Planted data;
    static ImplicitAls als;

    @BeforeAll
    static void setUp() {
        data = FeatureFixtures.planted(4, 300, 150, 3, false);
        als = ImplicitAls.train(data.train(), ImplicitAls.Config.defaults().withFactors(16).withIterations(8)
                .withAlpha(2).withLambda(0.5).withThreads(1));
    }

    @Test
    void thePlantedGenreExplainsTheTopRecommendation() {
        LimeRsExplainer lime = new LimeRsExplainer(als, LimeRsExplainer.Config.defaults().withSamples(90)
                .withHeldOut(30), 3);
        int genreFirst = 0;
        int users = 40;
        for (int u = 0; u < users; u++) {
            int item = als.recommend(u, 1).get(0).item();
            LimeResult r = lime.explainWithDiagnostics(u, item);
            Explanation e = r.explanation();
            // the target's own features only: genre, 3 tags, noise and year
            assertEquals(6, e.attributions().size());
            for (Attribution a : e.attributions()) {
                assertTrue(data.train().itemFeatures().labels(item).contains(a.id()), a.id());
            }
            Attribution top = e.attributions().get(0);
            String genre = "genre=g" + data.truth().itemGenre()[item];
            if (top.id().equals(genre) && top.weight() > 0) {
                genreFirst++;
            }
            assertTrue(r.fidelityR2() <= 1 && !Double.isNaN(r.fidelityR2()));
            assertEquals(30, r.heldOut());
            assertEquals(91, r.samples());
            assertTrue(e.note().orElseThrow().contains("on 30 held-out samples (surrogate fitted on 91)"));
        }
        assertTrue(genreFirst >= 0.9 * users, genreFirst + " of " + users);
    }

    @Test
    void seededToTheByteAndIndependentOfOrder() {
        LimeRsExplainer a = new LimeRsExplainer(als, LimeRsExplainer.Config.defaults(), 8);
        LimeRsExplainer b = new LimeRsExplainer(als, LimeRsExplainer.Config.defaults(), 8);
        b.explain(7, 3);
        Explanation x = a.explain(2, 11).withoutTiming();
        Explanation y = b.explain(2, 11).withoutTiming();
        assertEquals(x, y);
        assertEquals(ExplanationJson.toJson(List.of(x), -1), ExplanationJson.toJson(List.of(y), -1));
        assertEquals(8, x.provenance().seed());
        assertEquals("lime-rs", x.provenance().explainer());
    }

    @Test
    void aSmallCatalogueIsUsedWhole() {
        LimeRsExplainer all = new LimeRsExplainer(als, LimeRsExplainer.Config.defaults().withSamples(400)
                .withHeldOut(100), 1);
        // 150 items: every other item is in the neighbourhood, a fifth of them held out
        LimeResult r = all.explainWithDiagnostics(0, 5);
        assertEquals(149, r.samples() + r.heldOut() - 1);
        assertEquals(29, r.heldOut());
    }
}

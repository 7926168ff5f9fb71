package org.recxplain.explain.counterfactual;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Counterfactual;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.ExplanationText;
import org.recxplain.model.Rankings;
import org.recxplain.model.ScoredItem;
import org.recxplain.model.als.ImplicitAls;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class AlsCounterfactualTest {
    static ImplicitAls als;

    @BeforeAll
    static void train() {
        Dataset data = new SyntheticData(300, 250, 8, 2, 25, 0.1, 23).generate().dataset();
        als = ImplicitAls.train(data, ImplicitAls.Config.defaults().withFactors(20).withIterations(8).withAlpha(2)
                .withLambda(0.5).withThreads(2));
    }

    static int top1(ImplicitAls model, int user) {
        return model.recommend(user, 1).stream().mapToInt(ScoredItem::item).findFirst().orElseThrow();
    }

    @Test
    void removalWeightsAndRanksEqualRefits() {
        ExactRemovalExplainer explainer = ExactRemovalExplainer.of(als, -1);
        float[] refit = new float[als.numItems()];
        for (int u = 0; u < 300; u += 25) {
            int item = top1(als, u);
            Explanation e = explainer.explain(u, item);
            Row h = als.data().interactions().userRow(u);
            assertEquals(h.size(), e.attributions().size());
            for (Attribution a : e.attributions()) {
                ImplicitAls.UserSystem sys = als.userSystem(h.without(a.index()));
                double expected = e.target().score() - sys.score(item);
                assertEquals(expected, a.weight(), 1e-9 * (1 + Math.abs(expected)));
                sys.scoreAll(refit);
                assertEquals(Rankings.rankOf(refit, item, h.indices()), a.effect().orElseThrow().rankAfter(),
                        "rank after removing " + a.index() + " for user " + u);
            }
        }
    }

    @Test
    void everyCounterfactualVerifiesAndIsMinimalAlongItsOrder() {
        Explainer explainer = org.recxplain.explain.Explainers.counterfactual(als, 5, 10);
        int found = 0;
        for (int u = 0; u < 300; u++) {
            int item = top1(als, u);
            Explanation e = explainer.explain(u, item);
            if (e.counterfactual().isEmpty()) {
                assertTrue(e.note().orElseThrow().startsWith("no counterfactual"), e.note().orElseThrow());
                continue;
            }
            found++;
            Counterfactual cf = e.counterfactual().get();
            assertTrue(cf.verified(), "user " + u + ": " + cf);
            assertTrue(cf.newRank() > 1);
            assertTrue(cf.removed().size() <= 10);
            // independently re-check with a fold-in refit
            int[] removed = cf.removed().stream().mapToInt(Attribution::index).toArray();
            Row h = als.data().interactions().userRow(u);
            float[] scores = new float[als.numItems()];
            als.scoreAllFolded(u, h.without(removed), scores);
            assertEquals(cf.newRank(), Rankings.rankOf(scores, item, h.indices()));
            assertEquals(cf.replacementItem(), Rankings.topK(scores, 1, h.indices())[0]);
            String text = ExplanationText.sentence(e);
            assertTrue(text.contains("If you had not interacted with " + cf.removed().get(0).label()), text);
            assertTrue(text.contains(cf.replacementLabel() + " would take its place"), text);
        }
        assertTrue(found >= 250, "counterfactuals found for " + found + " of 300 users");
    }

    @Test
    void counterfactualsForLowerRankedItemsVerifyToo() {
        Explainer explainer = org.recxplain.explain.Explainers.counterfactual(als, 5, 10);
        int found = 0;
        for (int u = 0; u < 300; u += 3) {
            for (ScoredItem rec : als.recommend(u, 5)) {
                Explanation e = explainer.explain(u, rec.item());
                if (e.counterfactual().isPresent()) {
                    found++;
                    assertTrue(e.counterfactual().get().verified(), "user " + u + " item " + rec.item());
                    assertTrue(e.counterfactual().get().newRank() > e.counterfactual().get().originalRank());
                }
            }
        }
        assertTrue(found >= 300, found + " counterfactuals for 500 targets");
    }

    /**
     * Planted cause: items come in pairs (2m, 2m+1) that other users always consume together. A test user
     * holds one item of several pairs plus a strong preference for one of them; the top recommendation is
     * the partner of a history item, and that history item must be credited first.
     */
    @Test
    void theInteractionThatTrulyCausedTheRecommendationRanksFirst() {
        SplittableRandom rnd = new SplittableRandom(4);
        InteractionsBuilder b = new InteractionsBuilder();
        int pairs = 40;
        for (int u = 0; u < 400; u++) {
            for (int e = 0; e < 4; e++) {
                int m = rnd.nextInt(pairs);
                b.add(u, 2 * m, 1, 0);
                b.add(u, 2 * m + 1, 1, 0);
            }
        }
        int probes = 30;
        for (int t = 0; t < probes; t++) {
            int u = 400 + t;
            int cause = rnd.nextInt(pairs);
            b.add(u, 2 * cause, 5, 0); // the strong interaction
            for (int e = 0; e < 3; e++) {
                int other = rnd.nextInt(pairs);
                if (other != cause) {
                    b.add(u, 2 * other, 1, 0);
                }
            }
        }
        Dataset data = Dataset.of("pairs", b.build());
        ImplicitAls model = ImplicitAls.train(data, ImplicitAls.Config.defaults().withFactors(pairs)
                .withIterations(10).withAlpha(5).withLambda(0.1).withThreads(2));
        ExactRemovalExplainer removal = ExactRemovalExplainer.of(model, 0);
        int correct = 0;
        for (int t = 0; t < probes; t++) {
            int u = 400 + t;
            Row h = data.interactions().userRow(u);
            int strong = -1;
            for (int p = 0; p < h.size(); p++) {
                if (h.values()[p] == 5) {
                    strong = h.indices()[p];
                }
            }
            int rec = top1(model, u);
            assertEquals(strong + 1, rec, "user " + u + " should be recommended the partner of its strong item");
            if (removal.explain(u, rec).attributions().get(0).index() == strong) {
                correct++;
            }
        }
        assertEquals(probes, correct);
    }

    @Test
    void emptyAndSingleHistoriesGiveEmptyOrTrivialExplanationsWithoutException() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.addUser("empty");
        b.add("single", "x", 1f);
        b.add("a", "x", 1f);
        b.add("a", "y", 1f);
        b.add("b", "y", 1f);
        b.add("b", "z", 1f);
        ImplicitAls model = ImplicitAls.train(Dataset.of("tiny", b.build()),
                ImplicitAls.Config.defaults().withFactors(2).withIterations(3).withThreads(1));
        Explainer cfx = org.recxplain.explain.Explainers.counterfactual(model, 2, 3);
        Explanation empty = cfx.explain(0, 1);
        assertTrue(empty.attributions().isEmpty());
        assertTrue(empty.note().isPresent());
        Explanation single = cfx.explain(1, 1);
        assertEquals(1, single.attributions().size());
        assertTrue(single.counterfactual().isEmpty() || single.counterfactual().get().verified());
    }
}

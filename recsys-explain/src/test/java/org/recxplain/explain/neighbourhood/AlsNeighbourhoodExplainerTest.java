package org.recxplain.explain.neighbourhood;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explainers;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.ExplanationJson;
import org.recxplain.explain.ExplanationText;
import org.recxplain.model.Popularity;
import org.recxplain.model.ScoredItem;
import org.recxplain.model.als.ImplicitAls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

class AlsNeighbourhoodExplainerTest {
    static SyntheticData.Planted planted;
    static ImplicitAls als;
    static AlsNeighbourhoodExplainer explainer;

    @BeforeAll
    static void train() {
        planted = new SyntheticData(400, 300, 8, 2, 25, 0.05, 17).generate();
        als = ImplicitAls.train(planted.dataset(), ImplicitAls.Config.defaults().withFactors(24).withIterations(10)
                .withAlpha(2).withLambda(0.5).withThreads(2));
        explainer = new AlsNeighbourhoodExplainer(als);
    }

    static int[] top(int user, int k) {
        return als.recommend(user, k).stream().mapToInt(ScoredItem::item).toArray();
    }

    @Test
    void weightsSumToTheScoreForEveryTop10OfEveryUser() {
        float[] scores = new float[als.numItems()];
        int checked = 0;
        for (int u = 0; u < als.data().interactions().numUsers(); u++) {
            als.scoreAll(u, scores);
            for (Explanation e : explainer.explain(u, top(u, 10))) {
                double score = e.target().score();
                assertEquals((float) score, scores[e.target().item()], "target score is the model's score");
                double rel = Math.abs(e.totalWeight() - score) / Math.abs(score);
                assertTrue(rel <= 1e-6, "user " + u + " item " + e.target().item() + ": weights sum to "
                        + e.totalWeight() + ", score " + score);
                assertEquals(als.data().interactions().userDegree(u), e.attributions().size());
                checked++;
            }
        }
        assertEquals(400 * 10, checked);
    }

    @Test
    void weightsMatchTheDefinitionComputedWithTheExplicitInverse() {
        int u = 12;
        int item = top(u, 1)[0];
        int k = als.factors();
        Row h = als.data().interactions().userRow(u);
        double[] w = als.userSystem(u).inverse();
        double[] yi = als.itemFactor(item);
        Explanation e = explainer.explain(u, item);
        for (Attribution a : e.attributions()) {
            double[] yj = als.itemFactor(a.index());
            double s = 0;
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    s += yi[r] * w[r * k + c] * yj[c];
                }
            }
            double expected = s * als.confidence(h.values()[h.find(a.index())]);
            assertEquals(expected, a.weight(), 1e-9 * (1 + Math.abs(expected)));
        }
    }

    /**
     * The neighbourhood weight is a share of the score under the user's current W_u, not the effect of a
     * removal (removing j also changes W_u), so removal need not lower the score for every user; the
     * exact removal effect is the counterfactual explainer's job. Here it must lower it for nearly all
     * users, and by a clear margin on average.
     */
    @Test
    void removingTheTopWeightedInteractionLowersTheScore() {
        float[] folded = new float[als.numItems()];
        int users = als.data().interactions().numUsers();
        int lowered = 0;
        double relativeDrop = 0;
        for (int u = 0; u < users; u++) {
            int item = top(u, 1)[0];
            Explanation e = explainer.explain(u, item);
            int strongest = e.attributions().stream().filter(a -> a.weight() > 0).findFirst().orElseThrow().index();
            als.scoreAllFolded(u, als.data().interactions().userRow(u).without(strongest), folded);
            if (folded[item] < e.target().score()) {
                lowered++;
            }
            relativeDrop += (e.target().score() - folded[item]) / e.target().score();
        }
        System.out.printf("removing the top-weighted interaction lowered the score for %d of %d users, mean drop %.3f%n",
                lowered, users, relativeDrop / users);
        assertTrue(lowered >= 0.95 * users, lowered + " of " + users + " users");
        assertTrue(relativeDrop / users > 0.05, "mean relative drop " + relativeDrop / users);
    }

    @Test
    void plantedTasteExplainsTheRecommendation() {
        // the strongest credited interaction shares the recommended item's planted genre
        int agree = 0;
        int total = 0;
        for (int u = 0; u < als.data().interactions().numUsers(); u++) {
            int item = top(u, 1)[0];
            Attribution first = explainer.explain(u, item).attributions().get(0);
            total++;
            if (planted.itemGenre()[first.index()] == planted.itemGenre()[item]) {
                agree++;
            }
        }
        assertTrue(agree >= 0.9 * total, agree + " of " + total + " top attributions share the item's genre");
    }

    @Test
    void sixteenThreadsEqualASequentialRun() throws Exception {
        int users = 160;
        List<List<Explanation>> sequential = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            sequential.add(strip(explainer.explain(u, top(u, 5))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<Explanation>>> futures = new ArrayList<>();
            for (int u = users - 1; u >= 0; u--) {
                int user = u;
                futures.add(pool.submit(() -> {
                    List<Explanation> out = new ArrayList<>();
                    for (int item : top(user, 5)) {
                        out.add(explainer.explain(user, item).withoutTiming());
                    }
                    return out;
                }));
            }
            for (int p = 0; p < users; p++) {
                assertEquals(sequential.get(users - 1 - p), futures.get(p).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    static List<Explanation> strip(List<Explanation> list) {
        return list.stream().map(Explanation::withoutTiming).toList();
    }

    @Test
    void userWithoutHistoryGetsAnEmptyExplanationWithAReason() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.addUser("lonely");
        b.add("a", "x", 1f);
        b.add("a", "y", 1f);
        b.add("b", "y", 1f);
        ImplicitAls small = ImplicitAls.train(Dataset.of("tiny", b.build()),
                ImplicitAls.Config.defaults().withFactors(2).withIterations(2).withThreads(1));
        Explanation e = new AlsNeighbourhoodExplainer(small).explain(0, 1);
        assertTrue(e.attributions().isEmpty());
        assertTrue(e.note().orElseThrow().contains("no interactions"));
        assertTrue(ExplanationText.sentence(e).startsWith("No explanation"));
    }

    @Test
    void textNamesTheStrongestItemsAndTheirShare() {
        int u = 3;
        Explanation e = explainer.explain(u, top(u, 1)[0]);
        String s = ExplanationText.sentence(e);
        String strongest = e.attributions().stream().filter(a -> a.weight() > 0)
                .max(java.util.Comparator.comparingDouble(Attribution::weight)).orElseThrow().label();
        assertTrue(s.startsWith("Recommended because you liked " + strongest)
                || s.startsWith("Recommended because of your history as a whole"), s);
        assertTrue(s.contains(strongest) && s.matches(".*\\d+% of its score\\."), s);
        String full = ExplanationText.render(e, 3);
        assertTrue(full.contains(e.target().itemLabel()));
        assertEquals(3 + 2 + (e.attributions().size() > 3 ? 1 : 0), full.split("\\R").length, full);
    }

    @Test
    void jsonHasTheCommonShapeAndIsByteStable() throws Exception {
        int u = 8;
        List<Explanation> list = explainer.explain(u, top(u, 3));
        String json = ExplanationJson.toJson(list, -1);
        assertEquals(json, ExplanationJson.toJson(explainer.explain(u, top(u, 3)), -1));
        JsonNode arr = new ObjectMapper().readTree(json);
        assertEquals(3, arr.size());
        for (JsonNode o : arr) {
            for (String key : List.of("user", "item", "score", "model", "explainer", "seed", "attributions",
                    "counterfactual", "text")) {
                assertTrue(o.has(key), "missing " + key + " in " + o);
            }
            assertEquals("u8", o.get("user").asText());
            assertEquals("neighbourhood", o.get("explainer").asText());
            assertTrue(o.get("counterfactual").isNull());
            double sum = 0;
            for (JsonNode a : o.get("attributions")) {
                assertEquals("interaction", a.get("kind").asText());
                sum += a.get("weight").asDouble();
            }
            assertEquals(o.get("score").asDouble(), sum, 1e-6 * Math.abs(o.get("score").asDouble()));
        }
    }

    @Test
    void factoryRejectsUnsupportedModelsAndNames() {
        Explainer e = Explainers.byName("neighbourhood", als);
        assertEquals("neighbourhood", e.name());
        var pop = Popularity.train(als.data());
        var ex = assertThrows(IllegalArgumentException.class, () -> Explainers.neighbourhood(pop));
        assertTrue(ex.getMessage().contains("pop"));
        var ex2 = assertThrows(IllegalArgumentException.class, () -> Explainers.byName("magic", als));
        assertTrue(ex2.getMessage().contains("neighbourhood"));
    }
}

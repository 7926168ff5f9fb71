package org.recxplain.eval.automl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.Dataset;
import org.recxplain.data.ImplicitFeedback;
import org.recxplain.data.split.Split;
import org.recxplain.data.split.Splitters;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.eval.accuracy.AccuracyEvaluator;
import org.recxplain.model.Models;
import org.recxplain.model.Recommender;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoMlTest {
    static final Dataset DATA = ImplicitFeedback.atLeast(4).apply(SyntheticData.small(11).generate().dataset());
    static final Split SPLIT = Splitters.randomHoldout(0.2, 3).split(DATA.interactions());
    static final List<SearchSpace> SPACES = SearchSpace.fromJson("""
            {"als": {"factors": [4, 8], "lambda": {"min": 0.01, "max": 1.0, "log": true}, "iterations": [3],
                     "threads": [1]},
             "pop": {}}
            """);

    static AutoMl.Options options(int budget, long seed) {
        return AutoMl.Options.of(budget, seed)
                .withCriterion(SelectionCriterion.accuracy("NDCG@10", new AccuracyEvaluator(
                        AccuracyEvaluator.Options.defaults().withThreads(2))));
    }

    @Test
    void sameSeedSameLeaderboard() {
        AutoMl.Result a = new AutoMl(options(5, 42)).run(DATA, SPLIT, SPACES);
        AutoMl.Result b = new AutoMl(options(5, 42)).run(DATA, SPLIT, SPACES);
        assertEquals(a.leaderboard().withoutTimes(), b.leaderboard().withoutTimes());
        assertEquals(a.best().info(), b.best().info());
        // 5 trials take als, pop, als, pop, als; pop has one configuration, so its second turn is not run
        assertEquals(4, a.leaderboard().trials().size());
        assertEquals(1, a.leaderboard().unrun());
        Trial top = a.leaderboard().best();
        assertEquals(a.bestSpec(), Leaderboard.spec(top));
        assertTrue(top.finalist());
        assertEquals(2, a.leaderboard().trials().stream().filter(Trial::finalist).count(), "one finalist a family");
        // the returned model is the best spec trained on the whole training half with the search seed
        Recommender again = Models.train(a.bestSpec(), DATA.withInteractions(SPLIT.train()), 42);
        assertEquals(again.info(), a.best().info());
        assertEquals("als", top.family(), "ALS beats popularity on planted tastes:\n" + a.leaderboard().text());
        for (int r = 1; r < a.leaderboard().trials().size(); r++) {
            assertTrue(a.leaderboard().trials().get(r - 1).validation() >= a.leaderboard().trials().get(r).validation());
        }
    }

    @Test
    void anotherSeedDrawsOtherConfigurations() {
        AutoMl.Result a = new AutoMl(options(4, 1)).run(DATA, SPLIT, SPACES.subList(0, 1));
        AutoMl.Result b = new AutoMl(options(4, 2)).run(DATA, SPLIT, SPACES.subList(0, 1));
        assertTrue(!a.leaderboard().withoutTimes().trials().equals(b.leaderboard().withoutTimes().trials()));
    }

    @Test
    void leaderboardPrintsAndSavesAsJson(@TempDir Path dir) throws Exception {
        AutoMl.Result a = new AutoMl(options(3, 7)).run(DATA, SPLIT, SPACES);
        String text = a.leaderboard().text();
        assertTrue(text.startsWith("rank") && text.contains("validation NDCG@10") && text.contains("als(")
                && text.contains("pop"), text);
        Path file = dir.resolve("leaderboard.json");
        a.leaderboard().save(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("NDCG@10", json.get("criterion").asText());
        assertEquals(7, json.get("seed").asLong());
        assertEquals(a.leaderboard().trials().size(), json.get("trials").size());
        JsonNode first = json.get("trials").get(0);
        assertEquals(a.leaderboard().best().validation(), first.get("validation").asDouble(), 0.0);
        assertEquals(a.leaderboard().best().family(), first.get("family").asText());
    }

    @Test
    void unknownFamiliesAndBadParametersGiveClearErrors() {
        AutoMl search = new AutoMl(options(2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> search.run(DATA, SPLIT, SearchSpace.fromJson("{\"deep-magic\": {\"layers\": [2]}}")));
        assertTrue(e.getMessage().contains("deep-magic") && e.getMessage().contains("known: ")
                && e.getMessage().contains("als"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> search.run(DATA, SPLIT, SearchSpace.fromJson("{\"als\": {\"factors\": [\"many\"]}}")));
        assertTrue(e.getMessage().contains("trial 0") && e.getMessage().contains("factors")
                && e.getMessage().contains("many"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> search.run(DATA, SPLIT, SearchSpace.fromJson("{\"als\": {\"colour\": [\"red\"]}}")));
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> search.run(DATA, SPLIT, SearchSpace.fromJson("{\"als\": {\"factors\": [0]}}")));
        assertTrue(e.getMessage().contains("factors"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.fromJson(
                "{\"als\": {\"lambda\": {\"min\": 1, \"max\": 0.1}}}"));
        assertTrue(e.getMessage().contains("als") && e.getMessage().contains("lambda"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.fromJson("{\"als\": [1, 2]}"));
        assertTrue(e.getMessage().contains("als"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.fromJson("{\"als\": {"));
        assertTrue(e.getMessage().contains("line"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SelectionCriterion.accuracy("NDCG@5",
                AccuracyEvaluator.withDefaults()));
        assertTrue(e.getMessage().contains("NDCG@10"), e.getMessage());
    }

    @Test
    void rangesSampleInsideTheirBounds() {
        SplittableRandom rnd = new SplittableRandom(5);
        ParamRange lambda = new ParamRange.DoubleRange(0.01, 1.0, true);
        ParamRange factors = new ParamRange.IntRange(4, 64, true);
        int small = 0;
        for (int n = 0; n < 1000; n++) {
            double l = Double.parseDouble(lambda.sample(rnd));
            int f = Integer.parseInt(factors.sample(rnd));
            assertTrue(l >= 0.01 && l <= 1.0 && f >= 4 && f <= 64, l + " " + f);
            small += l < 0.1 ? 1 : 0;
        }
        // log-uniform: half the mass lies below the geometric mean 0.1
        assertTrue(small > 430 && small < 570, "draws below 0.1: " + small);
        assertEquals(new ParamRange.Choice(List.of("4", "8")), SPACES.get(0).params().get("factors"));
        assertEquals(SPACES.get(0), SearchSpace.fromJson(SPACES.get(0).toJson().toString()).get(0));
        assertEquals(List.of("als", "bpr", "item-knn", "biased-mf", "fm", "neumf"),
                SearchSpace.defaults().stream().map(SearchSpace::family).toList());
    }
}

package org.recxplain.eval.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.ImplicitFeedback;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.split.Split;
import org.recxplain.data.split.Splitters;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.Fingerprint;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.Popularity;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.mf.BiasedMf;
import org.recxplain.model.peers.RatingPredictor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccuracyEvaluatorTest {

    /** A model with a fixed score table that predicts its scores as ratings, except for (2, 3). */
    record Table(Dataset data, float[][] scores) implements RatingPredictor {
        @Override
        public ModelInfo info() {
            return new ModelInfo("table", Map.of(), 0L, Fingerprint.of(scores[0]));
        }

        @Override
        public void scoreAll(int user, float[] out) {
            System.arraycopy(scores[user], 0, out, 0, scores[user].length);
        }

        @Override
        public boolean predictsRatings() {
            return true;
        }

        @Override
        public double predictRating(int user, int item) {
            return user == 2 && item == 3 ? Double.NaN : scores[user][item];
        }
    }

    /**
     * Five items, three users. Train: u0 {i0}, u1 {i1}, u2 {i0, i1}. Test: u0 {i2 = 4}, u1 none, u2 {i3 = 3}.
     * Scores: u0 [9, 1, 5, 7, 0] ranks i3, i2, i1, i4 (i0 seen); u2 [0, 0, 3, 2, 4] ranks i4, i2, i3.
     */
    static Split handSplit() {
        InteractionsBuilder train = new InteractionsBuilder();
        for (String u : List.of("u0", "u1", "u2")) {
            train.addUser(u);
        }
        for (String i : List.of("i0", "i1", "i2", "i3", "i4")) {
            train.addItem(i);
        }
        train.add("u0", "i0", 5).add("u1", "i1", 4).add("u2", "i0", 3).add("u2", "i1", 2);
        Interactions tr = train.build();
        InteractionsBuilder test = InteractionsBuilder.over(tr.users(), tr.items());
        test.add("u0", "i2", 4).add("u2", "i3", 3);
        return new Split(tr, test.build());
    }

    @Test
    void metricsMatchAHandComputation() {
        Split split = handSplit();
        Table model = new Table(Dataset.of("hand", split.train()), new float[][] {
                {9, 1, 5, 7, 0}, {0, 0, 0, 0, 0}, {0, 0, 3, 2, 4}});
        AccuracyResult r = new AccuracyEvaluator(new AccuracyEvaluator.Options(2, 2, 1))
                .evaluate("table", model, split.test(), null);
        // u0: relevant i2 at rank 2 of the top 2; u2: relevant i3 at rank 3, outside the top 2
        double ndcgU0 = 1 / (Math.log(3) / Math.log(2));
        assertEquals(2, r.users());
        assertEquals(1, r.skippedUsers());
        assertEquals(ndcgU0 / 2, r.metric("NDCG@2"), 1e-12);
        assertEquals(0.5, r.metric("HR@2"), 1e-12);
        assertEquals(0.5, r.metric("Recall@2"), 1e-12);
        assertEquals(0.25, r.metric("Precision@2"), 1e-12);
        assertEquals(0.25, r.metric("MAP@2"), 1e-12);
        assertEquals(0.25, r.metric("MRR@2"), 1e-12);
        assertEquals((0.5 + 1.0 / 3) / 2, r.metric("MRR"), 1e-12);
        assertEquals(3, r.coverage().distinct());   // i3, i2 and i4
        assertEquals(0.6, r.coverage().ratio(), 1e-12);
        // u0's i2: predicted 5 for 4; u2's i3 cannot be predicted
        assertEquals(1.0, r.rating().rmse().mean(), 1e-12);
        assertEquals(1.0, r.rating().mae().mean(), 1e-12);
        assertEquals(1, r.rating().rmse().n());
        assertEquals(1, r.rating().unpredicted());
        assertNull(r.trainTime());
    }

    @Test
    void resultsDoNotDependOnThreadsOrChunks() {
        Dataset data = ImplicitFeedback.atLeast(4).apply(SyntheticData.small(5).generate().dataset());
        Split split = Splitters.randomHoldout(0.2, 9).split(data.interactions());
        ImplicitAls model = ImplicitAls.train(data.withInteractions(split.train()),
                ImplicitAls.Config.defaults().withFactors(8).withIterations(4).withThreads(1));
        AccuracyResult one = new AccuracyEvaluator(new AccuracyEvaluator.Options(10, 1, 1000))
                .evaluate("als", model, split.test(), Duration.ofSeconds(1));
        AccuracyResult many = new AccuracyEvaluator(new AccuracyEvaluator.Options(10, 2, 7))
                .evaluate("als", model, split.test(), Duration.ofSeconds(2));
        assertEquals(one.withoutTimes(), many.withoutTimes());
        assertTrue(one.users() > 250, "users " + one.users());
        assertTrue(one.metric("HR@10") > 0.3, "HR@10 " + one.metric("HR@10"));
        assertTrue(one.metric("MRR") >= one.metric("MRR@10"));
        assertNull(one.rating(), "implicit ALS does not predict ratings");
    }

    @Test
    void ratingErrorsOnlyForRatingModels() {
        Dataset data = SyntheticData.small(5).generate().dataset();
        Split split = Splitters.randomHoldout(0.2, 9).split(data.interactions());
        AccuracyEvaluator evaluator = new AccuracyEvaluator(AccuracyEvaluator.Options.defaults().withThreads(2));
        AccuracyResult mf = evaluator.trainAndEvaluate("biased-mf", data, split,
                d -> BiasedMf.train(d, BiasedMf.Config.defaults().withFactors(4).withIterations(3).withThreads(1)));
        assertNotNull(mf.rating());
        assertEquals(split.test().size(), mf.rating().rmse().n() + mf.rating().unpredicted());
        assertTrue(mf.rating().rmse().mean() < 1.5, "RMSE " + mf.rating().rmse().mean());
        assertTrue(mf.rating().rmse().mean() >= mf.rating().mae().mean());
        assertNotNull(mf.trainTime());
        AccuracyResult pop = evaluator.trainAndEvaluate("pop", data, split, Popularity::train);
        assertNull(pop.rating());
    }

    @Test
    void renderersCarryEveryResult() throws Exception {
        Split split = handSplit();
        Dataset train = Dataset.of("hand", split.train());
        AccuracyEvaluator evaluator = new AccuracyEvaluator(new AccuracyEvaluator.Options(2, 1, 4));
        AccuracyResult table = evaluator.evaluate("table, fixed", new Table(train, new float[][] {
                {9, 1, 5, 7, 0}, {0, 0, 0, 0, 0}, {0, 0, 3, 2, 4}}), split.test(), Duration.ofMillis(1500));
        AccuracyResult pop = evaluator.evaluate("pop", Popularity.train(train), split.test(), null);
        List<AccuracyResult> both = List.of(table, pop);

        String[] text = AccuracyTable.text(both).split("\n");
        assertEquals(3, text.length);
        assertTrue(text[0].startsWith("model") && text[0].contains("NDCG@2") && text[0].contains("RMSE"), text[0]);
        assertTrue(text[1].startsWith("table, fixed") && text[1].contains("1.5000"), text[1]);
        assertTrue(text[2].startsWith("pop") && text[2].contains(" -"), text[2]);

        String[] csv = AccuracyTable.csv(both).split("\n");
        assertEquals(3, csv.length);
        int columns = csv[0].split(",", -1).length;
        assertEquals(columns, csv[2].split(",", -1).length);
        assertTrue(csv[1].startsWith("\"table, fixed\","), csv[1]);

        JsonNode json = new ObjectMapper().readTree(AccuracyTable.json(both));
        assertEquals(2, json.size());
        assertEquals("table, fixed", json.get(0).get("model").asText());
        assertEquals(table.metric("NDCG@2"), json.get(0).get("metrics").get("NDCG@2").get("mean").asDouble(), 0.0);
        assertEquals(1.0, json.get(0).get("rating").get("rmse").get("mean").asDouble(), 0.0);
        assertEquals(1.5, json.get(0).get("trainSeconds").asDouble(), 1e-9);
        assertTrue(json.get(1).get("rating").isNull());
        assertTrue(json.get(1).get("trainSeconds").isNull());
    }

    @Test
    void testDataMustShareTheModelsIds() {
        Split split = handSplit();
        Interactions other = new InteractionsBuilder().add("x", "y", 1).build();
        AccuracyEvaluator evaluator = AccuracyEvaluator.withDefaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> evaluator.evaluate("pop", Popularity.train(Dataset.of("hand", split.train())), other, null));
        assertTrue(e.getMessage().contains("ID maps"), e.getMessage());
    }
}

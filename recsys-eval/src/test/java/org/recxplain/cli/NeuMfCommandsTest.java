package org.recxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.model.Recommender;
import org.recxplain.model.neural.NeuMf;
import org.recxplain.model.neural.NeuralModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code --model neumf} through {@code train}, {@code recommend}, {@code evaluate} and {@code automl}, on the
 * planted two-group CSV of {@link CliEndToEndTest}: a NeuMF trained by the CLI recommends the unseen items of
 * the user's own group.
 */
class NeuMfCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A small NeuMF that learns the planted groups in a second or two. */
    private static final String[] SMALL = {"-P", "gmfFactors=4", "-P", "mlpFactors=4", "-P", "featureFactors=2",
            "-P", "hidden=8", "-P", "epochs=60", "-P", "batchSize=32", "-P", "learningRate=0.02",
            "-P", "foldInNegatives=0"};

    @TempDir
    static Path dir;
    static Path csv;
    static Path model;
    static final Map<String, Set<String>> HISTORY = new HashMap<>();

    @BeforeAll
    static void train() throws IOException {
        csv = CliEndToEndTest.writePlantedCsv(dir, HISTORY);
        model = dir.resolve("neumf.model");
        CliRun r = CliRun.of(concat(new String[] {"train", "--data", csv.toString(), "--data-format", "csv",
                "--model", "neumf", "--seed", "3", "--out", model.toString()}, SMALL));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("neumf"), r::toString);
    }

    @Test
    void recommendsTheUnseenItemsOfTheUsersOwnGroup() throws IOException {
        for (String user : new String[] {"u3", "u22"}) {
            CliRun r = CliRun.of("recommend", "--model", model.toString(), "--user", user, "-k", "2",
                    "--format", "json");
            assertEquals(0, r.code(), r::toString);
            String group = Integer.parseInt(user.substring(1)) < 20 ? "a" : "b";
            for (JsonNode rec : JSON.readTree(r.out())) {
                String item = rec.get("item").asText();
                assertTrue(item.startsWith(group), user + " is in group " + group + ": " + r.out());
                assertFalse(HISTORY.get(user).contains(item), "a training item was recommended: " + item);
            }
        }
    }

    @Test
    void theSavedModelLoadsThroughTheCatalogAndScoresAsTrained() throws IOException {
        Recommender loaded = NeuralModels.catalog().load(model);
        assertInstanceOf(NeuMf.class, loaded);
        try (NeuMf m = (NeuMf) loaded) {
            assertEquals(NeuMf.FAMILY, m.info().family());
            assertEquals(3L, m.info().seed());
            Path again = dir.resolve("again.model");
            NeuralModels.catalog().save(m, again);
            try (NeuMf reloaded = (NeuMf) NeuralModels.catalog().load(again)) {
                float[] a = new float[m.numItems()];
                float[] b = new float[m.numItems()];
                m.scoreAll(5, a);
                reloaded.scoreAll(5, b);
                assertArrayEquals(a, b);
            }
        }
    }

    @Test
    void evaluateRanksNeuMfBesidePopularity() throws IOException {
        String[] args = {"evaluate", "--data", csv.toString(), "--data-format", "csv", "--models", "neumf,pop",
                "--format", "json"};
        String[] params = new String[SMALL.length];
        for (int i = 0; i < SMALL.length; i++) {
            params[i] = i % 2 == 0 ? SMALL[i] : "neumf." + SMALL[i];
        }
        CliRun r = CliRun.of(concat(args, params));
        assertEquals(0, r.code(), r::toString);
        JsonNode rows = JSON.readTree(r.out());
        assertEquals(2, rows.size(), r.out());
        assertTrue(rows.get(0).toString().contains("neumf"), rows.get(0).toString());
    }

    @Test
    void automlSearchesNeuMfAndSavesTheBestModel() throws IOException {
        Path spaces = dir.resolve("spaces.json");
        Files.writeString(spaces, """
                {"neumf": {"gmfFactors": [2, 4], "mlpFactors": [4], "hidden": ["8"], "epochs": [10, 20],
                           "batchSize": [32], "foldInNegatives": [0]}}""");
        String[] args = {"automl", "--data", csv.toString(), "--data-format", "csv", "--models", "neumf",
                "--spaces", spaces.toString(), "--budget", "2", "--seed", "5",
                "--leaderboard", dir.resolve("lb.json").toString(), "--out", dir.resolve("best.model").toString()};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.code(), first::toString);
        JsonNode lb = JSON.readTree(Files.readString(dir.resolve("lb.json")));
        assertEquals(2, lb.get("trials").size(), lb.toString());
        try (NeuMf best = (NeuMf) NeuralModels.catalog().load(dir.resolve("best.model"))) {
            assertEquals(NeuMf.FAMILY, best.info().family());
        }
        CliRun second = CliRun.of(args);
        assertEquals(0, second.code(), second::toString);
        assertEquals(EvaluateAutomlCommandsTest.ranking(lb),
                EvaluateAutomlCommandsTest.ranking(JSON.readTree(Files.readString(dir.resolve("lb.json")))),
                "same seed, same leaderboard");
    }

    @Test
    void explainsANeuMfByIntegratedGradientsAndInfluence() throws IOException {
        Path uci = dir.resolve("uci-neumf.model");
        CliRun t = CliRun.of("train", "--data", "uci-restaurant", "--model", "neumf", "-P", "gmfFactors=4",
                "-P", "mlpFactors=4", "-P", "featureFactors=4", "-P", "hidden=8", "-P", "epochs=5", "--out",
                uci.toString());
        assertEquals(0, t.code(), t::toString);
        CliRun ig = CliRun.of("explain", "--model", uci.toString(), "--user", "U1077", "-k", "2", "--explainer",
                "integrated-gradients", "--format", "json");
        assertEquals(0, ig.code(), ig::toString);
        JsonNode list = JSON.readTree(ig.out());
        assertEquals(2, list.size(), ig.out());
        try (NeuMf m = (NeuMf) NeuralModels.catalog().load(uci)) {
            int user = m.data().interactions().users().index("U1077");
            for (JsonNode e : list) {
                assertEquals("integrated-gradients", e.get("explainer").asText());
                int item = m.data().interactions().items().index(e.get("item").asText());
                org.recxplain.model.neural.FeatureAttribution truth = m.integratedGradients(user, item, 50);
                double sum = 0;
                int users = 0;
                for (JsonNode a : e.get("attributions")) {
                    assertEquals("feature", a.get("kind").asText(), a.toString());
                    sum += a.get("weight").asDouble();
                    users += a.get("id").asText().startsWith("user:") ? 1 : 0;
                }
                assertEquals(truth.userFeatures().length, users, "every user feature is attributed");
                assertEquals(truth.itemFeatures().length + truth.userFeatures().length, e.get("attributions").size());
                // completeness: the attributions add up to f(x) - f(baseline) up to the quadrature error
                assertEquals(truth.score() - truth.baselineScore(), sum, 1e-3, e.toString());
                assertFalse(e.get("text").asText().startsWith("Not favoured"), e.get("text").asText());
            }
        }
        CliRun inf = CliRun.of("explain", "--model", uci.toString(), "--user", "U1077", "-k", "1", "--explainer",
                "influence", "--format", "json");
        assertEquals(0, inf.code(), inf::toString);
        JsonNode first = JSON.readTree(inf.out()).get(0);
        assertEquals("influence", first.get("explainer").asText());
        assertTrue(first.get("attributions").size() > 0, inf.out());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

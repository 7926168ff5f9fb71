package org.recxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI end to end, in-process: train on a small planted CSV, then recommend and explain from the saved model
 * in every output format, and check the errors. The data has two taste groups (users u0..u19 like items a0..a9,
 * users u20..u39 like items b0..b9), each user having seen six of their group's ten items, so the unseen items of
 * a user's own group are the planted right answers.
 */
class CliEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS_PER_GROUP = 20;
    private static final int ITEMS_PER_GROUP = 10;

    @TempDir
    static Path dir;
    static Path csv;
    static Path model;
    /** user ID -> item IDs in the training data. */
    static final Map<String, Set<String>> HISTORY = new HashMap<>();

    @BeforeAll
    static void trainOnPlantedData() throws IOException {
        csv = writePlantedCsv(dir, HISTORY);
        model = dir.resolve("planted.model");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--data-format", "csv", "--factors", "4",
                "--iterations", "8", "--threads", "1", "--alpha", "5", "--out", model.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.size(model) > 0);
        assertTrue(r.out().contains("40 users, 20 items, 240 interactions"), r::toString);
    }

    /**
     * Writes the planted CSV (see the class documentation) into {@code dir} and records each user's training
     * items in {@code history}.
     */
    static Path writePlantedCsv(Path dir, Map<String, Set<String>> history) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("user,item,rating");
        for (int g = 0; g < 2; g++) {
            String prefix = g == 0 ? "a" : "b";
            for (int u = 0; u < USERS_PER_GROUP; u++) {
                String user = "u" + (g * USERS_PER_GROUP + u);
                for (int j = 0; j < 6; j++) {
                    String item = prefix + ((u + j) % ITEMS_PER_GROUP);
                    lines.add(user + "," + item + "," + (3 + (u + j) % 3));
                    history.computeIfAbsent(user, x -> new HashSet<>()).add(item);
                }
            }
        }
        Path file = dir.resolve("planted.csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void recommendsTheUnseenItemsOfTheUsersOwnGroupAsJson() throws IOException {
        CliRun r = CliRun.of("recommend", "--model", model.toString(), "--user", "u3", "-k", "4", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
        JsonNode list = JSON.readTree(r.out());
        assertEquals(4, list.size());
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < list.size(); i++) {
            JsonNode rec = list.get(i);
            assertEquals(Set.of("user", "item", "title", "score", "rank"), fieldNames(rec));
            assertEquals("u3", rec.get("user").asText());
            assertEquals(i + 1, rec.get("rank").asInt());
            String item = rec.get("item").asText();
            assertEquals(item, rec.get("title").asText(), "a CSV without titles uses the item ID as title");
            assertTrue(item.startsWith("a"), "u3 is in group a, got " + item);
            assertFalse(HISTORY.get("u3").contains(item), "recommended an item u3 has seen: " + item);
            double score = rec.get("score").asDouble();
            assertTrue(score <= previous, "scores must not increase down the list");
            previous = score;
        }
    }

    @Test
    void recommendsAsTextAndCsv() {
        CliRun text = CliRun.of("recommend", "--model", model.toString(), "--user", "u25", "-k", "3");
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().startsWith("Top 3 for user u25"), text::toString);
        assertEquals(4, text.out().lines().count(), text::toString);

        CliRun csvOut = CliRun.of("recommend", "--model", model.toString(), "--user", "u25", "-k", "3",
                "--format", "csv");
        assertEquals(0, csvOut.code(), csvOut::toString);
        List<String> rows = csvOut.out().lines().toList();
        assertEquals("user,item,title,score,rank", rows.get(0));
        assertEquals(4, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            assertEquals("u25", f[0]);
            assertTrue(f[1].startsWith("b"), rows.get(i));
            assertEquals(Integer.toString(i), f[4]);
        }
    }

    @Test
    void explainsTheTopItemsAsJsonWithWeightsSummingToTheScore() throws IOException {
        CliRun rec = CliRun.of("recommend", "--model", model.toString(), "--user", "u7", "-k", "3", "--format", "json");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--user", "u7", "-k", "3",
                "--explainer", "neighbourhood", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        JsonNode recs = JSON.readTree(rec.out());
        JsonNode list = JSON.readTree(r.out());
        assertEquals(3, list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            assertTrue(fieldNames(e).containsAll(Set.of("user", "item", "score", "model", "explainer", "seed",
                    "attributions", "counterfactual", "text")), e::toString);
            assertEquals("u7", e.get("user").asText());
            assertEquals(recs.get(i).get("item").asText(), e.get("item").asText(), "explains the top-k in order");
            assertEquals("neighbourhood", e.get("explainer").asText());
            assertTrue(e.get("counterfactual").isNull());
            assertFalse(e.get("text").asText().isBlank());
            double score = e.get("score").asDouble();
            double sum = 0;
            JsonNode attributions = e.get("attributions");
            assertEquals(HISTORY.get("u7").size(), attributions.size(), "JSON shows every attribution by default");
            for (JsonNode a : attributions) {
                assertEquals(Set.of("kind", "id", "label", "weight"), fieldNames(a));
                assertEquals("interaction", a.get("kind").asText());
                assertTrue(HISTORY.get("u7").contains(a.get("id").asText()), "credits only the user's history");
                sum += a.get("weight").asDouble();
            }
            assertEquals(score, sum, 1e-6 * Math.abs(score), "attributions must add up to the score");
        }
    }

    @Test
    void trainsOtherFamiliesByNameAndExplainsThem() throws IOException {
        Path knn = dir.resolve("knn.model");
        CliRun t = CliRun.of("train", "--data", csv.toString(), "--model", "item-knn", "-P", "neighbours=5",
                "--threads", "1", "--out", knn.toString());
        assertEquals(0, t.code(), t::toString);
        assertTrue(t.out().contains("item-knn(neighbours=5,threads=1)"), t::toString);
        CliRun r = CliRun.of("explain", "--model", knn.toString(), "--user", "u22", "-k", "2", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        for (JsonNode e : JSON.readTree(r.out())) {
            assertTrue(e.get("item").asText().startsWith("b"), "u22 is in group b: " + e);
            double sum = 0;
            for (JsonNode a : e.get("attributions")) {
                sum += a.get("weight").asDouble();
            }
            double score = e.get("score").asDouble();
            assertEquals(score, sum, 1e-6 * Math.abs(score), "item-kNN neighbourhood weights add up to the score");
        }
    }

    @Test
    void familyParametersAreChecked() {
        CliRun unknown = CliRun.of("train", "--data", csv.toString(), "--model", "pop", "-P", "depth=3",
                "--out", dir.resolve("pop.model").toString());
        assertEquals(RecxplainCli.EXIT_ERROR, unknown.code(), unknown::toString);
        assertEquals(1, unknown.errLines().size(), unknown::toString);
        assertTrue(unknown.errLines().get(0).contains("pop: unknown parameter 'depth'"), unknown::toString);

        CliRun alsParam = CliRun.of("train", "--data", csv.toString(), "-P", "factors=3",
                "--out", dir.resolve("als.model").toString());
        assertEquals(RecxplainCli.EXIT_USAGE, alsParam.code(), alsParam::toString);
        assertEquals(1, alsParam.errLines().size(), alsParam::toString);
    }

    @Test
    void anExplainerThatDoesNotSupportTheModelIsOneLine() {
        Path pop = dir.resolve("pop-only.model");
        assertEquals(0, CliRun.of("train", "--data", csv.toString(), "--model", "pop", "--out", pop.toString()).code());
        CliRun r = CliRun.of("explain", "--model", pop.toString(), "--user", "u1", "--explainer", "influence");
        assertEquals(RecxplainCli.EXIT_ERROR, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("error: explainer 'influence' cannot explain model " + pop),
                r::toString);
    }

    @Test
    void explainsOneItemWithLimitedAttributions() throws IOException {
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--user", "u30", "--item", "a1",
                "--top", "2", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        JsonNode list = JSON.readTree(r.out());
        assertEquals(1, list.size());
        assertEquals("a1", list.get(0).get("item").asText());
        assertEquals(2, list.get(0).get("attributions").size());
    }

    @Test
    void explainsAsText() {
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--user", "u1", "-k", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("for user u1"), r::toString);
        assertTrue(r.out().contains("Recommended because you liked"), r::toString);
    }

    @Test
    void unknownUserIsOneLineWithoutStackTrace() {
        CliRun r = CliRun.of("recommend", "--model", model.toString(), "--user", "99999");
        assertEquals(RecxplainCli.EXIT_ERROR, r.code());
        assertEquals("", r.out());
        assertEquals(List.of("error: unknown user ID '99999' in model " + model), r.errLines());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--user", "99999", "--verbose");
        assertEquals(RecxplainCli.EXIT_ERROR, r.code());
        assertEquals("error: unknown user ID '99999' in model " + model, r.errLines().get(0));
        assertTrue(r.errLines().size() > 2 && r.err().contains("\tat org.recxplain.cli."), r::toString);
    }

    @Test
    void unknownItemIsOneLine() {
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--user", "u1", "--item", "zzz");
        assertEquals(RecxplainCli.EXIT_ERROR, r.code());
        assertEquals(List.of("error: unknown item ID 'zzz' in model " + model), r.errLines());
    }

    @Test
    void unknownExplainerIsAUsageError() {
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--user", "u1", "--explainer", "magic");
        assertEquals(RecxplainCli.EXIT_USAGE, r.code());
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("error: invalid value for option '--explainer': 'magic'"), r::toString);
    }

    @Test
    void missingModelFileIsOneLine() {
        Path missing = dir.resolve("nope.model");
        CliRun r = CliRun.of("recommend", "--model", missing.toString(), "--user", "u1");
        assertEquals(RecxplainCli.EXIT_ERROR, r.code());
        assertEquals(List.of("error: model file '" + missing + "' not found"), r.errLines());
    }

    @Test
    void aFileThatIsNotAModelIsOneLine() {
        CliRun r = CliRun.of("recommend", "--model", csv.toString(), "--user", "u1");
        assertEquals(RecxplainCli.EXIT_ERROR, r.code());
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("error: cannot read model file '" + csv + "'"), r::toString);
    }

    @Test
    void malformedDataNamesFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of("user,item,rating", "u1,i1,4", "u2,i2,abc"));
        CliRun r = CliRun.of("train", "--data", bad.toString(), "--data-format", "csv", "--factors", "2",
                "--iterations", "1", "--out", dir.resolve("bad.model").toString());
        assertEquals(RecxplainCli.EXIT_ERROR, r.code());
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("error: ") && r.errLines().get(0).contains(":3"), r::toString);
        assertFalse(Files.exists(dir.resolve("bad.model")));
    }

    @Test
    void anOutputDirectoryThatDoesNotExistFailsBeforeLoading() {
        Path out = dir.resolve("no-such-dir").resolve("x.model");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--out", out.toString());
        assertEquals(RecxplainCli.EXIT_ERROR, r.code());
        assertEquals(List.of("error: cannot save the model to '" + out + "': no such directory " + out.getParent()),
                r.errLines());
        assertEquals("", r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        for (String[] args : List.of(
                new String[] {"recommend", "--model", "m", "--user", "1", "--format", "xml"},
                new String[] {"train", "--data", "x", "--data-format", "parquet", "--out", "m"},
                new String[] {"train", "--data", "x", "--model", "svd", "--out", "m"},
                new String[] {"train", "--data", "x", "--factors", "0", "--out", "m"},
                new String[] {"recommend", "--user", "1"},
                new String[] {"recomend"})) {
            CliRun r = CliRun.of(args);
            assertEquals(RecxplainCli.EXIT_USAGE, r.code(), r::toString);
            assertEquals(1, r.errLines().size(), r::toString);
            assertTrue(r.errLines().get(0).startsWith("error: "), r::toString);
        }
    }

    @Test
    void unknownDataNameIsOneLine() {
        CliRun r = CliRun.of("train", "--data", "ml-1m", "--out", dir.resolve("x.model").toString());
        assertEquals(RecxplainCli.EXIT_ERROR, r.code());
        assertEquals(1, r.errLines().size(), r::toString);
        assertEquals("error: ml-1m: no such file or directory (bundled data sets: ml-latest-small, uci-restaurant)",
                r.errLines().get(0));
    }

    @Test
    void versionAndHelp() {
        CliRun v = CliRun.of("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("recxplain 0."), v::toString);
        for (String cmd : List.of("demo", "train", "recommend", "explain", "bench")) {
            CliRun h = CliRun.of(cmd, "--help");
            assertEquals(0, h.code());
            assertTrue(h.out().contains("Usage: recxplain " + cmd), h::toString);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

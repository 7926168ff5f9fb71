package org.recxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench --suite ...} end to end on ml-latest-small with tiny models and samples: each suite's JSON
 * fields, the suite selection and its errors. Timings are not asserted, only their shape.
 */
class BenchCommandTest {

    /** The options that make every suite tiny. */
    private static final List<String> TINY = List.of("--users", "3", "-k", "2", "--factors", "4", "--iterations",
            "1", "--threads", "1", "--bpr-factors", "2", "--bpr-epochs", "1", "--fm-factors", "2", "--fm-epochs",
            "1", "--budgets", "20,40", "--runs", "2");

    private static CliRun bench(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        all.addAll(TINY);
        all.addAll(List.of("--out", out.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static List<String> names(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    /** A stability row's pairs per design. */
    private static Map<String, Integer> pairsByDesign(JsonNode row) {
        Map<String, Integer> m = new TreeMap<>();
        row.get("byDesign").properties().forEach(e -> m.put(e.getKey(), e.getValue().get("pairs").asInt()));
        return m;
    }

    /** A percentiles object with n values, ordered p50 <= p95 <= max, all non-negative. */
    private static void assertTimings(JsonNode p, int n, String what) {
        assertEquals(n, p.get("n").asInt(), what);
        assertTrue(p.get("p50").asDouble() >= 0, what);
        assertTrue(p.get("p50").asDouble() <= p.get("p95").asDouble(), what);
        assertTrue(p.get("p95").asDouble() <= p.get("max").asDouble(), what);
    }

    @Test
    void everySuiteRunsAndWritesItsFields(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("bench.json");
        CliRun r = bench(out, "--suite", "all");
        assertEquals(0, r.code(), r::toString);
        for (String heading : List.of("== als:", "== removal:", "== bpr:", "== lime:", "== stability:",
                "explanation, factorisation done (ms)", "all single removals, prepared (ms)",
                "counterfactual set (ms)", "influence explanation (ms)", "LIME on FM, 1000 samples (ms)",
                "LIME-RS on ALS, 400 items (ms)", "lime-stable")) {
            assertTrue(r.out().contains(heading), heading + "\n" + r);
        }
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(List.of("als", "removal", "bpr", "lime", "stability"), names(json.get("suites")));
        // als: where bench always wrote it
        assertEquals(4, json.get("factors").asInt());
        assertEquals(3, json.get("sampledUsers").asInt());
        assertTimings(json.get("warmMillis"), 6, "warmMillis");
        assertTimings(json.get("coldMillis"), 6, "coldMillis");

        JsonNode removal = json.get("removal");
        assertEquals(3, removal.get("sampledUsers").asInt());
        assertEquals(80, removal.get("historyMin").asInt());
        assertEquals(120, removal.get("historyMax").asInt());
        double history = removal.get("meanHistory").asDouble();
        assertTrue(history >= 80 && history <= 120, "mean history " + history);
        assertTimings(removal.get("prepareMillis"), 3, "prepare");
        for (String key : List.of("kernelMillis", "kernelColdMillis", "explainMillis", "explainColdMillis",
                "counterfactualMillis")) {
            assertTimings(removal.get(key), 6, key);
        }
        int found = removal.get("counterfactualsFound").asInt();
        int verified = removal.get("counterfactualsVerified").asInt();
        assertTrue(verified <= found && found <= 6, found + " found, " + verified + " verified");
        assertEquals(found / 6.0, removal.get("foundShare").asDouble(), 1e-12);
        assertEquals(verified / 6.0, removal.get("verifiedShare").asDouble(), 1e-12);
        assertEquals(5, removal.get("candidates").asInt());
        assertEquals(10, removal.get("maxRemovals").asInt());

        JsonNode bpr = json.get("bpr");
        assertEquals(2, bpr.get("factors").asInt());
        assertEquals(1, bpr.get("epochs").asInt());
        assertTrue(bpr.get("trainSeconds").asDouble() > 0);
        assertTrue(bpr.get("maxAbsScore").asDouble() > 0);
        double bprHistory = bpr.get("meanHistory").asDouble();
        assertTrue(bprHistory >= 80 && bprHistory <= 120, "mean history " + bprHistory);
        assertTimings(bpr.get("explainMillis"), 6, "bpr");

        JsonNode lime = json.get("lime");
        assertEquals(2, lime.get("fmFactors").asInt());
        assertTrue(lime.get("fmTrainSeconds").asDouble() > 0);
        assertEquals(0.01, lime.get("fmLearningRate").asDouble());
        assertTrue(lime.get("fmMaxAbsScore").asDouble() > 0);
        assertEquals(1000, lime.get("samples").asInt());
        assertTimings(lime.get("limeMillis"), 6, "lime");
        assertTimings(lime.get("limeRsMillis"), 6, "lime-rs");
        assertFeatureCounts(lime.get("features"), 6);

        JsonNode stability = json.get("stability");
        assertEquals(3, stability.get("pairs").asInt());
        assertEquals(2, stability.get("runs").asInt());
        assertEquals(10, stability.get("vsiK").asInt());
        assertEquals(5, stability.get("jaccardK").asInt());
        assertFeatureCounts(stability.get("features"), 3);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : stability.get("rows")) {
            rows.add(row.get("budget").asInt() + " " + row.get("explainer").asText());
            for (String m : List.of("vsi", "jaccard")) {
                double v = row.get(m).asDouble();
                assertTrue(v >= 0 && v <= 1, m + " " + v);
            }
            assertTimings(row.get("millis"), 6, "stability");
            // the per-design figures partition the pairs, and their weighted means are the row's
            int pairs = 0;
            double vsi = 0;
            double jaccard = 0;
            for (JsonNode d : row.get("byDesign")) {
                int n = d.get("pairs").asInt();
                pairs += n;
                vsi += n * d.get("vsi").asDouble();
                jaccard += n * d.get("jaccard").asDouble();
            }
            assertEquals(3, pairs, row.toString());
            assertEquals(row.get("vsi").asDouble(), vsi / 3, 1e-12, row.toString());
            assertEquals(row.get("jaccard").asDouble(), jaccard / 3, 1e-12, row.toString());
            assertFalse(row.get("byDesign").has("random"), "grouped by the stabilised explainer's designs");
        }
        assertEquals(List.of("20 lime", "20 lime-stable", "40 lime", "40 lime-stable"), rows);
        for (int row = 0; row < 4; row += 2) {
            assertEquals(pairsByDesign(stability.get("rows").get(row + 1)),
                    pairsByDesign(stability.get("rows").get(row)),
                    "both explainers are grouped over the same pairs");
        }

        // every target is listed once, with a verdict that agrees with its value
        List<String> targets = new ArrayList<>();
        for (JsonNode t : json.get("targets")) {
            targets.add(t.get("suite").asText() + ": " + t.get("measure").asText() + " " + t.get("statistic").asText());
            double value = t.get("value").asDouble();
            double goal = t.get("goal").asDouble();
            boolean met = t.get("relation").asText().equals("<=") ? value <= goal : value >= goal;
            assertEquals(met, t.get("met").asBoolean(), t.toString());
        }
        assertEquals(List.of("als: neighbourhood explanation, factorisation done p50",
                "removal: removal kernel, prepared p50", "removal: removal kernel, incl. preparation p50",
                "removal: removal explainer, prepared p50", "removal: removal explainer, incl. preparation p50",
                "removal: minimal counterfactual set p50", "lime: LIME on FM p50", "lime: LIME-RS on ALS p50",
                "stability: lime-stable, 20 samples VSI", "stability: lime-stable, 20 samples Jaccard@5",
                "stability: lime-stable, 40 samples VSI", "stability: lime-stable, 40 samples Jaccard@5"), targets);
    }

    private static void assertFeatureCounts(JsonNode f, int inputs) {
        assertEquals(inputs, f.get("inputs").asInt());
        double mean = f.get("mean").asDouble();
        assertTrue(f.get("min").asInt() <= mean && mean <= f.get("max").asInt(), f.toString());
        double five = f.get("atMost5Share").asDouble();
        double ten = f.get("atMost10Share").asDouble();
        assertTrue(0 <= five && five <= ten && ten <= 1, f.toString());
    }

    @Test
    void suitesAreRepeatableOrCommaSeparatedAndRunOnceInTheirOrder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("bench.json");
        CliRun r = bench(out, "--suite", "stability", "--suite", "removal,STABILITY");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().indexOf("== removal:") < r.out().indexOf("== stability:"), r::toString);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(List.of("removal", "stability"), names(json.get("suites")));
        // the als suite did not run: its figures are left out, the ALS options and the data stay
        for (String absent : List.of("trainSeconds", "sampledUsers", "topK", "warmMillis", "coldMillis", "bpr",
                "lime")) {
            assertFalse(json.has(absent), absent);
        }
        assertEquals(4, json.get("factors").asInt());
        assertEquals(610, json.get("users").asInt());
        assertTrue(json.has("removal") && json.has("stability"));
        Set<String> measured = new HashSet<>();
        json.get("targets").forEach(t -> measured.add(t.get("suite").asText()));
        assertEquals(Set.of("removal", "stability"), measured);
    }

    @Test
    void anUnknownSuiteIsAUsageErrorThatListsTheSuites() {
        CliRun r = CliRun.of("bench", "--suite", "als,lime,speed");
        assertEquals(RecxplainCli.EXIT_USAGE, r.code(), r::toString);
        assertEquals(List.of("error: invalid value for option '--suite': 'speed' (expected one of: als, removal, "
                + "bpr, lime, stability, all); see 'recxplain bench --help'"), r.errLines());
        assertFalse(r.out().contains("data "), "nothing is loaded");
    }

    @Test
    void outOfRangeSettingsAreUsageErrors() {
        CliRun runs = CliRun.of("bench", "--suite", "stability", "--runs", "1");
        assertEquals(RecxplainCli.EXIT_USAGE, runs.code(), runs::toString);
        assertEquals(List.of("error: invalid value for option '--runs': 1 (expected an integer >= 2); see "
                + "'recxplain bench --help'"), runs.errLines());
        CliRun budget = CliRun.of("bench", "--budgets", "200,1");
        assertEquals(RecxplainCli.EXIT_USAGE, budget.code(), budget::toString);
        assertTrue(budget.err().contains("'--budgets': 1 (expected an integer >= 2)"), budget::toString);
        CliRun rate = CliRun.of("bench", "--fm-learning-rate", "0");
        assertEquals(RecxplainCli.EXIT_USAGE, rate.code(), rate::toString);
        assertTrue(rate.err().contains("'--fm-learning-rate': 0.0 (expected a positive number)"), rate::toString);
        CliRun users = CliRun.of("bench", "--users", "0");
        assertEquals(RecxplainCli.EXIT_USAGE, users.code(), users::toString);
    }

    @Test
    void helpDescribesEverySuite() {
        CliRun r = CliRun.of("bench", "--help");
        assertEquals(0, r.code(), r::toString);
        for (String s : List.of("--suite=NAME", "  als        ALS training", "  removal    exact ALS removal",
                "  bpr        BPR-MF", "  lime       FM training", "  stability  stabilised vs vanilla LIME",
                "--budgets", "--runs", "--fm-factors", "--fm-epochs", "--bpr-factors", "--bpr-epochs")) {
            assertTrue(r.out().contains(s), s + "\n" + r.out());
        }
    }
}

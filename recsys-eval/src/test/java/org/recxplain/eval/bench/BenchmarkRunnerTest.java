package org.recxplain.eval.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class BenchmarkRunnerTest {
    static final BenchConfig SMALL = new BenchConfig("test",
            List.of(new BenchConfig.DataSpec("uci-restaurant", null, 0)),
            List.of(new BenchConfig.ModelEntry("als", Map.of("factors", "8", "iterations", "4", "threads", "1"))),
            BenchConfig.ALS_EXPLAINERS, List.of(1L, 2L), 40, 3, 3, 1, 2);

    /** Metrics whose values are measured times or memory, which differ between any two runs. */
    static final Set<String> TIMING = Set.of(BenchResults.LATENCY, BenchResults.P50, BenchResults.P95,
            BenchResults.TRAIN, BenchResults.HEAP);

    static List<ResultRow> withoutTiming(BenchResults r) {
        return r.rows().stream().filter(row -> !TIMING.contains(row.metric())).toList();
    }

    @Test
    void sequentialAndParallelRunsGiveIdenticalResults(@TempDir Path dir) throws Exception {
        BenchResults one = new BenchmarkRunner(SMALL, dir.resolve("seq"), 1, BenchmarkRunner.Listener.QUIET).run();
        BenchResults four = new BenchmarkRunner(SMALL, dir.resolve("par"), 4, BenchmarkRunner.Listener.QUIET).run();
        assertEquals(withoutTiming(one), withoutTiming(four));
        assertFalse(withoutTiming(one).isEmpty());
    }

    @Test
    void writesResultsAndAReportWithEveryExplainerAndResumes(@TempDir Path dir) throws Exception {
        BenchResults r = new BenchmarkRunner(SMALL, dir, 2, BenchmarkRunner.Listener.QUIET).run();
        String csv = Files.readString(dir.resolve("results.csv"));
        assertTrue(csv.startsWith("dataset,model,explainer,metric,mean,ci_low,ci_high,n\n"));
        String html = Files.readString(dir.resolve("report.html"));
        for (String x : SMALL.explainers()) {
            assertTrue(html.contains("<td>" + x + "</td>"), "report lacks " + x);
            assertTrue(csv.contains("," + x + ","), "results.csv lacks " + x);
        }
        assertTrue(html.contains("data:image/png;base64,"));
        assertFalse(html.contains("http://") || html.contains("https://"), "the report must be self-contained");
        assertTrue(Files.readString(dir.resolve("results.json")).contains("\"results\""));
        // every measured counterfactual verified, and found for most targets
        assertEquals(1.0, r.find("uci-restaurant", "als(factors=8,iterations=4,threads=1)", "counterfactual",
                BenchResults.CF_VERIFIED).orElseThrow().mean());
        // deterministic explainers are declared so (stability across explainer seeds not measured); random is
        // measured and is not stable
        assertTrue(r.deterministic("uci-restaurant", "als(factors=8,iterations=4,threads=1)", "influence"));
        assertTrue(r.find("uci-restaurant", "als(factors=8,iterations=4,threads=1)", "influence",
                BenchResults.SEED_J).isEmpty());
        assertFalse(r.deterministic("uci-restaurant", "als(factors=8,iterations=4,threads=1)", "random"));
        assertTrue(r.find("uci-restaurant", "als(factors=8,iterations=4,threads=1)", "random",
                BenchResults.SEED_J).orElseThrow().mean() < 0.9);
        // the exact removal explainer predicts the fold-in effect of each removal; random does not
        assertTrue(r.find("uci-restaurant", "als(factors=8,iterations=4,threads=1)", "influence",
                BenchResults.FOLDIN_PEARSON).orElseThrow().mean() > 0.999);
        assertTrue(Math.abs(r.find("uci-restaurant", "als(factors=8,iterations=4,threads=1)", "random",
                BenchResults.FOLDIN_SPEARMAN).orElseThrow().mean()) < 0.3);
        // black-box explainers have their model calls counted (the baselines score the user once); explainers
        // that read the model in closed form have none
        assertEquals(1.0, r.find("uci-restaurant", "als(factors=8,iterations=4,threads=1)", "cosine",
                BenchResults.CALLS).orElseThrow().mean());
        assertTrue(r.find("uci-restaurant", "als(factors=8,iterations=4,threads=1)", "neighbourhood",
                BenchResults.CALLS).isEmpty());
        // resume: cells already on disk are read, not recomputed
        Path cells = dir.resolve("cells");
        Path one;
        try (var s = Files.list(cells)) {
            one = s.sorted().findFirst().orElseThrow();
        }
        var before = Files.getLastModifiedTime(one);
        BenchResults again = new BenchmarkRunner(SMALL, dir, 2, BenchmarkRunner.Listener.QUIET).run();
        assertEquals(before, Files.getLastModifiedTime(one));
        assertEquals(r.rows(), again.rows());
    }

    @Test
    void influenceBeatsRandomOnRemovalFidelity(@TempDir Path dir) throws Exception {
        BenchResults r = new BenchmarkRunner(SMALL, dir, 2, BenchmarkRunner.Listener.QUIET).run();
        String model = "als(factors=8,iterations=4,threads=1)";
        double influence = r.find("uci-restaurant", model, "influence", BenchResults.DEL).orElseThrow().mean();
        double random = r.find("uci-restaurant", model, "random", BenchResults.DEL).orElseThrow().mean();
        assertTrue(influence < random, "DEL AUC influence " + influence + " vs random " + random);
    }

    @Test
    void configFilesAreValidatedWithClearErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bench.json");
        Files.writeString(f, "{\"name\": \"x\", \"seeds\": [7], \"explainers\": [\"random\"]}");
        BenchConfig c = BenchConfig.read(f);
        assertEquals(List.of(7L), c.seeds());
        assertEquals(BenchConfig.defaults().models(), c.models());
        Files.writeString(f, "{\"seedz\": [7]}");
        var e = assertThrows(IllegalArgumentException.class, () -> BenchConfig.read(f));
        assertTrue(e.getMessage().contains("unknown field 'seedz'"), e.getMessage());
        Files.writeString(f, "{\"seeds\": [7,}");
        e = assertThrows(IllegalArgumentException.class, () -> BenchConfig.read(f));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        Files.writeString(f, "{\"seeds\": []}");
        e = assertThrows(IllegalArgumentException.class, () -> BenchConfig.read(f));
        assertTrue(e.getMessage().contains("seeds"), e.getMessage());
    }

    @Test
    void featureExplainersOnAFeatureModelGetNecessitySufficiencyAndSurrogateFit(@TempDir Path dir) throws Exception {
        BenchConfig fm = new BenchConfig("features", List.of(new BenchConfig.DataSpec("uci-restaurant", null, 0)),
                List.of(new BenchConfig.ModelEntry("fm", Map.of("factors", "4", "epochs", "3"))),
                List.of("lime", "shap", "neighbourhood"), List.of(1L), 15, 3, 3, 0, 1);
        BenchResults r = new BenchmarkRunner(fm, dir, 2, BenchmarkRunner.Listener.QUIET).run();
        String model = "fm(epochs=3,factors=4)";
        for (String x : List.of("lime", "shap")) {
            ResultRow pn = r.find("uci-restaurant", model, x, BenchResults.PN).orElseThrow();
            assertTrue(pn.n() > 0 && pn.mean() >= 0 && pn.mean() <= 1, x + " " + pn);
            assertTrue(r.find("uci-restaurant", model, x, BenchResults.PS).isPresent());
        }
        ResultRow r2 = r.find("uci-restaurant", model, "lime", BenchResults.R2).orElseThrow();
        assertTrue(r2.mean() <= 1, r2.toString());
        // the FM has no exact neighbourhood: the cell is recorded as not measured, and no rows are invented
        assertTrue(r.cells().stream().anyMatch(c -> c.explainer().equals("neighbourhood")
                && c.status().startsWith("not measured")));
        assertTrue(r.rows().stream().noneMatch(row -> row.explainer().equals("neighbourhood")));
    }

    @Test
    void theDefaultGridMeasuresEveryExplainerOnAModelItAppliesToAndTheBaselinesOnEveryInteractionModel() {
        BenchConfig d = BenchConfig.defaults();
        java.util.Set<String> named = new java.util.HashSet<>();
        for (BenchConfig.ModelEntry m : d.models()) {
            named.addAll(d.explainersOf(m));
        }
        for (String name : org.recxplain.explain.Explainers.names()) {
            assertTrue(named.contains(name), "the default benchmark leaves out explainer '" + name + "'");
        }
        // each pair is supported: building it on a small model of the family does not throw
        org.recxplain.data.Dataset data = BenchmarkRunner.load(new BenchConfig.DataSpec("uci-restaurant", null, 0));
        for (BenchConfig.ModelEntry m : d.models()) {
            java.util.Map<String, String> small = new java.util.HashMap<>(m.params());
            small.put(m.family().equals("als") ? "iterations" : "epochs", "1");
            var model = org.recxplain.model.neural.NeuralModels.catalog().train(
                    new org.recxplain.model.ModelSpec(m.family(), small), data, 1);
            BenchConfig.ModelEntry q = BenchConfig.quick().models().stream()
                    .filter(e -> e.family().equals(m.family())).findFirst().orElseThrow();
            java.util.Set<String> names = new java.util.LinkedHashSet<>(d.explainersOf(m));
            names.addAll(BenchConfig.quick().explainersOf(q));
            for (String name : names) {
                assertNotNull(org.recxplain.explain.Explainers.byName(name, model, 1), m.family() + "/" + name);
            }
            // the baselines are in every interaction model's table, and the quick preset runs at least the
            // default's pairs
            if (!m.family().equals("fm")) {
                assertTrue(d.explainersOf(m).containsAll(BenchConfig.BASELINES), m.family());
            }
            assertTrue(BenchConfig.quick().explainersOf(q).containsAll(d.explainersOf(m)), m.family());
        }
        assertEquals(BenchConfig.quick().models().stream().map(BenchConfig.ModelEntry::family).toList(),
                d.models().stream().map(BenchConfig.ModelEntry::family).toList());
    }

    @Test
    void explainersDeclaredDeterministicGiveTheSameAnswerForEverySeed(@TempDir Path dir) throws Exception {
        BenchResults r = new BenchmarkRunner(SMALL, dir, 2, BenchmarkRunner.Listener.QUIET).run();
        String label = "als(factors=8,iterations=4,threads=1)";
        var data = BenchmarkRunner.load(SMALL.datasets().get(0));
        var model = org.recxplain.model.Models.train(SMALL.models().get(0).spec(), data, 1);
        int declared = 0;
        for (String name : SMALL.explainers()) {
            if (!r.deterministic("uci-restaurant", label, name)) {
                continue;
            }
            declared++;
            var one = org.recxplain.explain.Explainers.byName(name, model, 1);
            var other = org.recxplain.explain.Explainers.byName(name, model, 7920);
            for (int u = 0; u < 10; u++) {
                int item = model.recommend(u, 1).get(0).item();
                assertEquals(one.explain(u, item).withoutTiming(), other.explain(u, item).withoutTiming(), name);
            }
        }
        assertTrue(declared >= 5, "neighbourhood, influence, counterfactual, cosine, popularity, mahout-because");
        for (String seeded : List.of("random", "lime-rs", "shap-interactions")) {
            assertFalse(r.deterministic("uci-restaurant", label, seeded), seeded);
            assertTrue(r.find("uci-restaurant", label, seeded, BenchResults.SEED_J).isPresent(), seeded);
        }
    }
}

package org.recxplain.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.recxplain.eval.metrics.Correlation;
import org.recxplain.eval.metrics.CorrelationMetric;
import org.recxplain.eval.metrics.CostMetric;
import org.recxplain.eval.metrics.CostSample;
import org.recxplain.eval.metrics.CostSummary;
import org.recxplain.eval.metrics.MeanOfValues;
import org.recxplain.eval.metrics.NecessitySufficiency;
import org.recxplain.eval.metrics.NsCheck;
import org.recxplain.eval.metrics.NsSummary;
import org.recxplain.eval.metrics.RemovalCurve;
import org.recxplain.eval.metrics.RemovalFidelity;
import org.recxplain.eval.metrics.RemovalSummary;
import org.recxplain.eval.metrics.ScorePair;
import org.recxplain.eval.metrics.Summary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The aggregated results of a benchmark: one {@link ResultRow} per data set, model, explainer and metric,
 * over all seeds and targets, plus the removal summaries for the curves and the raw cells for examples.
 * Every metric is a mergeable accumulator, fed in a fixed order.
 *
 * @param config   the configuration that was run
 * @param rows     the result rows, grouped by data set, model and explainer in configuration order
 * @param removal  per group, the removal summary (most important first), for the curve charts
 * @param cells    the raw cells
 */
public record BenchResults(BenchConfig config, List<ResultRow> rows, Map<Group, RemovalSummary> removal,
                           List<CellResult> cells) {

    /** A (data set, model, explainer) group. */
    public record Group(String dataset, String model, String explainer) {
    }

    /** Metric names, in the order of the tables. */
    public static final String POS5 = "POS@5 AUC", POS10 = "POS@10 AUC", DEL = "DEL AUC", INS = "INS AUC",
            CDCG = "CDCG AUC", NEG_DEL = "NEG DEL AUC", NEG_POS5 = "NEG POS@5 AUC", MEP = "MEP",
            AGREEMENT = "weight-removal Spearman", SEED_J = "Jaccard@k across seeds",
            PERTURB_J = "Jaccard@k under perturbation", RETRAIN_J = "Jaccard@k across retrains",
            CF_FOUND = "counterfactual found", CF_VERIFIED = "counterfactual verified by refit",
            CF_RETRAIN = "counterfactual valid after full retrain", PN = "PN (features necessary)",
            PS = "PS (features sufficient)", FNS = "F_NS", R2 = "surrogate R2", SEED_TAU = "Kendall tau across seeds",
            SEED_VSI = "VSI across seeds", FOLDIN_PEARSON = "influence Pearson vs fold-in",
            FOLDIN_SPEARMAN = "influence Spearman vs fold-in", RETRAIN_PEARSON = "influence Pearson vs retrain",
            RETRAIN_SPEARMAN = "influence Spearman vs retrain", LATENCY = "latency ms",
            P50 = "latency p50 ms", P95 = "latency p95 ms", CALLS = "model calls per explanation",
            TRAIN = "model training s", HEAP = "peak heap MB", DETERMINISTIC = "deterministic (seed-free)";

    /** The across-seed stability metrics, which deterministic explainers have by construction (not measured). */
    public static final java.util.Set<String> SEED_METRICS = java.util.Set.of(SEED_J, SEED_TAU, SEED_VSI);

    static BenchResults aggregate(BenchConfig config, List<CellResult> cells) {
        Map<Group, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult c : cells) {
            groups.computeIfAbsent(new Group(c.dataset(), c.model(), c.explainer()), g -> new ArrayList<>()).add(c);
        }
        List<ResultRow> rows = new ArrayList<>();
        Map<Group, RemovalSummary> removal = new LinkedHashMap<>();
        RemovalFidelity fidelity = new RemovalFidelity(config.maxKe(), List.of(5, 10));
        for (Map.Entry<Group, List<CellResult>> entry : groups.entrySet()) {
            Group g = entry.getKey();
            List<CellResult> ok = entry.getValue().stream().filter(c -> c.status().equals("ok")).toList();
            if (ok.isEmpty()) {
                continue;
            }
            var pos = fidelity.newAccumulator();
            var neg = fidelity.newAccumulator();
            var mep = new MeanOfValues(MEP).newAccumulator();
            var agreement = new MeanOfValues(AGREEMENT).newAccumulator();
            var seedJ = new MeanOfValues(SEED_J).newAccumulator();
            var perturbJ = new MeanOfValues(PERTURB_J).newAccumulator();
            var retrainJ = new MeanOfValues(RETRAIN_J).newAccumulator();
            var cfFound = new MeanOfValues(CF_FOUND).newAccumulator();
            var cfVerified = new MeanOfValues(CF_VERIFIED).newAccumulator();
            var cfRetrain = new MeanOfValues(CF_RETRAIN).newAccumulator();
            var cost = new CostMetric().newAccumulator();
            var necessity = new NecessitySufficiency().newAccumulator();
            var r2 = new MeanOfValues(R2).newAccumulator();
            var seedTau = new MeanOfValues(SEED_TAU).newAccumulator();
            var seedVsi = new MeanOfValues(SEED_VSI).newAccumulator();
            var foldPearson = CorrelationMetric.pearson().newAccumulator();
            var foldSpearman = CorrelationMetric.spearman().newAccumulator();
            var retrainPearson = CorrelationMetric.pearson().newAccumulator();
            var retrainSpearman = CorrelationMetric.spearman().newAccumulator();
            var train = new MeanOfValues(TRAIN).newAccumulator();
            var calls = new MeanOfValues(CALLS).newAccumulator();
            var heap = new MeanOfValues(HEAP).newAccumulator();
            boolean counterfactuals = false;
            for (CellResult c : ok) {
                addCurves(pos, c.curves(), config.maxKe());
                addCurves(neg, c.negCurves(), config.maxKe());
                c.targets().forEach(t -> mep.add(t.explained() ? 1.0 : 0.0));
                addAll(agreement, c.removalSpearman());
                addAll(seedJ, c.seedJaccard());
                addAll(perturbJ, c.perturbJaccard());
                addAll(retrainJ, c.retrainJaccard());
                addAll(cfVerified, c.cfVerified());
                addAll(cfRetrain, c.cfRetrainValid());
                counterfactuals |= c.cfVerified().length > 0 || g.explainer().equals("counterfactual");
                for (int p = 0; p < c.targets().size(); p++) {
                    cfFound.add(p < c.cfVerified().length ? 1.0 : 0.0);
                }
                for (int p = 0; p < c.necessary().length; p++) {
                    if (!Double.isNaN(c.necessary()[p])) {
                        necessity.add(new NsCheck(c.necessary()[p] == 1, c.sufficient()[p] == 1));
                    }
                }
                addAll(r2, c.surrogateR2());
                addAll(calls, c.modelCalls());
                addAll(seedTau, c.seedKendall());
                addAll(seedVsi, c.seedVsi());
                addPairs(c.removalPairs(), foldPearson, foldSpearman);
                addPairs(c.retrainPairs(), retrainPearson, retrainSpearman);
                for (long l : c.latencyNanos()) {
                    cost.add(new CostSample(l, 0));
                }
                train.add(c.trainSeconds());
                heap.add(c.heapMb());
            }
            RemovalSummary ps = pos.result();
            RemovalSummary ns = neg.result();
            removal.put(g, ps);
            String d = g.dataset();
            String m = g.model();
            String x = g.explainer();
            if (ps.n() > 0) {
                rows.add(ResultRow.of(d, m, x, POS5, ps.pos().get(5).auc()));
                rows.add(ResultRow.of(d, m, x, POS10, ps.pos().get(10).auc()));
                rows.add(ResultRow.of(d, m, x, DEL, ps.del().auc()));
                rows.add(ResultRow.of(d, m, x, INS, ps.ins().auc()));
                rows.add(ResultRow.of(d, m, x, CDCG, ps.cdcg().auc()));
                rows.add(ResultRow.of(d, m, x, NEG_DEL, ns.del().auc()));
                rows.add(ResultRow.of(d, m, x, NEG_POS5, ns.pos().get(5).auc()));
            }
            rows.add(ResultRow.of(d, m, x, MEP, mep.result()));
            if (ok.stream().allMatch(CellResult::deterministic)) {
                // stability across explainer seeds is 1 by construction: said once, not measured n times
                rows.add(new ResultRow(d, m, x, DETERMINISTIC, 1, Double.NaN, Double.NaN, ok.size()));
            }
            addIfAny(rows, d, m, x, AGREEMENT, agreement.result());
            addIfAny(rows, d, m, x, SEED_J, seedJ.result());
            addIfAny(rows, d, m, x, SEED_TAU, seedTau.result());
            addIfAny(rows, d, m, x, SEED_VSI, seedVsi.result());
            addCorrelation(rows, d, m, x, FOLDIN_PEARSON, foldPearson.result());
            addCorrelation(rows, d, m, x, FOLDIN_SPEARMAN, foldSpearman.result());
            addCorrelation(rows, d, m, x, RETRAIN_PEARSON, retrainPearson.result());
            addCorrelation(rows, d, m, x, RETRAIN_SPEARMAN, retrainSpearman.result());
            addIfAny(rows, d, m, x, PERTURB_J, perturbJ.result());
            addIfAny(rows, d, m, x, RETRAIN_J, retrainJ.result());
            if (counterfactuals) {
                rows.add(ResultRow.of(d, m, x, CF_FOUND, cfFound.result()));
                addIfAny(rows, d, m, x, CF_VERIFIED, cfVerified.result());
                addIfAny(rows, d, m, x, CF_RETRAIN, cfRetrain.result());
            }
            NsSummary nss = necessity.result();
            if (nss.pn().n() > 0) {
                rows.add(ResultRow.of(d, m, x, PN, nss.pn()));
                rows.add(ResultRow.of(d, m, x, PS, nss.ps()));
                rows.add(new ResultRow(d, m, x, FNS, nss.fns(), Double.NaN, Double.NaN, nss.pn().n()));
            }
            addIfAny(rows, d, m, x, R2, r2.result());
            CostSummary cs = cost.result();
            rows.add(ResultRow.of(d, m, x, LATENCY, cs.latencyMillis()));
            rows.add(new ResultRow(d, m, x, P50, cs.latencyP50Millis(), Double.NaN, Double.NaN, cs.n()));
            rows.add(new ResultRow(d, m, x, P95, cs.latencyP95Millis(), Double.NaN, Double.NaN, cs.n()));
            addIfAny(rows, d, m, x, CALLS, calls.result());
            rows.add(ResultRow.of(d, m, x, TRAIN, train.result()));
            rows.add(ResultRow.of(d, m, x, HEAP, heap.result()));
        }
        return new BenchResults(config, List.copyOf(rows), removal, List.copyOf(cells));
    }

    private static void addCurves(org.recxplain.eval.metrics.Accumulator<RemovalCurve, RemovalSummary> acc,
                                  List<CellResult.Curve> curves, int maxKe) {
        for (CellResult.Curve c : curves) {
            // targets with fewer than maxKe ranked interactions cannot give a full curve; they are left out
            if (c.newRank().length == maxKe) {
                acc.add(new RemovalCurve(c.newRank(), c.del(), c.ins()));
            }
        }
    }

    private static void addAll(org.recxplain.eval.metrics.Accumulator<Double, Summary> acc, double[] values) {
        for (double v : values) {
            acc.add(v);
        }
    }

    private static void addPairs(double[] pairs, org.recxplain.eval.metrics.Accumulator<ScorePair, Correlation> a,
                                 org.recxplain.eval.metrics.Accumulator<ScorePair, Correlation> b) {
        for (int q = 0; q + 1 < pairs.length; q += 2) {
            ScorePair p = new ScorePair(pairs[q], pairs[q + 1]);
            a.add(p);
            b.add(p);
        }
    }

    /** A correlation row, when it is defined (n of at least 3 and no constant side). */
    private static void addCorrelation(List<ResultRow> rows, String d, String m, String x, String metric, Correlation c) {
        if (c.n() >= 3 && Double.isFinite(c.r())) {
            rows.add(new ResultRow(d, m, x, metric, c.r(), c.ciLow(), c.ciHigh(), c.n()));
        }
    }

    private static void addIfAny(List<ResultRow> rows, String d, String m, String x, String metric, Summary s) {
        if (s.n() > 0) {
            rows.add(ResultRow.of(d, m, x, metric, s));
        }
    }

    /** The row of one metric, if it was measured. */
    public Optional<ResultRow> find(String dataset, String model, String explainer, String metric) {
        return rows.stream().filter(r -> r.dataset().equals(dataset) && r.model().equals(model)
                && r.explainer().equals(explainer) && r.metric().equals(metric)).findFirst();
    }

    /** Whether a group's explainer is deterministic (its across-seed stability is 1 by construction). */
    public boolean deterministic(String dataset, String model, String explainer) {
        return find(dataset, model, explainer, DETERMINISTIC).isPresent();
    }

    /** Writes results.csv, results.json and report.html into {@code out}. */
    public void write(Path out) throws IOException {
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("dataset,model,explainer,metric,mean,ci_low,ci_high,n\n");
        for (ResultRow r : rows) {
            csv.append(String.join(",", quote(r.dataset()), quote(r.model()), quote(r.explainer()), quote(r.metric()),
                    num(r.mean()), num(r.ciLow()), num(r.ciHigh()), Long.toString(r.n()))).append('\n');
        }
        Files.writeString(out.resolve("results.csv"), csv, StandardCharsets.UTF_8);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config", config);
        json.put("results", rows);
        mapper.writeValue(out.resolve("results.json").toFile(), json);
        Files.writeString(out.resolve("report.html"), HtmlReport.render(this), StandardCharsets.UTF_8);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}

package org.recxplain.eval.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.recxplain.eval.metrics.RemovalSummary;
import org.recxplain.eval.metrics.Summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders {@link BenchResults} as one self-contained HTML page: a summary table per data set and model,
 * removal curves, stability and cost charts (XChart PNGs embedded as data URIs), and example explanations
 * in plain language. No external resources are referenced. Stateless.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    /** The columns of the summary table, with whether lower is better (for the legend). */
    private static final List<String> COLUMNS = List.of(BenchResults.POS5, BenchResults.DEL, BenchResults.INS,
            BenchResults.CDCG, BenchResults.NEG_DEL, BenchResults.AGREEMENT, BenchResults.FOLDIN_PEARSON,
            BenchResults.RETRAIN_PEARSON, BenchResults.MEP, BenchResults.SEED_J, BenchResults.SEED_TAU,
            BenchResults.PERTURB_J, BenchResults.RETRAIN_J, BenchResults.CF_VERIFIED, BenchResults.CF_RETRAIN,
            BenchResults.PN, BenchResults.PS, BenchResults.FNS, BenchResults.R2,
            BenchResults.P50, BenchResults.P95, BenchResults.CALLS, BenchResults.HEAP);

    static String render(BenchResults results) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BenchConfig c = results.config();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>recxplain benchmark: ").append(esc(c.name())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;font-size:13px;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}")
                .append(".best{font-weight:bold;background:#e8f5e9}.note{color:#666;font-size:13px}")
                .append("img{max-width:100%;margin:0.5em 0}blockquote{border-left:3px solid #9ad;margin:0.4em 0;")
                .append("padding:0.2em 0.8em;background:#f7fbff}</style></head><body>\n");
        h.append("<h1>recxplain benchmark: ").append(esc(c.name())).append("</h1>\n");
        h.append("<p class=\"note\">Data sets: ").append(esc(String.join(", ",
                c.datasets().stream().<String>map(BenchConfig.DataSpec::label).toList())))
                .append(". Models: ").append(esc(String.join(", ", c.models().stream().<String>map(m -> m.spec().label()).toList())))
                .append(". Seeds: ").append(c.seeds()).append(". Users per data set: ")
                .append(c.users() == 0 ? "all with a history" : Integer.toString(c.users()))
                .append(". Each user's top-1 item is explained; Ke = 1..").append(c.maxKe())
                .append(" interactions are removed by fold-in refit. Machine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(esc(System.getProperty("java.version"))).append(".</p>\n");
        h.append("<p class=\"note\">Lower is better for POS, DEL and CDCG (removing what the explanation names should ")
                .append("hurt the recommendation); higher is better for INS, NEG DEL (removing what it calls unimportant ")
                .append("should not hurt), the weight-removal Spearman (weights that predict the real effect of a removal), ")
                .append("stability and validity. Values are means with 95% confidence intervals over all seeds and ")
                .append("targets. The methodology is in docs/methodology.md.</p>\n");

        Map<String, List<BenchResults.Group>> byModel = new LinkedHashMap<>();
        for (BenchResults.Group g : results.removal().keySet()) {
            byModel.computeIfAbsent(g.dataset() + " / " + g.model(), k -> new ArrayList<>()).add(g);
        }
        Set<String> tables = new LinkedHashSet<>();
        results.rows().forEach(r -> tables.add(r.dataset() + "\u0000" + r.model()));
        for (String t : tables) {
            String[] dm = t.split("\u0000");
            summaryTable(h, results, dm[0], dm[1]);
            List<BenchResults.Group> groups = byModel.getOrDefault(dm[0] + " / " + dm[1], List.of());
            if (!groups.isEmpty()) {
                h.append("<h3>Removal curves</h3>\n");
                h.append(img(curveChart("POS@5 after removing the top Ke interactions (lower is better)", groups,
                        results, s -> s.pos().get(5).perKe())));
                h.append(img(curveChart("DEL: score after removal / original score (lower is better)", groups,
                        results, s -> s.del().perKe())));
                h.append(img(curveChart("INS: score keeping only the top Ke / original score (higher is better)", groups,
                        results, s -> s.ins().perKe())));
            }
            h.append("<h3>Stability and cost</h3>\n");
            h.append(img(barChart("Stability (Jaccard@" + c.stabilityK() + ", higher is better)", results, dm[0], dm[1],
                    List.of(BenchResults.SEED_J, BenchResults.PERTURB_J, BenchResults.RETRAIN_J), "Jaccard")));
            h.append(img(barChart("Cost per explanation", results, dm[0], dm[1],
                    List.of(BenchResults.P50, BenchResults.P95), "milliseconds")));
        }
        examples(h, results);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void summaryTable(StringBuilder h, BenchResults results, String dataset, String model) {
        h.append("<h2>").append(esc(dataset)).append(" &middot; ").append(esc(model)).append("</h2>\n<table><tr><th>explainer</th>");
        List<String> explainers = new ArrayList<>(new LinkedHashSet<>(results.rows().stream()
                .filter(r -> r.dataset().equals(dataset) && r.model().equals(model)).map(ResultRow::explainer).toList()));
        List<String> cols = COLUMNS.stream().filter(col -> explainers.stream()
                .anyMatch(x -> results.find(dataset, model, x, col).isPresent()
                        || BenchResults.SEED_METRICS.contains(col) && results.deterministic(dataset, model, x)))
                .toList();
        for (String col : cols) {
            h.append("<th>").append(esc(col)).append("</th>");
        }
        h.append("</tr>\n");
        for (String x : explainers) {
            h.append("<tr><td>").append(esc(x)).append("</td>");
            for (String col : cols) {
                boolean byConstruction = BenchResults.SEED_METRICS.contains(col)
                        && results.deterministic(dataset, model, x);
                h.append(results.find(dataset, model, x, col).map(r -> "<td title=\"n=" + r.n() + "\">" + cell(r) + "</td>")
                        .orElse(byConstruction ? "<td title=\"deterministic: not measured\">1 (deterministic)</td>"
                                : "<td>&ndash;</td>"));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        results.rows().stream().filter(r -> r.dataset().equals(dataset) && r.model().equals(model)
                && r.metric().equals(BenchResults.TRAIN)).findFirst().ifPresent(r -> h.append("<p class=\"note\">")
                .append(String.format(Locale.ROOT, "Training the model took %.1f s on average.", r.mean())).append("</p>\n"));
        for (String x : explainers) {
            var random = results.find(dataset, model, "random", BenchResults.POS5);
            var mine = results.find(dataset, model, x, BenchResults.POS5);
            if (random.isPresent() && mine.isPresent() && !x.equals("random") && mine.get().mean() >= random.get().mean()) {
                h.append("<p class=\"note\"><b>").append(esc(x)).append("</b> does not beat the random ordering on ")
                        .append("POS@5 AUC here.</p>\n");
            }
        }
    }

    private static String cell(ResultRow r) {
        if (Double.isNaN(r.ciLow())) {
            return String.format(Locale.ROOT, "%.3f", r.mean());
        }
        return String.format(Locale.ROOT, "%.3f &plusmn; %.3f", r.mean(), (r.ciHigh() - r.ciLow()) / 2);
    }

    private static XYChart curveChart(String title, List<BenchResults.Group> groups, BenchResults results,
                                      java.util.function.Function<RemovalSummary, List<Summary>> series) {
        XYChart chart = new XYChartBuilder().width(760).height(360).title(title).xAxisTitle("Ke")
                .yAxisTitle("mean").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (BenchResults.Group g : groups) {
            RemovalSummary s = results.removal().get(g);
            if (s == null || s.n() == 0) {
                continue;
            }
            List<Summary> perKe = series.apply(s);
            double[] x = new double[perKe.size()];
            double[] y = new double[perKe.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
                y[i] = perKe.get(i).mean();
            }
            chart.addSeries(g.explainer(), x, y);
        }
        return chart;
    }

    private static CategoryChart barChart(String title, BenchResults results, String dataset, String model,
                                          List<String> metrics, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(340).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> explainers = new ArrayList<>(new LinkedHashSet<>(results.rows().stream()
                .filter(r -> r.dataset().equals(dataset) && r.model().equals(model)).map(ResultRow::explainer).toList()));
        // every series over the same explainers (the chart needs it): a deterministic explainer's seed stability
        // is 1 by construction, a metric that was not measured is drawn as 0
        List<String> xs = explainers.stream().filter(x -> metrics.stream().anyMatch(metric ->
                results.find(dataset, model, x, metric).isPresent())).toList();
        for (String metric : metrics) {
            List<Double> ys = new ArrayList<>();
            boolean any = false;
            for (String x : xs) {
                var r = results.find(dataset, model, x, metric);
                any |= r.isPresent();
                ys.add(r.map(ResultRow::mean).orElse(BenchResults.SEED_METRICS.contains(metric)
                        && results.deterministic(dataset, model, x) ? 1.0 : 0.0));
            }
            if (any) {
                chart.addSeries(metric, xs, ys);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no data", List.of("-"), List.of(0));
        }
        return chart;
    }

    private static void examples(StringBuilder h, BenchResults results) {
        int n = results.config().examples();
        if (n == 0) {
            return;
        }
        h.append("<h2>Example explanations</h2>\n");
        long seed = results.config().seeds().get(0);
        Map<String, List<CellResult>> byUserSet = new LinkedHashMap<>();
        for (CellResult c : results.cells()) {
            if (c.seed() == seed && c.status().equals("ok") && !c.targets().isEmpty()) {
                byUserSet.computeIfAbsent(c.dataset() + " / " + c.model(), k -> new ArrayList<>()).add(c);
            }
        }
        for (Map.Entry<String, List<CellResult>> e : byUserSet.entrySet()) {
            h.append("<h3>").append(esc(e.getKey())).append("</h3>\n");
            int users = e.getValue().get(0).targets().size();
            for (int p = 0; p < Math.min(n, users); p++) {
                CellResult.TargetObs first = e.getValue().get(0).targets().get(p);
                h.append("<p><b>User ").append(esc(first.user())).append("</b>, item ").append(esc(first.item()))
                        .append(":</p>\n");
                for (CellResult c : e.getValue()) {
                    CellResult.TargetObs t = c.targets().get(p);
                    h.append("<blockquote><i>").append(esc(c.explainer())).append(":</i> ").append(esc(t.text()))
                            .append("</blockquote>\n");
                }
            }
        }
    }

    private static String img(Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img alt=\"" + esc(chart.getTitle()) + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png) + "\">\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

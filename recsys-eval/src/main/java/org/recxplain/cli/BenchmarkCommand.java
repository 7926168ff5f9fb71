package org.recxplain.cli;

import org.recxplain.eval.bench.BenchConfig;
import org.recxplain.eval.bench.BenchResults;
import org.recxplain.eval.bench.BenchmarkRunner;
import org.recxplain.eval.bench.ResultRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code recxplain benchmark}: the explanation benchmark (fidelity, stability, validity, cost) over a grid
 * of data sets, models, explainers and seeds, written as results.csv, results.json and report.html.
 */
@Command(name = "benchmark", header = "Measure how true, stable and costly each explainer is.",
        sortOptions = false,
        description = {"Runs the grid of a configuration file (or a preset), explains every sampled user's top-1 "
                + "item with each explainer, and measures fidelity by removal, stability, counterfactual validity "
                + "and cost. Finished cells are kept in OUT/cells, so an interrupted run resumes where it stopped.",
                "", "Example: recxplain benchmark --quick --out reports/quick"})
final class BenchmarkCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The benchmark configuration (JSON); see "
            + "docs/methodology.md. Default: the standard benchmark on ml-latest-small.")
    private Path config;

    @Option(names = "--quick", description = "A quick preset: 100 users, smaller models, two seeds.")
    private boolean quick;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the results.")
    private Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    private Integer threads;

    @Option(names = "--data", paramLabel = "NAME|PATH", description = "Run the grid on this data set instead of "
            + "the configuration's: a bundled name or a path.")
    private String data;

    @Option(names = "--data-format", paramLabel = "FORMAT", completionCandidates = Choices.DataFormats.class,
            description = "Format of a --data PATH: ${COMPLETION-CANDIDATES} (default: auto).")
    private String dataFormat;

    @Override
    public Integer call() throws Exception {
        if (config != null && quick) {
            throw new ParameterException(spec.commandLine(), "--config and --quick cannot be used together");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Choices.atLeast(spec, "--threads", n, 1);
        BenchConfig c = config != null ? BenchConfig.read(config) : quick ? BenchConfig.quick() : BenchConfig.defaults();
        if (dataFormat != null) {
            if (data == null) {
                throw new ParameterException(spec.commandLine(), "--data-format needs --data");
            }
            Choices.check(spec, "--data-format", dataFormat, new Choices.DataFormats());
        }
        if (data != null) {
            c = c.withDatasets(java.util.List.of(new BenchConfig.DataSpec(data, dataFormat, 0)));
        }
        PrintWriter o = spec.commandLine().getOut();
        BenchConfig grid = c;
        int pairs = c.models().stream().mapToInt(m -> grid.explainersOf(m).size()).sum();
        o.println("benchmark " + c.name() + ": " + c.datasets().size() + " data set(s) x " + pairs
                + " (model, explainer) pairs over " + c.models().size() + " model(s) x " + c.seeds().size()
                + " seeds -> " + out);
        o.flush();
        long t0 = System.nanoTime();
        BenchResults results;
        try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), "benchmark")) {
            results = new BenchmarkRunner(c, out, n, (done, total, what) -> progress.step(done, total)).run();
        }
        o.println(String.format(Locale.ROOT, "finished in %.1f s", (System.nanoTime() - t0) / 1e9));
        printSummary(o, results);
        o.println("wrote     " + out.resolve("results.csv") + ", " + out.resolve("results.json") + ", "
                + out.resolve("report.html"));
        o.flush();
        return 0;
    }

    /** A compact table of the headline metrics. */
    private static void printSummary(PrintWriter o, BenchResults r) {
        String[] metrics = {BenchResults.POS5, BenchResults.DEL, BenchResults.INS, BenchResults.AGREEMENT,
                BenchResults.SEED_J, BenchResults.P50};
        String[] heads = {"POS@5", "DEL", "INS", "w~removal", "J seeds", "p50 ms"};
        String last = "";
        for (ResultRow row : r.rows()) {
            String group = row.dataset() + " / " + row.model();
            if (group.equals(last) || !row.metric().equals(BenchResults.MEP)) {
                continue;
            }
            last = group;
            o.println();
            o.println(group);
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "  %-18s", "explainer"));
            for (String head : heads) {
                h.append(String.format(Locale.ROOT, "%11s", head));
            }
            o.println(h);
            r.rows().stream().filter(x -> x.dataset().equals(row.dataset()) && x.model().equals(row.model())
                    && x.metric().equals(BenchResults.MEP)).forEach(x -> {
                        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-18s", x.explainer()));
                        for (String m : metrics) {
                            boolean det = m.equals(BenchResults.SEED_J)
                                    && r.deterministic(x.dataset(), x.model(), x.explainer());
                            line.append(r.find(x.dataset(), x.model(), x.explainer(), m)
                                    .map(v -> String.format(Locale.ROOT, "%11.3f", v.mean()))
                                    .orElse(String.format(Locale.ROOT, "%11s", det ? "1 (det.)" : "-")));
                        }
                        o.println(line);
                    });
        }
    }
}

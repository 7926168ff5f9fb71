package org.recxplain.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.recxplain.data.Dataset;
import org.recxplain.data.io.LoadOptions;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.bpr.BprMf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code recxplain bench}: how long training and explanations take, and how stable the stabilised LIME is, on
 * ml-latest-small: every performance target of the project in one command. Each suite ({@link BenchSuite})
 * measures wall-clock time after a JIT warm-up and prints a table with the verdict of its targets; {@code --out}
 * writes every number as JSON. Without {@code --suite} only the {@code als} suite runs, as before suites
 * existed.
 */
@Command(name = "bench", header = "Measure training time, explanation latency and LIME stability.",
        sortOptions = false, defaultValueProvider = BenchCommand.Defaults.class,
        description = {"Runs benchmark suites on the bundled ml-latest-small data, each after a JIT warm-up, and "
                + "prints a table per suite with the project's targets (met or MISSED):",
                "  als        ALS training; neighbourhood explanation, warm and cold (default)",
                "  removal    exact ALS removal effects; minimal counterfactual sets",
                "  bpr        BPR-MF training; influence explanation",
                "  lime       FM training; LIME on the FM; LIME-RS on ALS",
                "  stability  stabilised vs vanilla LIME across seeds: VSI, top-5 Jaccard",
                "Run on an otherwise idle machine."})
final class BenchCommand implements Callable<Integer> {

    static final String DATA = "ml-latest-small";

    @Spec
    private CommandSpec spec;

    @Mixin
    private AlsOptions als;

    @Option(names = "--suite", paramLabel = "NAME", split = ",", defaultValue = "als",
            completionCandidates = BenchSuite.Names.class,
            description = "Suites to run, repeatable or comma-separated: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}). They run in that order and share the models they train.")
    private List<String> suites;

    @Option(names = "--users", paramLabel = "N",
            description = "Users sampled by each suite (default: 100; stability 10; removal and bpr take at most "
                    + "the 74 users with 80..120 interactions).")
    private Integer users;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "10",
            description = "Top items explained per sampled user (default: ${DEFAULT-VALUE}); stability explains "
                    + "the top 1.")
    private int k;

    @Option(names = "--bpr-factors", paramLabel = "K", description = "bpr: BPR-MF factors (default: "
            + "${DEFAULT-VALUE}).")
    private int bprFactors = BprMf.Config.defaults().factors();

    @Option(names = "--bpr-epochs", paramLabel = "N", description = "bpr: BPR-MF epochs (default: "
            + "${DEFAULT-VALUE}).")
    private int bprEpochs = BprMf.Config.defaults().epochs();

    @Option(names = "--fm-factors", paramLabel = "K", defaultValue = "16",
            description = "lime, stability: factorisation-machine factors (default: ${DEFAULT-VALUE}).")
    private int fmFactors;

    @Option(names = "--fm-epochs", paramLabel = "N", defaultValue = "5",
            description = "lime, stability: factorisation-machine epochs (default: ${DEFAULT-VALUE}).")
    private int fmEpochs;

    @Option(names = "--fm-learning-rate", paramLabel = "LR", defaultValue = "0.01",
            description = "lime, stability: factorisation-machine SGD step (default: ${DEFAULT-VALUE}, with k = 16 "
                    + "and 5 epochs a quick, well-behaved FM for timing the explainers).")
    private double fmLearningRate;

    @Option(names = "--budgets", paramLabel = "N", split = ",", defaultValue = "200,1000",
            description = "stability: LIME budgets (samples) compared (default: ${DEFAULT-VALUE}).")
    private List<Integer> budgets;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
            description = "stability: seeds per pair, 0..N-1 (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    private Path out;

    /** Benchmark defaults: 64 factors, 15 iterations. */
    static final class Defaults extends AlsOptions.Defaults {
        Defaults() {
            super(ImplicitAls.Config.defaults().withFactors(64).withIterations(15));
        }
    }

    /**
     * The measurements, as written by {@code --out}. The data and machine come first; the {@code als} suite's
     * figures stay at the top level, where {@code bench} wrote them before it had suites; every other suite
     * has its own object; {@code targets} lists every target measured and whether it was met. What a run
     * did not measure is left out.
     *
     * @param data         data set name
     * @param users        users in the data
     * @param items        items in the data
     * @param interactions interactions in the data
     * @param factors      ALS factors (the model of als, removal and LIME-RS)
     * @param iterations   ALS iterations
     * @param threads      training threads
     * @param cores        available processors
     * @param java         Java runtime version
     * @param trainSeconds als: wall-clock ALS training time
     * @param sampledUsers als: users whose explanations were timed
     * @param topK         als: items explained per sampled user
     * @param warmMillis   als: one explanation with the user's factorisation already done, milliseconds
     * @param coldMillis   als: one explanation from scratch (factorisation included), milliseconds
     * @param suites       the suites run
     * @param removal      the removal suite
     * @param bpr          the bpr suite
     * @param lime         the lime suite
     * @param stability    the stability suite
     * @param targets      every target measured
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Report(String data, int users, int items, long interactions, int factors, int iterations, int threads,
                  int cores, String java, Double trainSeconds, Integer sampledUsers, Integer topK,
                  Percentiles warmMillis, Percentiles coldMillis, List<String> suites, BenchRemoval.Result removal,
                  BenchBpr.Result bpr, BenchLime.Result lime, BenchStability.Result stability,
                  List<BenchTarget> targets) {

        static Report of(Dataset d, ImplicitAls.Config config, Map<BenchSuite, BenchSuiteResult> results) {
            BenchAls.Result a = (BenchAls.Result) results.get(BenchSuite.ALS);
            List<BenchTarget> targets = new ArrayList<>();
            results.values().forEach(r -> targets.addAll(r.targets()));
            return new Report(DATA, d.interactions().numUsers(), d.interactions().numItems(),
                    d.interactions().size(), config.factors(), config.iterations(), config.threads(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    a == null ? null : a.trainSeconds(), a == null ? null : a.sampledUsers(),
                    a == null ? null : a.topK(), a == null ? null : a.warmMillis(), a == null ? null : a.coldMillis(),
                    results.keySet().stream().map(BenchSuite::label).toList(),
                    (BenchRemoval.Result) results.get(BenchSuite.REMOVAL),
                    (BenchBpr.Result) results.get(BenchSuite.BPR),
                    (BenchLime.Result) results.get(BenchSuite.LIME),
                    (BenchStability.Result) results.get(BenchSuite.STABILITY), targets);
        }
    }

    @Override
    public Integer call() throws Exception {
        List<BenchSuite> chosen = BenchSuite.parse(spec, suites);
        if (users != null) {
            Choices.atLeast(spec, "--users", users, 1);
        }
        Choices.atLeast(spec, "-k", k, 1);
        Choices.atLeast(spec, "--bpr-factors", bprFactors, 1);
        Choices.atLeast(spec, "--bpr-epochs", bprEpochs, 1);
        Choices.atLeast(spec, "--fm-factors", fmFactors, 1);
        Choices.atLeast(spec, "--fm-epochs", fmEpochs, 1);
        if (!(fmLearningRate > 0) || Double.isInfinite(fmLearningRate)) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--fm-learning-rate': "
                    + fmLearningRate + " (expected a positive number)");
        }
        for (int b : budgets) {
            Choices.atLeast(spec, "--budgets", b, 2);
        }
        Choices.atLeast(spec, "--runs", runs, 2);
        ImplicitAls.Config config = als.config();
        PrintWriter o = spec.commandLine().getOut();
        Dataset data = DataOptions.load(DATA, null, LoadOptions.defaults(), null, o);
        BenchContext context = new BenchContext(data, new BenchContext.Settings(config, users, k, bprFactors,
                bprEpochs, fmFactors, fmEpochs, fmLearningRate, budgets, runs), o, spec.commandLine().getErr());
        Map<BenchSuite, BenchSuiteResult> results = new EnumMap<>(BenchSuite.class);
        for (BenchSuite suite : chosen) {
            if (chosen.size() > 1) {
                o.println();
                o.println("== " + suite.label() + ": " + suite.title());
            }
            o.flush();
            BenchSuiteResult r = suite.run(context);
            results.put(suite, r);
            o.println();
            r.print(o);
            o.flush();
        }
        if (context.sink() == Long.MIN_VALUE) {
            o.println(); // never happens; reading the sink keeps the timed work alive
        }
        if (out != null) {
            Files.writeString(out, Json.write(Report.of(data, config, results)) + System.lineSeparator());
            o.println("wrote     " + out);
        }
        o.flush();
        return 0;
    }
}

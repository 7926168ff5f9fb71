package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.data.Sampling;
import org.recxplain.data.io.LoadOptions;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.neighbourhood.AlsNeighbourhoodExplainer;
import org.recxplain.model.ScoredItem;
import org.recxplain.model.als.ImplicitAls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code recxplain bench}: how long training and exact explanations take on ml-latest-small. Measures wall-clock
 * time after a JIT warm-up; prints a table and optionally writes the numbers as JSON.
 */
@Command(name = "bench", header = "Measure training time and explanation latency.",
        sortOptions = false, defaultValueProvider = BenchCommand.Defaults.class,
        description = {"Measure ALS training time on the bundled ml-latest-small data, and the latency of one "
                + "exact neighbourhood explanation: warm (the user's factorisation already done) and cold "
                + "(including it). Run on an otherwise idle machine."})
final class BenchCommand implements Callable<Integer> {

    static final String DATA = "ml-latest-small";

    @Spec
    private CommandSpec spec;

    @Mixin
    private AlsOptions als;

    @Option(names = "--users", paramLabel = "N", defaultValue = "100",
            description = "Users sampled for the explanation timings (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "10",
            description = "Top items explained per sampled user (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    private Path out;

    /** Benchmark defaults: 64 factors, 15 iterations. */
    static final class Defaults extends AlsOptions.Defaults {
        Defaults() {
            super(ImplicitAls.Config.defaults().withFactors(64).withIterations(15));
        }
    }

    /**
     * The measurements, as written by {@code --out}.
     *
     * @param data            data set name
     * @param users           users in the data
     * @param items           items in the data
     * @param interactions    interactions in the data
     * @param factors         ALS factors
     * @param iterations      ALS iterations
     * @param threads         training threads
     * @param cores           available processors
     * @param java            Java runtime version
     * @param trainSeconds    wall-clock training time
     * @param sampledUsers    users whose explanations were timed
     * @param topK            items explained per sampled user
     * @param warmMillis      one explanation with the user's factorisation already done, milliseconds
     * @param coldMillis      one explanation from scratch (factorisation included), milliseconds
     */
    record Result(String data, int users, int items, long interactions, int factors, int iterations, int threads,
                  int cores, String java, double trainSeconds, int sampledUsers, int topK, Percentiles warmMillis,
                  Percentiles coldMillis) {
    }

    @Override
    public Integer call() throws Exception {
        Choices.atLeast(spec, "--users", users, 1);
        Choices.atLeast(spec, "-k", k, 1);
        ImplicitAls.Config config = als.config();
        PrintWriter o = spec.commandLine().getOut();
        Dataset data = DataOptions.load(DATA, null, LoadOptions.defaults(), null, o);
        o.println("model     implicit ALS: " + AlsOptions.describe(config));
        int[] sample = Sampling.usersWithHistory(data.interactions(), users, config.seed());
        o.println("explain   neighbourhood: each of the top " + k + " items of " + sample.length
                + " users drawn with seed " + config.seed() + ", warm and cold");
        o.println("warm-up   a 2-iteration training run and a round of explanations (JIT) ...");
        o.flush();
        PrintWriter err = spec.commandLine().getErr();

        ImplicitAls warm = Training.train(data, config.withIterations(Math.min(2, config.iterations())), err).model();
        timeExplanations(warm, sample, k);

        Training.Result<ImplicitAls> trained = Training.train(data, config, err);
        double[][] times = timeExplanations(trained.model(), sample, k);
        Result r = new Result(DATA, data.interactions().numUsers(), data.interactions().numItems(),
                data.interactions().size(), config.factors(), config.iterations(), config.threads(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                trained.nanos() / 1e9, sample.length, k, Percentiles.of(times[0]), Percentiles.of(times[1]));
        o.println();
        printTable(o, r);
        if (out != null) {
            Files.writeString(out, Json.write(r) + System.lineSeparator());
            o.println("wrote     " + out);
        }
        o.flush();
        return 0;
    }

    /**
     * Times one explanation of each of each sampled user's top-k items, in milliseconds: [0] warm, a
     * {@code UserContext.explain(item)} after the user's system was factorised once ({@code forUser}); [1] cold,
     * an {@code explain(user, item)} that factorises from scratch.
     */
    static double[][] timeExplanations(ImplicitAls model, int[] sample, int k) {
        AlsNeighbourhoodExplainer explainer = new AlsNeighbourhoodExplainer(model);
        double[] warm = new double[sample.length * k];
        double[] cold = new double[sample.length * k];
        int n = 0;
        long sink = 0; // keeps the JIT from dropping the work
        for (int u : sample) {
            int[] items = model.recommend(u, k).stream().mapToInt(ScoredItem::item).toArray();
            for (int p = 0; p < items.length; p++) {
                long t0 = System.nanoTime();
                Explanation e = explainer.explain(u, items[p]);
                cold[n + p] = (System.nanoTime() - t0) / 1e6;
                sink += e.attributions().size();
            }
            AlsNeighbourhoodExplainer.UserContext ctx = explainer.forUser(u);
            for (int item : items) {
                long t1 = System.nanoTime();
                Explanation x = ctx.explain(item);
                warm[n++] = (System.nanoTime() - t1) / 1e6;
                sink += x.attributions().size();
            }
        }
        if (sink < 0) {
            throw new AssertionError();
        }
        return new double[][] {java.util.Arrays.copyOf(warm, n), java.util.Arrays.copyOf(cold, n)};
    }

    static void printTable(PrintWriter o, Result r) {
        o.println(String.format(Locale.ROOT, "%-46s %6s %10s %10s %10s", "measure", "n", "mean", "p50", "p95"));
        o.println(String.format(Locale.ROOT, "%-46s %6d %10.2f",
                "ALS training, " + r.threads() + " thread" + (r.threads() == 1 ? "" : "s") + " (s)", 1,
                r.trainSeconds()));
        row(o, "explanation, factorisation done (ms)", r.warmMillis());
        row(o, "explanation, cold incl. factorisation (ms)", r.coldMillis());
    }

    private static void row(PrintWriter o, String label, Percentiles p) {
        o.println(String.format(Locale.ROOT, "%-46s %6d %10.3f %10.3f %10.3f", label, p.n(), p.mean(), p.p50(),
                p.p95()));
    }
}

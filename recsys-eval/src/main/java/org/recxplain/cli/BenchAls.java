package org.recxplain.cli;

import org.recxplain.explain.Explanation;
import org.recxplain.explain.neighbourhood.AlsNeighbourhoodExplainer;
import org.recxplain.model.als.ImplicitAls;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code als} suite of {@code recxplain bench}: implicit-ALS training time, and the latency of one exact
 * neighbourhood explanation, warm (the user's factorisation already done) and cold (including it), over the
 * top-k items of a seeded sample of users. The JIT is warmed up by a 2-iteration training run and a round of
 * explanations first. Stateless.
 */
final class BenchAls {
    /** Target: p50 of a warm neighbourhood explanation, in milliseconds. */
    static final double WARM_P50_MS = 0.2;

    private BenchAls() {
    }

    /**
     * The measurements (in the JSON they stay at the top level of the document, where earlier versions of
     * {@code bench} wrote them).
     *
     * @param factors      ALS factors
     * @param iterations   ALS iterations
     * @param threads      training threads
     * @param trainSeconds wall-clock training time
     * @param sampledUsers users whose explanations were timed
     * @param topK         items explained per sampled user
     * @param warmMillis   one explanation with the user's factorisation already done, milliseconds
     * @param coldMillis   one explanation from scratch (factorisation included), milliseconds
     */
    record Result(int factors, int iterations, int threads, double trainSeconds, int sampledUsers, int topK,
                  Percentiles warmMillis, Percentiles coldMillis) implements BenchSuiteResult {

        @Override
        public List<BenchTarget> targets() {
            return List.of(BenchTarget.atMost(BenchSuite.ALS, "neighbourhood explanation, factorisation done", "p50",
                    WARM_P50_MS, "ms", warmMillis.p50()));
        }

        @Override
        public void print(PrintWriter o) {
            BenchTable.header(o);
            BenchTable.seconds(o, "ALS training, " + BenchTable.threads(threads) + " (s)", trainSeconds);
            BenchTable.row(o, "explanation, factorisation done (ms)", warmMillis, targets().get(0));
            BenchTable.row(o, "explanation, cold incl. factorisation (ms)", coldMillis);
        }
    }

    static Result run(BenchContext c) {
        ImplicitAls.Config config = c.settings().als();
        int k = c.settings().k();
        PrintWriter o = c.out();
        o.println("model     implicit ALS: " + AlsOptions.describe(config));
        int[] sample = c.sampleUsers(BenchSuite.ALS);
        o.println("explain   neighbourhood: each of the top " + k + " items of " + sample.length
                + " users drawn with seed " + config.seed() + ", warm and cold");
        o.println("warm-up   a 2-iteration training run and a round of explanations (JIT) ...");
        o.flush();
        ImplicitAls warm = Training.train(c.data(), config.withIterations(Math.min(2, config.iterations())), c.err())
                .model();
        timeExplanations(c, warm, sample, k);

        Training.Result<ImplicitAls> trained = Training.train(c.data(), config, c.err());
        c.useAls(trained.model());
        Percentiles[] times = timeExplanations(c, trained.model(), sample, k);
        return new Result(config.factors(), config.iterations(), config.threads(), trained.nanos() / 1e9,
                sample.length, k, times[0], times[1]);
    }

    /**
     * Times one explanation of each of each sampled user's top-k items, in milliseconds: [0] warm, a
     * {@code UserContext.explain(item)} after the user's system was factorised once ({@code forUser}); [1] cold,
     * an {@code explain(user, item)} that factorises from scratch.
     */
    static Percentiles[] timeExplanations(BenchContext c, ImplicitAls model, int[] sample, int k) {
        AlsNeighbourhoodExplainer explainer = new AlsNeighbourhoodExplainer(model);
        BenchTimes warm = new BenchTimes();
        BenchTimes cold = new BenchTimes();
        for (int u : sample) {
            int[] items = BenchContext.topItems(model, u, k);
            for (int item : items) {
                long t0 = System.nanoTime();
                Explanation e = explainer.explain(u, item);
                cold.since(t0);
                c.consume(e.attributions().size());
            }
            AlsNeighbourhoodExplainer.UserContext ctx = explainer.forUser(u);
            for (int item : items) {
                long t1 = System.nanoTime();
                Explanation x = ctx.explain(item);
                warm.since(t1);
                c.consume(x.attributions().size());
            }
        }
        return new Percentiles[] {warm.percentiles(), cold.percentiles()};
    }
}

package org.recxplain.cli;

import org.recxplain.explain.Explanation;
import org.recxplain.explain.counterfactual.BprInfluenceExplainer;
import org.recxplain.model.bpr.BprMf;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code bpr} suite of {@code recxplain bench}: BPR-MF training time (the default configuration with the
 * given factors and epochs, after a one-epoch warm-up run) and the latency of one influence-function
 * explanation ({@link BprInfluenceExplainer#explain(int, int)}, which recomputes the user's parameter changes
 * each time) of each of the top-k items of users with about 100 interactions (the history band of the
 * {@code removal} suite, so that the two compare; the cost grows with the square of the history). A round
 * over up to {@value #WARM_UP_USERS} users warms the JIT up first. No target is set for it. Stateless.
 */
final class BenchBpr {
    static final int WARM_UP_USERS = 3;

    private BenchBpr() {
    }

    /**
     * The measurements.
     *
     * @param factors       BPR-MF factors
     * @param epochs        BPR-MF epochs
     * @param threads       threads of the final fold-in
     * @param trainSeconds  wall-clock training time
     * @param maxAbsScore   the largest |score| of the first users (a sanity check of training)
     * @param historyMin    shortest history sampled
     * @param historyMax    longest history sampled
     * @param sampledUsers  users sampled
     * @param meanHistory   their mean number of interactions
     * @param topK          items explained per user
     * @param explainMillis one influence explanation, milliseconds
     */
    record Result(int factors, int epochs, int threads, double trainSeconds, double maxAbsScore, int historyMin,
                  int historyMax, int sampledUsers, double meanHistory, int topK, Percentiles explainMillis)
            implements BenchSuiteResult {

        @Override
        public List<BenchTarget> targets() {
            return List.of();
        }

        @Override
        public void print(PrintWriter o) {
            BenchTable.header(o);
            BenchTable.seconds(o, "BPR-MF training, " + BenchTable.threads(threads) + " (s)", trainSeconds);
            BenchTable.row(o, "influence explanation (ms)", explainMillis);
        }
    }

    static Result run(BenchContext c) {
        PrintWriter o = c.out();
        int k = c.settings().k();
        BenchContext.Trained<BprMf> trained = c.bpr();
        BprMf model = trained.model();
        int[] sample = c.sampleUsersWithHistory(BenchSuite.BPR, BenchRemoval.HISTORY_MIN, BenchRemoval.HISTORY_MAX);
        double meanHistory = c.meanHistory(sample);
        o.println(String.format(Locale.ROOT, "explain   influence: each of the top %d items of %d users with %d..%d "
                        + "interactions (mean %.1f), seed %d", k, sample.length, BenchRemoval.HISTORY_MIN,
                BenchRemoval.HISTORY_MAX, meanHistory, c.settings().seed()));
        o.println("warm-up   a round over " + Math.min(WARM_UP_USERS, sample.length) + " users (JIT) ...");
        o.flush();
        BprInfluenceExplainer explainer = new BprInfluenceExplainer(model);
        time(c, model, explainer, Arrays.copyOf(sample, Math.min(WARM_UP_USERS, sample.length)), k);
        BenchTimes times = time(c, model, explainer, sample, k);
        return new Result(model.factors(), model.config().epochs(), model.config().threads(), trained.trainSeconds(),
                trained.maxAbsScore(), BenchRemoval.HISTORY_MIN, BenchRemoval.HISTORY_MAX, sample.length,
                meanHistory, k, times.percentiles());
    }

    private static BenchTimes time(BenchContext c, BprMf model, BprInfluenceExplainer explainer, int[] users, int k) {
        BenchTimes times = new BenchTimes();
        for (int u : users) {
            for (int item : BenchContext.topItems(model, u, k)) {
                long t0 = System.nanoTime();
                Explanation e = explainer.explain(u, item);
                times.since(t0);
                c.consume(e.attributions().size());
            }
        }
        return times;
    }
}

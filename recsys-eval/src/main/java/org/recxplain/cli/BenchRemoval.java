package org.recxplain.cli;

import org.recxplain.explain.Counterfactual;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explainers;
import org.recxplain.explain.counterfactual.ExactRemovalExplainer;
import org.recxplain.model.als.AlsRemoval;
import org.recxplain.model.als.ImplicitAls;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code removal} suite of {@code recxplain bench}: exact removal attributions of implicit ALS over a
 * whole history of about 100 interactions (users with {@value #HISTORY_MIN}..{@value #HISTORY_MAX}), and the
 * minimal counterfactual set.
 *
 * <p>For each of each sampled user's top-k items it times: the raw kernel
 * ({@link AlsRemoval#scoresAfterSingleRemovals}: every single-removal effect on the item's score) once the
 * user's {@link AlsRemoval} is prepared, and including the preparation; the full explainer call
 * ({@code ExactRemovalExplainer.of(model, 0)}: attributions with scores after removal, no rank recomputation)
 * prepared and cold; and {@link Explainers#counterfactual(org.recxplain.model.Recommender, int, int)} with {@value #CANDIDATES} candidate replacements
 * and at most {@value #MAX_REMOVALS} removals, with the share of explanations that found a counterfactual
 * and the share whose refit verified it. The preparation alone is timed once per user. A round over up to
 * {@value #WARM_UP_USERS} users warms the JIT up first. Stateless.
 */
final class BenchRemoval {
    /** Shortest history sampled. */
    static final int HISTORY_MIN = 80;
    /** Longest history sampled. */
    static final int HISTORY_MAX = 120;
    /** Candidate replacements of the counterfactual search. */
    static final int CANDIDATES = 5;
    /** Largest removal set of the counterfactual search. */
    static final int MAX_REMOVALS = 10;
    /** Target: p50 of all single-removal effects for one item, in milliseconds. */
    static final double REMOVAL_P50_MS = 0.5;
    /** Target: p50 of one minimal counterfactual set, in milliseconds. */
    static final double COUNTERFACTUAL_P50_MS = 5;
    static final int WARM_UP_USERS = 20;

    private BenchRemoval() {
    }

    /**
     * The measurements (times in milliseconds).
     *
     * @param factors                 ALS factors
     * @param historyMin              shortest history sampled
     * @param historyMax              longest history sampled
     * @param sampledUsers            users sampled
     * @param meanHistory             their mean number of interactions
     * @param topK                    items explained per user
     * @param prepareMillis           preparing {@code AlsRemoval} for a user
     * @param kernelMillis            all single-removal effects on one item, prepared
     * @param kernelColdMillis        the same including the preparation
     * @param explainMillis           the explainer call (rankedTop 0), prepared
     * @param explainColdMillis       the explainer call including the preparation
     * @param candidates              counterfactual candidate replacements
     * @param maxRemovals             counterfactual removal budget
     * @param counterfactualMillis    one minimal counterfactual set, from scratch
     * @param counterfactualsFound    explanations with a counterfactual
     * @param counterfactualsVerified of those, the ones the refit confirmed
     * @param foundShare              found / explanations
     * @param verifiedShare           verified / explanations
     */
    record Result(int factors, int historyMin, int historyMax, int sampledUsers, double meanHistory, int topK,
                  Percentiles prepareMillis, Percentiles kernelMillis, Percentiles kernelColdMillis,
                  Percentiles explainMillis, Percentiles explainColdMillis, int candidates, int maxRemovals,
                  Percentiles counterfactualMillis, int counterfactualsFound, int counterfactualsVerified,
                  double foundShare, double verifiedShare) implements BenchSuiteResult {

        @Override
        public List<BenchTarget> targets() {
            List<BenchTarget> t = new ArrayList<>();
            t.add(BenchTarget.atMost(BenchSuite.REMOVAL, "removal kernel, prepared", "p50", REMOVAL_P50_MS, "ms",
                    kernelMillis.p50()));
            t.add(BenchTarget.atMost(BenchSuite.REMOVAL, "removal kernel, incl. preparation", "p50", REMOVAL_P50_MS,
                    "ms", kernelColdMillis.p50()));
            t.add(BenchTarget.atMost(BenchSuite.REMOVAL, "removal explainer, prepared", "p50", REMOVAL_P50_MS, "ms",
                    explainMillis.p50()));
            t.add(BenchTarget.atMost(BenchSuite.REMOVAL, "removal explainer, incl. preparation", "p50",
                    REMOVAL_P50_MS, "ms", explainColdMillis.p50()));
            t.add(BenchTarget.atMost(BenchSuite.REMOVAL, "minimal counterfactual set", "p50", COUNTERFACTUAL_P50_MS,
                    "ms", counterfactualMillis.p50()));
            return t;
        }

        @Override
        public void print(PrintWriter o) {
            List<BenchTarget> t = targets();
            BenchTable.header(o);
            BenchTable.row(o, "AlsRemoval preparation, per user (ms)", prepareMillis);
            BenchTable.row(o, "all single removals, prepared (ms)", kernelMillis, t.get(0));
            BenchTable.row(o, "all single removals, incl. preparation (ms)", kernelColdMillis, t.get(1));
            BenchTable.row(o, "removal explainer, prepared (ms)", explainMillis, t.get(2));
            BenchTable.row(o, "removal explainer, incl. preparation (ms)", explainColdMillis, t.get(3));
            BenchTable.row(o, "counterfactual set (ms)", counterfactualMillis, t.get(4));
            o.println(String.format(Locale.ROOT, "counterfactual found for %d of %d (%.1f%%), verified by refit "
                    + "for %d (%.1f%%)", counterfactualsFound, counterfactualMillis.n(), 100 * foundShare,
                    counterfactualsVerified, 100 * verifiedShare));
        }
    }

    static Result run(BenchContext c) {
        PrintWriter o = c.out();
        int k = c.settings().k();
        ImplicitAls model = c.als();
        int[] sample = c.sampleUsersWithHistory(BenchSuite.REMOVAL, HISTORY_MIN, HISTORY_MAX);
        double meanHistory = c.meanHistory(sample);
        o.println(String.format(Locale.ROOT, "explain   removal and counterfactual (%d candidates, %d removals): "
                        + "each of the top %d items of %d users with %d..%d interactions (mean %.1f), seed %d",
                CANDIDATES, MAX_REMOVALS, k, sample.length, HISTORY_MIN, HISTORY_MAX, meanHistory,
                c.settings().seed()));
        o.println("warm-up   a round over " + Math.min(WARM_UP_USERS, sample.length) + " users (JIT) ...");
        o.flush();
        measure(c, model, java.util.Arrays.copyOf(sample, Math.min(WARM_UP_USERS, sample.length)), k);
        Timings t = measure(c, model, sample, k);
        int n = t.counterfactual.size();
        return new Result(model.factors(), HISTORY_MIN, HISTORY_MAX, sample.length, meanHistory, k,
                t.prepare.percentiles(), t.kernel.percentiles(), t.kernelCold.percentiles(),
                t.explain.percentiles(), t.explainCold.percentiles(), CANDIDATES, MAX_REMOVALS,
                t.counterfactual.percentiles(), t.found, t.verified, t.found / (double) n, t.verified / (double) n);
    }

    /** The series of one round. */
    private static final class Timings {
        final BenchTimes prepare = new BenchTimes();
        final BenchTimes kernel = new BenchTimes();
        final BenchTimes kernelCold = new BenchTimes();
        final BenchTimes explain = new BenchTimes();
        final BenchTimes explainCold = new BenchTimes();
        final BenchTimes counterfactual = new BenchTimes();
        int found;
        int verified;
    }

    private static Timings measure(BenchContext c, ImplicitAls model, int[] users, int k) {
        ExactRemovalExplainer explainer = ExactRemovalExplainer.of(model, 0);
        Explainer counterfactuals = Explainers.counterfactual(model, CANDIDATES, MAX_REMOVALS);
        Timings t = new Timings();
        for (int u : users) {
            int[] items = BenchContext.topItems(model, u, k);
            for (int item : items) {
                long t0 = System.nanoTime();
                double[] after = new AlsRemoval(model, u).scoresAfterSingleRemovals(item);
                t.kernelCold.since(t0);
                c.consume(after.length);
                long t1 = System.nanoTime();
                Explanation e = explainer.explain(u, item);
                t.explainCold.since(t1);
                c.consume(e.attributions().size());
            }
            long t2 = System.nanoTime();
            AlsRemoval removal = new AlsRemoval(model, u);
            t.prepare.since(t2);
            for (int item : items) {
                long t3 = System.nanoTime();
                double[] after = removal.scoresAfterSingleRemovals(item);
                t.kernel.since(t3);
                c.consume(after.length);
                long t4 = System.nanoTime();
                Explanation e = explainer.explain(removal, u, item, t4);
                t.explain.since(t4);
                c.consume(e.attributions().size());
            }
            for (int item : items) {
                long t5 = System.nanoTime();
                Explanation e = counterfactuals.explain(u, item);
                t.counterfactual.since(t5);
                if (e.counterfactual().isPresent()) {
                    t.found++;
                    Counterfactual cf = e.counterfactual().get();
                    t.verified += cf.verified() ? 1 : 0;
                }
            }
        }
        return t;
    }
}

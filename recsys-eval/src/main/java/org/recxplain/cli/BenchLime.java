package org.recxplain.cli;

import org.recxplain.explain.Explanation;
import org.recxplain.explain.feature.FeatureLimeExplainer;
import org.recxplain.explain.feature.LimeRsExplainer;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.fm.FactorizationMachine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code lime} suite of {@code recxplain bench}: factorisation-machine training time (after a one-epoch
 * warm-up run), the latency of one vanilla LIME explanation ({@link FeatureLimeExplainer} with its default
 * configuration: 1,000 samples and 200 held out) of each of the FM's top-k items for a seeded sample of users,
 * and of one LIME-RS explanation ({@link LimeRsExplainer}, default configuration) of each of the implicit-ALS
 * model's top-k items for the same users. A round over up to {@value #WARM_UP_USERS} users warms the JIT up
 * first. Stateless.
 */
final class BenchLime {
    /** Target: p50 of one LIME explanation of an MF-like model, in milliseconds. */
    static final double LIME_P50_MS = 10;
    static final int WARM_UP_USERS = 20;

    private BenchLime() {
    }

    /**
     * The measurements.
     *
     * @param fmFactors      FM factors
     * @param fmEpochs       FM epochs
     * @param fmLearningRate FM SGD step
     * @param fmTrainSeconds FM training time
     * @param fmMaxAbsScore  the largest |score| of the FM for the first users (a sanity check of training)
     * @param sampledUsers   users sampled
     * @param topK           items explained per user and model
     * @param samples        LIME samples
     * @param heldOut        LIME held-out samples
     * @param features       the number of features m of the FM inputs explained
     * @param limeMillis     one LIME explanation of the FM, milliseconds
     * @param alsFactors     ALS factors
     * @param limeRsSamples  LIME-RS neighbourhood items
     * @param limeRsMillis   one LIME-RS explanation of ALS, milliseconds
     */
    record Result(int fmFactors, int fmEpochs, double fmLearningRate, double fmTrainSeconds, double fmMaxAbsScore,
                  int sampledUsers, int topK, int samples,
                  int heldOut, BenchFeatureCounts features, Percentiles limeMillis, int alsFactors, int limeRsSamples,
                  Percentiles limeRsMillis) implements BenchSuiteResult {

        @Override
        public List<BenchTarget> targets() {
            return List.of(
                    BenchTarget.atMost(BenchSuite.LIME, "LIME on FM", "p50", LIME_P50_MS, "ms", limeMillis.p50()),
                    BenchTarget.atMost(BenchSuite.LIME, "LIME-RS on ALS", "p50", LIME_P50_MS, "ms",
                            limeRsMillis.p50()));
        }

        @Override
        public void print(PrintWriter o) {
            List<BenchTarget> t = targets();
            BenchTable.header(o);
            BenchTable.seconds(o, "FM training, 1 thread (s)", fmTrainSeconds);
            BenchTable.row(o, "LIME on FM, " + samples + " samples (ms)", limeMillis, t.get(0));
            BenchTable.row(o, "LIME-RS on ALS, " + limeRsSamples + " items (ms)", limeRsMillis, t.get(1));
            o.println(features.describe());
        }
    }

    static Result run(BenchContext c) {
        PrintWriter o = c.out();
        int k = c.settings().k();
        BenchContext.Trained<FactorizationMachine> fm = c.fm();
        ImplicitAls als = c.als();
        int[] sample = c.sampleUsers(BenchSuite.LIME);
        FeatureLimeExplainer lime = new FeatureLimeExplainer(fm.model(), FeatureLimeExplainer.Config.defaults(),
                c.settings().seed());
        LimeRsExplainer limeRs = new LimeRsExplainer(als, LimeRsExplainer.Config.defaults(), c.settings().seed());
        o.println("explain   LIME (FM) and LIME-RS (ALS): each of the top " + k + " items of " + sample.length
                + " users drawn with seed " + c.settings().seed());
        o.println("warm-up   a round over " + Math.min(WARM_UP_USERS, sample.length) + " users (JIT) ...");
        o.flush();
        Timings warm = new Timings();
        time(c, warm, fm.model(), lime, als, limeRs, Arrays.copyOf(sample, Math.min(WARM_UP_USERS, sample.length)),
                k);
        Timings t = new Timings();
        time(c, t, fm.model(), lime, als, limeRs, sample, k);
        return new Result(fm.model().factors(), fm.model().config().epochs(), fm.model().config().learningRate(),
                fm.trainSeconds(), fm.maxAbsScore(), sample.length, k,
                lime.config().samples(), lime.config().heldOut(), t.features.summary(), t.lime.percentiles(),
                als.factors(), limeRs.config().samples(), t.limeRs.percentiles());
    }

    /** The series of one round. */
    private static final class Timings {
        final BenchTimes lime = new BenchTimes();
        final BenchTimes limeRs = new BenchTimes();
        final BenchFeatureCounts.Counter features = new BenchFeatureCounts.Counter();
    }

    private static void time(BenchContext c, Timings t, FactorizationMachine fm, FeatureLimeExplainer lime,
                             ImplicitAls als, LimeRsExplainer limeRs, int[] users, int k) {
        for (int u : users) {
            for (int item : BenchContext.topItems(fm, u, k)) {
                t.features.add(fm, u, item);
                long t0 = System.nanoTime();
                Explanation e = lime.explain(u, item);
                t.lime.since(t0);
                c.consume(e.attributions().size());
            }
            for (int item : BenchContext.topItems(als, u, k)) {
                long t0 = System.nanoTime();
                Explanation e = limeRs.explain(u, item);
                t.limeRs.since(t0);
                c.consume(e.attributions().size());
            }
        }
    }
}

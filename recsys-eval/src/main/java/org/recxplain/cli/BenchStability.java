package org.recxplain.cli;

import org.recxplain.explain.Explanation;
import org.recxplain.explain.feature.FeatureLimeExplainer;
import org.recxplain.explain.feature.LimeResult;
import org.recxplain.explain.feature.LimeSampling;
import org.recxplain.explain.feature.StabilityCheck;
import org.recxplain.model.fm.FactorizationMachine;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code stability} suite of {@code recxplain bench}: how much the top features of LIME on a
 * factorisation machine change with the explainer's seed, stabilised ({@code lime-stable}) against vanilla
 * ({@code lime}) LIME at the same budget. Each sampled user's top-1 FM item is explained with seeds
 * 0..runs-1 for every budget; per pair the VSI (Visani et al.) of the selected features (the explainer's
 * top {@value #VSI_K}, its default) and the Jaccard index of the top {@value #JACCARD_K} are averaged over
 * pairs of seeds ({@link StabilityCheck#vsi}, {@link StabilityCheck#jaccard}), then over the pairs. Also
 * reports the number of features m of the inputs (the stabiliser is exact only while m is small for the
 * budget; a top-5 comparison is trivial when m &le; 5), how the stabiliser drew its perturbations
 * ({@link LimeResult.Design}; both explainers' stability is also given per design, over the same pairs) and
 * the time per explanation (after a warm-up on up to {@value #WARM_UP_PAIRS} pairs). Stateless.
 */
final class BenchStability {
    /** Features compared by VSI: the explainer's default top-k. */
    static final int VSI_K = FeatureLimeExplainer.Config.defaults().topK();
    /** Features compared by the Jaccard index. */
    static final int JACCARD_K = 5;
    /** Target of the stabilised explainer: VSI at least this. */
    static final double VSI_GOAL = 0.90;
    /** Target of the stabilised explainer: Jaccard at least this. */
    static final double JACCARD_GOAL = 0.9;
    static final int WARM_UP_PAIRS = 2;

    private BenchStability() {
    }

    /**
     * The stability of the pairs for which the stabilised explainer uses one design (the design depends only
     * on the number of features and the budget, so it is the same for every seed of a pair).
     *
     * @param pairs   pairs explained with the design
     * @param vsi     their mean VSI of the selected features across seeds
     * @param jaccard their mean Jaccard of the top {@value #JACCARD_K} across seeds
     */
    record DesignStability(int pairs, double vsi, double jaccard) {
    }

    /**
     * One explainer at one budget.
     *
     * @param budget    LIME samples
     * @param explainer {@code lime} or {@code lime-stable}
     * @param vsi       mean VSI of the selected features across seeds
     * @param jaccard   mean Jaccard of the top {@value #JACCARD_K} across seeds
     * @param millis    time per explanation
     * @param byDesign  the same over the pairs grouped by the design the stabilised explainer draws its
     *                  perturbations with at this budget ({@code exhaustive} and {@code emulated}: exact for a
     *                  second-order model; {@code balanced}: sampled), for both explainers, so that they compare
     *                  on the same pairs
     */
    record Row(int budget, String explainer, double vsi, double jaccard, Percentiles millis,
               Map<String, DesignStability> byDesign) {
    }

    /**
     * The measurements.
     *
     * @param fmFactors      FM factors
     * @param fmEpochs       FM epochs
     * @param fmLearningRate FM SGD step
     * @param fmTrainSeconds FM training time
     * @param fmMaxAbsScore  the largest |score| of the FM for the first users (a sanity check of training)
     * @param pairs          (user, top-1 item) pairs explained
     * @param distinctItems  distinct items among them
     * @param runs           seeds per pair
     * @param vsiK           features compared by VSI
     * @param jaccardK       features compared by Jaccard
     * @param features       the number of features m of the pairs
     * @param rows           one per budget and explainer
     */
    record Result(int fmFactors, int fmEpochs, double fmLearningRate, double fmTrainSeconds, double fmMaxAbsScore,
                  int pairs, int distinctItems, int runs,
                  int vsiK, int jaccardK, BenchFeatureCounts features, List<Row> rows) implements BenchSuiteResult {

        @Override
        public List<BenchTarget> targets() {
            List<BenchTarget> t = new ArrayList<>();
            for (Row r : rows) {
                if (r.explainer().equals(FeatureLimeExplainer.STABLE_NAME)) {
                    String what = r.explainer() + ", " + r.budget() + " samples";
                    t.add(BenchTarget.atLeast(BenchSuite.STABILITY, what, "VSI", VSI_GOAL, "", r.vsi()));
                    t.add(BenchTarget.atLeast(BenchSuite.STABILITY, what, "Jaccard@" + jaccardK, JACCARD_GOAL, "",
                            r.jaccard()));
                }
            }
            return t;
        }

        @Override
        public void print(PrintWriter o) {
            BenchTable.header(o);
            BenchTable.seconds(o, "FM training, 1 thread (s)", fmTrainSeconds);
            o.println();
            o.println(pairs + " pairs (" + distinctItems + " distinct items) x " + runs + " seeds; "
                    + features.describe());
            o.println(String.format(Locale.ROOT, "%7s %-12s %7s %10s %10s %10s  %s", "budget", "explainer",
                    "VSI@" + vsiK, "Jaccard@" + jaccardK, "p50 ms", "p95 ms",
                    "pairs by lime-stable's design (VSI, Jaccard)"));
            List<BenchTarget> targets = targets();
            for (Row r : rows) {
                String verdicts = targets.stream()
                        .filter(t -> t.measure().equals(r.explainer() + ", " + r.budget() + " samples"))
                        .map(BenchTarget::verdict).collect(Collectors.joining(", "));
                String designs = r.byDesign().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %d (%.2f, %.2f)", e.getKey(), e.getValue().pairs(),
                                e.getValue().vsi(), e.getValue().jaccard()))
                        .collect(Collectors.joining(", "));
                o.println(String.format(Locale.ROOT, "%7d %-12s %7.3f %10.3f %10.3f %10.3f  %s%s", r.budget(),
                        r.explainer(), r.vsi(), r.jaccard(), r.millis().p50(), r.millis().p95(), designs,
                        verdicts.isEmpty() ? "" : "   " + verdicts));
            }
        }
    }

    static Result run(BenchContext c) {
        PrintWriter o = c.out();
        BenchContext.Trained<FactorizationMachine> trained = c.fm();
        FactorizationMachine fm = trained.model();
        int[] users = c.sampleUsers(BenchSuite.STABILITY);
        int[] items = new int[users.length];
        BenchFeatureCounts.Counter features = new BenchFeatureCounts.Counter();
        for (int p = 0; p < users.length; p++) {
            items[p] = BenchContext.topItems(fm, users[p], 1)[0];
            features.add(fm, users[p], items[p]);
        }
        int runs = c.settings().runs();
        List<Integer> budgets = c.settings().budgets();
        o.println("explain   lime and lime-stable: the top-1 item of " + users.length + " users drawn with seed "
                + c.settings().seed() + ", seeds 0.." + (runs - 1) + ", budgets " + budgets);
        o.println("warm-up   each explainer and budget on " + Math.min(WARM_UP_PAIRS, users.length)
                + " pairs (JIT) ...");
        o.flush();
        FeatureLimeExplainer.Config base = FeatureLimeExplainer.Config.defaults();
        int warm = Math.min(WARM_UP_PAIRS, users.length);
        for (int budget : budgets) {
            for (LimeSampling s : LimeSampling.values()) {
                measure(c, fm, base.withSampling(s).withSamples(budget), Arrays.copyOf(users, warm),
                        Arrays.copyOf(items, warm), 1);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int budget : budgets) {
            // the stabilised run first: its design per pair groups both rows
            Scores stable = measure(c, fm, base.withSampling(LimeSampling.STABLE).withSamples(budget), users, items,
                    runs);
            Scores vanilla = measure(c, fm, base.withSampling(LimeSampling.RANDOM).withSamples(budget), users, items,
                    runs);
            rows.add(vanilla.row(budget, FeatureLimeExplainer.NAME, stable.design));
            rows.add(stable.row(budget, FeatureLimeExplainer.STABLE_NAME, stable.design));
        }
        return new Result(fm.factors(), fm.config().epochs(), fm.config().learningRate(), trained.trainSeconds(),
                trained.maxAbsScore(), users.length,
                (int) Arrays.stream(items).distinct().count(), runs, VSI_K, JACCARD_K, features.summary(), rows);
    }

    /**
     * Per pair: the mean VSI and Jaccard across seeds and the design of the perturbations; and the time of
     * every explanation.
     */
    private record Scores(double[] vsi, double[] jaccard, String[] design, BenchTimes times) {

        /** The row of these scores, the pairs grouped by {@code groups} (a design per pair). */
        Row row(int budget, String explainer, String[] groups) {
            Map<String, DesignStability> byDesign = new TreeMap<>();
            for (String d : new TreeSet<>(Arrays.asList(groups))) {
                int[] pairs = IntStream.range(0, groups.length).filter(p -> groups[p].equals(d)).toArray();
                byDesign.put(d, new DesignStability(pairs.length, mean(vsi, pairs), mean(jaccard, pairs)));
            }
            int[] all = IntStream.range(0, vsi.length).toArray();
            return new Row(budget, explainer, mean(vsi, all), mean(jaccard, all), times.percentiles(), byDesign);
        }
    }

    /** Explains every pair with seeds 0..runs-1 and measures the agreement of the seeds. */
    private static Scores measure(BenchContext c, FactorizationMachine fm, FeatureLimeExplainer.Config config,
                                  int[] users, int[] items, int runs) {
        List<List<Set<String>>> selected = new ArrayList<>();
        List<List<Set<String>>> top = new ArrayList<>();
        for (int p = 0; p < users.length; p++) {
            selected.add(new ArrayList<>());
            top.add(new ArrayList<>());
        }
        String[] design = new String[users.length];
        BenchTimes times = new BenchTimes();
        for (int seed = 0; seed < runs; seed++) {
            FeatureLimeExplainer explainer = new FeatureLimeExplainer(fm, config, seed);
            for (int p = 0; p < users.length; p++) {
                long t0 = System.nanoTime();
                LimeResult r = explainer.explainWithDiagnostics(users[p], items[p]);
                times.since(t0);
                Explanation e = r.explanation();
                c.consume(e.attributions().size());
                selected.get(p).add(StabilityCheck.topIds(e, config.topK()));
                top.get(p).add(StabilityCheck.topIds(e, JACCARD_K));
                design[p] = r.design().name().toLowerCase(Locale.ROOT);
            }
        }
        return new Scores(selected.stream().mapToDouble(StabilityCheck::vsi).toArray(),
                top.stream().mapToDouble(StabilityCheck::jaccard).toArray(), design, times);
    }

    /** The mean of {@code values} at {@code positions}. */
    private static double mean(double[] values, int[] positions) {
        return Arrays.stream(positions).mapToDouble(p -> values[p]).average().orElse(Double.NaN);
    }
}

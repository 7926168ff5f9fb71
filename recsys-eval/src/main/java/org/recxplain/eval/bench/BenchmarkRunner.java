package org.recxplain.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.recxplain.data.Dataset;
import org.recxplain.data.ImplicitFeedback;
import org.recxplain.data.Row;
import org.recxplain.data.Sampling;
import org.recxplain.data.io.DataSources;
import org.recxplain.data.io.LoadOptions;
import org.recxplain.eval.fidelity.RemovalProtocol;
import org.recxplain.eval.metrics.CorrelationMetric;
import org.recxplain.eval.metrics.RemovalCurve;
import org.recxplain.eval.metrics.ScorePair;
import org.recxplain.eval.metrics.Stability;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explainers;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.ExplanationText;
import org.recxplain.explain.feature.FeatureAttributions;
import org.recxplain.explain.feature.FeatureLimeExplainer;
import org.recxplain.explain.feature.LimeResult;
import org.recxplain.explain.feature.LimeRsExplainer;
import org.recxplain.model.FeatureRecommender;
import org.recxplain.model.FoldIn;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.Models;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;
import org.recxplain.model.als.ImplicitAls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs a {@link BenchConfig}: for every data set, model, explainer and seed (a cell), explains each sampled
 * user's top-1 item and measures fidelity by removal (POS, DEL, INS, CDCG and their NEG variants),
 * stability (across explainer seeds, under a one-interaction perturbation, across retrains), counterfactual
 * validity (by refit, and on a sample by retraining the whole model), agreement of weights with actual
 * removal effects, and cost. Each cell's raw observations go to {@code cells/NAME.json}; a cell whose file
 * exists is not recomputed, so an interrupted run resumes. Then {@link BenchResults} aggregates all cells.
 *
 * <p>Targets are processed in parallel; every observation except timing depends only on the cell and the
 * target, so parallel and sequential runs give identical results.
 *
 * <p>Thread-safety: one runner runs one benchmark at a time.
 */
public final class BenchmarkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);
    private static final int REMOVAL_CHECKS = 10;

    /** Receives progress: cells done out of the total, and what is running. */
    @FunctionalInterface
    public interface Listener {
        Listener QUIET = (done, total, what) -> { };

        void progress(int done, int total, String what);
    }

    private final BenchConfig config;
    private final Path out;
    private final int threads;
    private final Listener listener;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param out     the output folder (created if needed)
     * @param threads worker threads for the targets of a cell (1: sequential)
     */
    public BenchmarkRunner(BenchConfig config, Path out, int threads, Listener listener) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.config = config;
        this.out = out;
        this.threads = threads;
        this.listener = listener;
    }

    /** Runs (or resumes) the benchmark and writes results.csv, results.json and report.html. */
    public BenchResults run() throws IOException {
        Path cells = out.resolve("cells");
        Files.createDirectories(cells);
        List<CellResult> results = new ArrayList<>();
        Map<String, Dataset> examplesData = new HashMap<>();
        int total = config.datasets().size() * config.models().size() * config.explainers().size()
                * config.seeds().size();
        int done = 0;
        for (BenchConfig.DataSpec ds : config.datasets()) {
            Dataset data = load(ds);
            examplesData.put(ds.label(), data);
            int[] users = sampleUsers(data);
            for (BenchConfig.ModelEntry me : config.models()) {
                ModelSpec spec = me.spec();
                Map<Long, Trained> models = new HashMap<>();
                for (String explainer : config.explainers()) {
                    for (int s = 0; s < config.seeds().size(); s++) {
                        long seed = config.seeds().get(s);
                        String file = CellResult.fileName(ds.label(), spec.label(), explainer, seed, config.protocolKey());
                        Path cellFile = cells.resolve(file);
                        listener.progress(done, total, ds.label() + " / " + spec.label() + " / " + explainer
                                + " / seed " + seed);
                        CellResult cell;
                        if (Files.isRegularFile(cellFile)) {
                            cell = mapper.readValue(cellFile.toFile(), CellResult.class);
                            LOG.info("resumed {}", file);
                        } else {
                            long next = config.seeds().get((s + 1) % config.seeds().size());
                            Trained m = models.computeIfAbsent(seed, x -> train(spec, data, x));
                            Trained r = next == seed ? null : models.computeIfAbsent(next, x -> train(spec, data, x));
                            cell = measure(ds.label(), spec, explainer, seed, data, m, r, users);
                            Path tmp = cells.resolve(file + ".tmp");
                            mapper.writeValue(tmp.toFile(), cell);
                            Files.move(tmp, cellFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                        results.add(cell);
                        done++;
                    }
                }
            }
        }
        listener.progress(done, total, "writing report");
        BenchResults aggregated = BenchResults.aggregate(config, results);
        aggregated.write(out);
        return aggregated;
    }

    private record Trained(Recommender model, double seconds) {
    }

    private static Trained train(ModelSpec spec, Dataset data, long seed) {
        long t0 = System.nanoTime();
        Recommender m = Models.train(spec, data, seed);
        return new Trained(m, (System.nanoTime() - t0) / 1e9);
    }

    static Dataset load(BenchConfig.DataSpec ds) {
        Dataset d = DataSources.open(ds.data(), ds.format(), LoadOptions.defaults());
        return ds.implicitThreshold() > 0 ? new ImplicitFeedback(ds.implicitThreshold(), false).apply(d) : d;
    }

    /** Users with a history, all of them or a seeded sample, ascending. */
    int[] sampleUsers(Dataset data) {
        int[] sample = Sampling.usersWithHistory(data.interactions(), config.users(), config.seeds().get(0));
        Arrays.sort(sample);
        return sample;
    }

    /** Per-target observations, computed independently so that targets can run in any order. */
    private record Obs(CellResult.TargetObs target, CellResult.Curve curve, CellResult.Curve neg, long latency,
                       double seedJ, double perturbJ, double retrainJ, double spearman, double cfVerified,
                       int[] cfRemoved, double necessary, double sufficient, double r2, double seedKendall,
                       double seedVsi, double[] removalPairs, Explanation explanation, double calls) {
    }

    private CellResult measure(String dataset, ModelSpec spec, String name, long seed, Dataset data, Trained trained,
                               Trained retrained, int[] users) {
        Recommender model = trained.model();
        // black-box explainers run on a counting wrapper; those that read the model's internals refuse it
        CountingModels.Counted counted = CountingModels.wrap(model);
        Explainer explainer;
        try {
            explainer = Explainers.byName(name, counted, seed);
        } catch (IllegalArgumentException notBlackBox) {
            counted = null;
            try {
                explainer = Explainers.byName(name, model, seed);
            } catch (IllegalArgumentException e) {
                return empty(dataset, spec, name, seed, "not measured: " + e.getMessage(), trained.seconds());
            }
        }
        resetPeakHeap();
        Explainer otherSeed = Explainers.byName(name, model, seed + 7919);
        Explainer retrain = retrained == null ? null : Explainers.byName(name, retrained.model(), seed);
        int k = config.stabilityK();
        RemovalProtocol protocol = model instanceof FoldIn f ? new RemovalProtocol(f, config.maxKe()) : null;
        Obs[] obs = new Obs[users.length];
        CountingModels.Counted calls = counted;
        Explainer measured = explainer;
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, users.length).parallel().forEach(p ->
                    obs[p] = observe(model, measured, calls, otherSeed, retrain, protocol, name, seed, users[p], k)))
                    .join();
        } finally {
            pool.shutdown();
        }
        List<CellResult.TargetObs> targets = new ArrayList<>();
        List<CellResult.Curve> curves = new ArrayList<>();
        List<CellResult.Curve> negs = new ArrayList<>();
        long[] latency = new long[obs.length];
        double[] seedJ = new double[obs.length];
        double[] perturbJ = new double[obs.length];
        double[] retrainJ = new double[obs.length];
        double[] spearman = new double[obs.length];
        double[] necessary = new double[obs.length];
        double[] sufficient = new double[obs.length];
        double[] r2 = new double[obs.length];
        double[] seedKendall = new double[obs.length];
        double[] seedVsi = new double[obs.length];
        double[] modelCalls = new double[obs.length];
        it.unimi.dsi.fastutil.doubles.DoubleArrayList removalPairs = new it.unimi.dsi.fastutil.doubles.DoubleArrayList();
        it.unimi.dsi.fastutil.doubles.DoubleArrayList retrainPairs = new it.unimi.dsi.fastutil.doubles.DoubleArrayList();
        List<Double> verified = new ArrayList<>();
        List<Double> retrainValid = new ArrayList<>();
        for (int p = 0; p < obs.length; p++) {
            Obs o = obs[p];
            targets.add(o.target());
            curves.add(o.curve());
            negs.add(o.neg());
            latency[p] = o.latency();
            seedJ[p] = o.seedJ();
            perturbJ[p] = o.perturbJ();
            retrainJ[p] = o.retrainJ();
            spearman[p] = o.spearman();
            necessary[p] = o.necessary();
            sufficient[p] = o.sufficient();
            r2[p] = o.r2();
            seedKendall[p] = o.seedKendall();
            seedVsi[p] = o.seedVsi();
            modelCalls[p] = o.calls();
            removalPairs.addElements(removalPairs.size(), o.removalPairs());
            if (retrainPairs.size() < 2 * config.retrainChecks()) {
                retrainPairs.addElements(retrainPairs.size(), influenceRetrain(spec, data, seed, o.explanation()));
            }
            if (!Double.isNaN(o.cfVerified())) {
                verified.add(o.cfVerified());
                if (retrainValid.size() < config.retrainChecks()) {
                    retrainValid.add(retrainCheck(spec, data, seed, users[p],
                            data.interactions().items().index(o.target().item()), o.cfRemoved()));
                }
            }
        }
        return new CellResult(dataset, spec.label(), name, seed, "ok", targets, curves, negs, latency, seedJ, perturbJ,
                retrainJ, spearman, toArray(verified), toArray(retrainValid), necessary, sufficient, r2, seedKendall, seedVsi,
                removalPairs.toDoubleArray(), retrainPairs.toDoubleArray(), modelCalls, trained.seconds(),
                peakHeapMb());
    }

    private Obs observe(Recommender model, Explainer explainer, CountingModels.Counted counted, Explainer otherSeed,
                        Explainer retrain, RemovalProtocol protocol, String name, long seed, int user, int k) {
        int item = model.recommend(user, 1).get(0).item();
        long calls0 = counted == null ? 0 : counted.calls();
        long t0 = System.nanoTime();
        double r2 = Double.NaN;
        Explanation e;
        if (explainer instanceof FeatureLimeExplainer lime) {
            LimeResult lr = lime.explainWithDiagnostics(user, item);
            e = lr.explanation();
            r2 = lr.fidelityR2();
        } else if (explainer instanceof LimeRsExplainer limeRs) {
            LimeResult lr = limeRs.explainWithDiagnostics(user, item);
            e = lr.explanation();
            r2 = lr.fidelityR2();
        } else {
            e = explainer.explain(user, item);
        }
        long latency = System.nanoTime() - t0;
        double calls = counted == null ? Double.NaN : counted.calls() - calls0;
        int offset = model.data().itemFeatures().numFeatures();
        int[] top = topKeys(e, k, offset);
        List<String> topIds = e.top(k).stream().map(Attribution::id).toList();
        CellResult.TargetObs target = new CellResult.TargetObs(e.target().userId(), e.target().itemId(),
                !e.attributions().isEmpty(), topIds, ExplanationText.sentence(e));
        CellResult.Curve curve = protocol == null ? EMPTY : curve(protocol.curve(e, false));
        CellResult.Curve neg = protocol == null ? EMPTY : curve(protocol.curve(e, true));
        Explanation other = otherSeed.explain(user, item);
        int[] otherTop = topKeys(other, k, offset);
        double seedJ = Stability.jaccard(top, otherTop, k);
        double seedVsi = Stability.vsi(List.of(top, otherTop));
        double seedKendall = kendall(e, other, offset);
        double retrainJ = retrain == null ? Double.NaN
                : Stability.jaccard(top, topKeys(retrain.explain(user, item), k, offset), k);
        double perturbJ = perturbation(model, name, seed, user, item, top, k);
        double[] pairs = model instanceof FoldIn f ? removalPairs(f, e) : new double[0];
        double spearman = agreement(pairs);
        double cfVerified = Double.NaN;
        int[] removed = null;
        if (e.counterfactual().isPresent()) {
            cfVerified = e.counterfactual().get().verified() ? 1 : 0;
            removed = e.counterfactual().get().removed().stream().mapToInt(Attribution::index).toArray();
        }
        double[] ns = model instanceof FeatureRecommender fr ? featureChecks(fr, e) : new double[] {Double.NaN, Double.NaN};
        return new Obs(target, curve, neg, latency, seedJ, perturbJ, retrainJ, spearman, cfVerified, removed, ns[0],
                ns[1], Double.isFinite(r2) ? r2 : Double.NaN, seedKendall, seedVsi, pairs, e, calls);
    }

    /** How many top feature attributions PN/PS switch off or keep, and the rank cutoff they are judged by. */
    private static final int NS_FEATURES = 3;
    private static final int NS_CUTOFF = 10;

    /**
     * CountER's necessity and sufficiency (Tan et al., CIKM 2021) for a feature explanation: with the top
     * {@value #NS_FEATURES} positive feature attributions switched off for this (user, item) input, does the
     * item leave the top {@value #NS_CUTOFF} (PN)? With only them kept, does it stay (PS)? Other items keep
     * their scores. NaN for explanations without feature attributions.
     */
    private static double[] featureChecks(FeatureRecommender model, Explanation e) {
        List<Attribution> top = e.attributions().stream()
                .filter(a -> a.kind() == Attribution.Kind.FEATURE && a.weight() > 0)
                .sorted(java.util.Comparator.comparingDouble(Attribution::weight).reversed()).limit(NS_FEATURES).toList();
        if (top.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int user = e.target().user();
        int item = e.target().item();
        int[] itemFeatures = top.stream().filter(a -> !a.id().startsWith(FeatureAttributions.USER_PREFIX))
                .mapToInt(Attribution::index).toArray();
        int[] userFeatures = top.stream().filter(a -> a.id().startsWith(FeatureAttributions.USER_PREFIX))
                .mapToInt(Attribution::index).toArray();
        Row itemRow = model.itemFeatures().of(item);
        Row userRow = model.userFeatures().of(user);
        Row[] users = {userRow.without(userFeatures), userRow.only(userFeatures)};
        Row[] items = {itemRow.without(itemFeatures), itemRow.only(itemFeatures)};
        float[] changed = new float[2];
        model.scoreWithFeatures(user, users, new int[] {item, item}, items, changed);
        float[] scores = new float[model.numItems()];
        model.scoreAll(user, scores);
        int[] seen = model.data().interactions().userRow(user).indices();
        double[] out = new double[2];
        for (int v = 0; v < 2; v++) {
            scores[item] = changed[v];
            boolean inTop = Rankings.rankOf(scores, item, seen) <= NS_CUTOFF;
            out[v] = v == 0 ? (inTop ? 0 : 1) : (inTop ? 1 : 0);
        }
        return out;
    }

    private static final CellResult.Curve EMPTY = new CellResult.Curve(new int[0], new double[0], new double[0]);

    private static CellResult.Curve curve(java.util.Optional<RemovalCurve> c) {
        return c.map(r -> new CellResult.Curve(r.newRank(), r.del(), r.ins())).orElse(EMPTY);
    }

    /**
     * Jaccard@k of the explanation before and after dropping one random past interaction that it does not
     * name among its top k (the user is refit; implicit ALS only, NaN otherwise).
     */
    private static double perturbation(Recommender model, String name, long seed, int user, int item, int[] top, int k) {
        if (!(model instanceof ImplicitAls als)) {
            return Double.NaN;
        }
        Row h = model.data().interactions().userRow(user);
        int[] candidates = Arrays.stream(h.indices()).filter(i -> Arrays.stream(top).noneMatch(t -> t == i)).toArray();
        if (candidates.length == 0) {
            return Double.NaN;
        }
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + user);
        int drop = candidates[rnd.nextInt(candidates.length)];
        ImplicitAls changed = als.withHistory(user, h.without(drop));
        Explanation e2 = Explainers.byName(name, changed, seed).explain(user, item);
        return Stability.jaccard(top, topKeys(e2, k, model.data().itemFeatures().numFeatures()), k);
    }

    /**
     * For the top interaction attributions, the (weight, actual drop of the target's score when that
     * interaction alone is removed, by fold-in) pairs, flattened.
     */
    private static double[] removalPairs(FoldIn model, Explanation e) {
        List<Attribution> interactions = e.attributions().stream()
                .filter(a -> a.kind() == Attribution.Kind.INTERACTION).limit(REMOVAL_CHECKS).toList();
        Row h = model.data().interactions().userRow(e.target().user());
        int[] item = {e.target().item()};
        float[] after = new float[1];
        double[] pairs = new double[2 * interactions.size()];
        for (int q = 0; q < interactions.size(); q++) {
            Attribution a = interactions.get(q);
            model.scoreFolded(e.target().user(), h.without(a.index()), item, after);
            pairs[2 * q] = a.weight();
            pairs[2 * q + 1] = e.target().score() - after[0];
        }
        return pairs;
    }

    /** Spearman correlation of flattened pairs; NaN with fewer than three pairs or a constant side. */
    private static double agreement(double[] pairs) {
        if (pairs.length < 6) {
            return Double.NaN;
        }
        List<ScorePair> list = new ArrayList<>();
        for (int q = 0; q < pairs.length; q += 2) {
            list.add(new ScorePair(pairs[q], pairs[q + 1]));
        }
        double r = CorrelationMetric.spearman().evaluate(list).r();
        return Double.isFinite(r) ? r : Double.NaN;
    }

    /**
     * The key of an attribution, unique within one explanation: the item index of an interaction, the feature
     * index of an item feature, and {@code userOffset} plus the feature index of a user feature (item and user
     * features are numbered in different dictionaries).
     */
    private static int key(Attribution a, int userOffset) {
        boolean user = a.kind() == Attribution.Kind.FEATURE && a.id().startsWith(FeatureAttributions.USER_PREFIX);
        return user ? userOffset + a.index() : a.index();
    }

    /** The keys of an explanation's k most important attributions. */
    private static int[] topKeys(Explanation e, int k, int userOffset) {
        return e.top(k).stream().mapToInt(a -> key(a, userOffset)).toArray();
    }

    /** Kendall's tau-b of two explanations' weights over the attributions either names (0 where absent). */
    private static double kendall(Explanation a, Explanation b, int userOffset) {
        java.util.Map<Integer, double[]> weights = new java.util.TreeMap<>();
        for (Attribution x : a.attributions()) {
            weights.computeIfAbsent(key(x, userOffset), z -> new double[2])[0] = x.weight();
        }
        for (Attribution x : b.attributions()) {
            weights.computeIfAbsent(key(x, userOffset), z -> new double[2])[1] = x.weight();
        }
        double[] wa = weights.values().stream().mapToDouble(w -> w[0]).toArray();
        double[] wb = weights.values().stream().mapToDouble(w -> w[1]).toArray();
        return Stability.kendallTauB(wa, wb);
    }

    /**
     * For explainers that predict removal effects, retrains the whole model without the top interaction
     * attribution and returns the (predicted, actual) drop of the target's score; empty otherwise.
     */
    private static double[] influenceRetrain(ModelSpec spec, Dataset data, long seed, Explanation e) {
        java.util.Optional<Attribution> top = e.attributions().stream()
                .filter(a -> a.kind() == Attribution.Kind.INTERACTION && a.effect().isPresent()).findFirst();
        if (top.isEmpty()) {
            return new double[0];
        }
        int user = e.target().user();
        Dataset reduced = data.withInteractions(data.interactions().without(user, top.get().index()));
        Recommender m = Models.train(spec, reduced, seed);
        float[] scores = new float[m.numItems()];
        m.scoreAll(user, scores);
        return new double[] {top.get().weight(), e.target().score() - scores[e.target().item()]};
    }

    /** Retrains the whole model without the removed interactions and checks that the item left rank 1. */
    private static double retrainCheck(ModelSpec spec, Dataset data, long seed, int user, int item, int[] removed) {
        Dataset reduced = data.withInteractions(data.interactions().without(user, removed));
        Recommender m = Models.train(spec, reduced, seed);
        float[] scores = new float[m.numItems()];
        m.scoreAll(user, scores);
        return Rankings.rankOf(scores, item, data.interactions().userRow(user).indices()) > 1 ? 1 : 0;
    }

    /** Starts a new peak of the heap memory pools. */
    private static void resetPeakHeap() {
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peak usage since {@link #resetPeakHeap()}, in MB (the whole JVM's heap). */
    private static double peakHeapMb() {
        long bytes = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.isValid()) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1048576.0;
    }

    private CellResult empty(String dataset, ModelSpec spec, String name, long seed, String status, double train) {
        double[] none = new double[0];
        return new CellResult(dataset, spec.label(), name, seed, status, List.of(), List.of(), List.of(), new long[0],
                none, none, none, none, none, none, none, none, none, none, none, none, none, none, train, 0);
    }

    private static double[] toArray(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

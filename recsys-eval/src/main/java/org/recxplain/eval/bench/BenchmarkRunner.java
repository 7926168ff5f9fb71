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
import org.recxplain.model.ModelCatalog;
import org.recxplain.model.neural.NeuralModels;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;
import org.recxplain.model.ExactRemoval;
import org.recxplain.model.als.AlsRemoval;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.mf.BiasedMf;
import org.recxplain.model.mf.MfRemoval;
import org.recxplain.explain.feature.FeatureShapExplainer;
import org.recxplain.explain.feature.InteractionShapExplainer;
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
 * <p>The cells of one data set, model and seed are measured together: targets run in parallel, and each
 * target's explainers share its preparation (top-1 item, the user's exact removals for ALS and MF, the
 * perturbed models, removal curves of equal removal orders); whole-model retrains are shared between the
 * explainers that remove the same set. Explainers whose explanations carry no seed are deterministic and
 * their across-seed stability is not recomputed. Every observation except timing depends only on the cell
 * and the target, so parallel and sequential runs give identical results. CPU time per explainer and phase
 * goes to {@code timings.csv} ({@link PhaseTimes}).
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
    private final PhaseTimes times = new PhaseTimes();

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
        oneNativeThreadPerWorker();
    }

    /**
     * The runner parallelises over targets, so libtorch (NeuMF) gets one intra-op and one inter-op thread per
     * worker instead of one per core in every worker (which oversubscribed the cores: on 2 cores, a NeuMF-only
     * run spent 87 s of its 7.5 minutes in the kernel). Takes effect only if the PyTorch engine is not loaded
     * yet and the properties are not set already (a user's {@code -D} settings win).
     */
    private static void oneNativeThreadPerWorker() {
        for (String p : List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads")) {
            if (System.getProperty(p) == null) {
                System.setProperty(p, "1");
            }
        }
    }

    /** Runs (or resumes) the benchmark and writes results.csv, results.json, report.html and timings.csv. */
    public BenchResults run() throws IOException {
        Path cells = out.resolve("cells");
        Files.createDirectories(cells);
        List<CellResult> results = new ArrayList<>();
        int total = config.cellCount();
        int[] done = {0};
        for (BenchConfig.DataSpec ds : config.datasets()) {
            Dataset data = load(ds);
            for (BenchConfig.ModelEntry me : config.models()) {
                int[] users = sampleUsers(data, config.usersOf(me));
                ModelSpec spec = me.spec();
                List<String> names = config.explainersOf(me);
                CellResult[][] grid = new CellResult[names.size()][config.seeds().size()];
                List<List<String>> todos = new ArrayList<>();
                // the models of the seeds with unfinished cells, and of the seeds after them (the retrains
                // of the stability checks), trained at the same time
                java.util.Set<Long> needed = new java.util.LinkedHashSet<>();
                for (int s = 0; s < config.seeds().size(); s++) {
                    long seed = config.seeds().get(s);
                    List<String> todo = new ArrayList<>();
                    for (int x = 0; x < names.size(); x++) {
                        Path cellFile = cells.resolve(cellFile(ds, me, names.get(x), seed));
                        if (Files.isRegularFile(cellFile)) {
                            grid[x][s] = mapper.readValue(cellFile.toFile(), CellResult.class);
                            LOG.info("resumed {}", cellFile.getFileName());
                            listener.progress(++done[0], total, ds.label() + " / " + spec.label() + " / "
                                    + names.get(x) + " / seed " + seed);
                        } else {
                            todo.add(names.get(x));
                        }
                    }
                    todos.add(todo);
                    if (!todo.isEmpty()) {
                        needed.add(seed);
                        needed.add(config.seeds().get((s + 1) % config.seeds().size()));
                    }
                }
                Map<Long, Trained> models = trainAll(spec, data, needed);
                for (int s = 0; s < config.seeds().size(); s++) {
                    long seed = config.seeds().get(s);
                    List<String> todo = todos.get(s);
                    if (todo.isEmpty()) {
                        continue;
                    }
                    long next = config.seeds().get((s + 1) % config.seeds().size());
                    Trained m = models.get(seed);
                    Trained r = next == seed ? null : models.get(next);
                    Map<String, CellResult> measured = measure(ds.label(), spec, todo, seed, data, m, r, users,
                            (name, cell) -> {
                                write(cells, cellFile(ds, me, name, seed), cell);
                                listener.progress(++done[0], total, ds.label() + " / " + spec.label() + " / "
                                        + name + " / seed " + seed);
                            });
                    for (int x = 0; x < names.size(); x++) {
                        if (grid[x][s] == null) {
                            grid[x][s] = measured.get(names.get(x));
                        }
                    }
                }
                for (CellResult[] row : grid) {
                    results.addAll(List.of(row));
                }
                models.values().forEach(t -> close(t.model()));
            }
        }
        listener.progress(done[0], total, "writing report");
        BenchResults aggregated = BenchResults.aggregate(config, results);
        aggregated.write(out);
        Files.writeString(out.resolve("timings.csv"), times.csv());
        LOG.info("CPU seconds by explainer and phase ({} in all):\n{}", String.format(java.util.Locale.ROOT, "%.1f",
                times.total()), times.csv());
        return aggregated;
    }

    /** The CPU time spent so far, per explainer and phase (also written as {@code timings.csv}). */
    public PhaseTimes times() {
        return times;
    }

    private String cellFile(BenchConfig.DataSpec ds, BenchConfig.ModelEntry model, String explainer, long seed) {
        return CellResult.fileName(ds.label(), model.label(), explainer, seed, config.protocolKey());
    }

    private void write(Path cells, String file, CellResult cell) {
        try {
            Path tmp = cells.resolve(file + ".tmp");
            mapper.writeValue(tmp.toFile(), cell);
            Files.move(tmp, cells.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write benchmark cell " + cells.resolve(file), e);
        }
    }

    /** Every model family of the project, NeuMF included. */
    private static final ModelCatalog MODELS = NeuralModels.catalog();

    /** Frees a model's native memory now (NeuMF) rather than when the garbage collector gets to it. */
    private static void close(Recommender model) {
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("could not close model {}: {}", model.info().id(), e.toString());
            }
        }
    }

    private record Trained(Recommender model, double seconds) {
    }

    /**
     * Trains the models of several seeds at the same time (the benchmark's worker threads); the process CPU of
     * all of them goes to the family's training phase. Each model's seconds are its wall clock, so they
     * include the other trainings' competition for the cores.
     */
    private Map<Long, Trained> trainAll(ModelSpec spec, Dataset data, java.util.Set<Long> seeds) {
        List<Long> list = List.copyOf(seeds);
        Trained[] trained = new Trained[list.size()];
        if (list.isEmpty()) {
            return Map.of();
        }
        long c0 = PhaseTimes.processNow();
        ForkJoinPool pool = new ForkJoinPool(Math.min(threads, list.size()));
        try {
            pool.submit(() -> IntStream.range(0, list.size()).parallel().forEach(i -> {
                long t0 = System.nanoTime();
                Recommender m = MODELS.train(spec, data, list.get(i));
                trained[i] = new Trained(m, (System.nanoTime() - t0) / 1e9);
            })).join();
        } finally {
            pool.shutdown();
        }
        times.addProcess(spec.family() + "/(models)", PhaseTimes.Phase.TRAIN, c0);
        Map<Long, Trained> out = new HashMap<>();
        for (int i = 0; i < trained.length; i++) {
            out.put(list.get(i), trained[i]);
        }
        return out;
    }

    static Dataset load(BenchConfig.DataSpec ds) {
        Dataset d = DataSources.open(ds.data(), ds.format(), LoadOptions.defaults());
        return ds.implicitThreshold() > 0 ? new ImplicitFeedback(ds.implicitThreshold(), false).apply(d) : d;
    }

    /** Positions in {@code users}, the longest training history first (ties by position). */
    private static int[] longestHistoriesFirst(Dataset data, int[] users) {
        return IntStream.range(0, users.length).boxed()
                .sorted(java.util.Comparator.comparingInt((Integer p) -> -data.interactions().userDegree(users[p]))
                        .thenComparingInt(p -> p))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Users with a history, all of them or a seeded sample, ascending. */
    private int[] sampleUsers(Dataset data, int count) {
        int[] sample = Sampling.usersWithHistory(data.interactions(), count, config.seeds().get(0));
        Arrays.sort(sample);
        return sample;
    }

    /** Per-target observations, computed independently so that targets can run in any order. */
    private record Obs(CellResult.TargetObs target, CellResult.Curve curve, CellResult.Curve neg, long latency,
                       double seedJ, double perturbJ, double retrainJ, double spearman, double cfVerified,
                       int[] cfRemoved, double necessary, double sufficient, double r2, double seedKendall,
                       double seedVsi, double[] removalPairs, Explanation explanation, double calls,
                       boolean deterministic) {
    }

    /**
     * One explainer of a cell: the measured explainer (on the counting wrapper when it accepts one), the same
     * explainer with another seed, and on the model retrained with the next seed (null without one).
     */
    private record Measured(String name, String timing, Explainer explainer, CountingModels.Counted counted,
                            Explainer otherSeed, Explainer retrain) {
    }

    /**
     * What the explainers of one target share: the top-1 item, the exact removals of the user (ALS and MF),
     * each history entry's single-removal score of the item, the perturbed models (by dropped item) and the
     * removal curves (by removal order).
     */
    private static final class Shared {
        final int user;
        final int item;
        final ExactRemoval exact;
        final double[] singles;
        final int[] perturbOrder;
        final Map<Integer, ImplicitAls> perturbed = new HashMap<>();
        final Map<List<Long>, CellResult.Curve> curves = new HashMap<>();

        Shared(Recommender model, long seed, int user) {
            this.user = user;
            this.item = model.recommend(user, 1).get(0).item();
            this.exact = model instanceof ImplicitAls als ? new AlsRemoval(als, user)
                    : model instanceof BiasedMf mf ? new MfRemoval(mf, user) : null;
            this.singles = exact == null ? null : exact.scoresAfterSingleRemovals(item);
            int[] h = model.data().interactions().userRow(user).indices();
            this.perturbOrder = model instanceof ImplicitAls
                    ? Sampling.permutation(h.length, new SplittableRandom(seed * 1_000_003L + user)) : null;
        }
    }

    /**
     * Measures the cells of the given explainers on one model and seed: the targets run in parallel, and each
     * target's explainers share its preparation ({@link Shared}). Each finished cell goes to {@code sink}.
     */
    private Map<String, CellResult> measure(String dataset, ModelSpec spec, List<String> names, long seed,
                                            Dataset data, Trained trained, Trained retrained, int[] users,
                                            java.util.function.BiConsumer<String, CellResult> sink) {
        Recommender model = trained.model();
        Map<String, CellResult> cells = new HashMap<>();
        List<Measured> measured = new ArrayList<>();
        for (String name : names) {
            // black-box explainers run on a counting wrapper; those that read the model's internals refuse it
            CountingModels.Counted counted = CountingModels.wrap(model);
            Explainer explainer;
            try {
                explainer = closedForm(explainer(name, model, seed)) ? null : explainer(name, counted, seed);
            } catch (IllegalArgumentException notBlackBox) {
                explainer = null;
            }
            if (explainer == null) {
                counted = null;
                try {
                    explainer = explainer(name, model, seed);
                } catch (IllegalArgumentException e) {
                    CellResult cell = empty(dataset, spec, name, seed, "not measured: " + e.getMessage(),
                            trained.seconds());
                    cells.put(name, cell);
                    sink.accept(name, cell);
                    continue;
                }
            }
            measured.add(new Measured(name, spec.family() + "/" + name, explainer, counted, explainer(name, model, seed + 7919),
                    retrained == null ? null : explainer(name, retrained.model(), seed)));
        }
        if (measured.isEmpty()) {
            return cells;
        }
        resetPeakHeap();
        int k = config.stabilityK();
        RemovalProtocol protocol = model instanceof FoldIn f ? new RemovalProtocol(f, config.maxKe()) : null;
        Obs[][] obs = new Obs[measured.size()][users.length];
        // the longest histories first, each worker taking the next target: the run's tail is one short
        // history, not a stream chunk that happens to hold the heavy users while the other core idles
        int[] order = longestHistoriesFirst(data, users);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, threads).parallel().forEach(worker -> {
                for (int q = next.getAndIncrement(); q < order.length; q = next.getAndIncrement()) {
                    int p = order[q];
                    long c = PhaseTimes.now();
                    Shared shared = new Shared(model, seed, users[p]);
                    times.add("(shared)", PhaseTimes.Phase.PREPARE, c);
                    for (int x = 0; x < measured.size(); x++) {
                        obs[x][p] = observe(model, measured.get(x), protocol, shared, seed, k);
                    }
                }
            })).join();
        } finally {
            pool.shutdown();
        }
        double heap = peakHeapMb();
        Map<List<Integer>, double[]> retrains = new java.util.concurrent.ConcurrentHashMap<>();
        for (int x = 0; x < measured.size(); x++) {
            String name = measured.get(x).name();
            CellResult cell = cell(dataset, spec, name, seed, data, trained, users, obs[x], retrains, heap);
            cells.put(name, cell);
            sink.accept(name, cell);
        }
        return cells;
    }

    /**
     * An explainer by name ({@link Explainers#byName}), with the configuration's KernelSHAP budget for the
     * KernelSHAP explainers when it sets one.
     */
    private Explainer explainer(String name, Recommender model, long seed) {
        int budget = config.shapBudget();
        if (budget > 0 && name.equals(InteractionShapExplainer.NAME) && model instanceof FoldIn f) {
            return new InteractionShapExplainer(f, budget, seed);
        }
        if (budget > 0 && name.equals(FeatureShapExplainer.NAME) && model instanceof FeatureRecommender fr) {
            return new FeatureShapExplainer(fr, budget, seed);
        }
        return Explainers.byName(name, model, seed);
    }

    /**
     * Whether an explainer reads the model in closed form although it would also accept a black box (KernelSHAP
     * over interactions evaluates implicit ALS coalitions exactly by Woodbury): it is measured on the model
     * itself, without a model-call count.
     */
    private static boolean closedForm(Explainer explainer) {
        return explainer instanceof InteractionShapExplainer shap && shap.closedForm();
    }

    /** Assembles a cell from its targets' observations, running its whole-model retrain checks. */
    private CellResult cell(String dataset, ModelSpec spec, String name, long seed, Dataset data, Trained trained,
                            int[] users, Obs[] obs, Map<List<Integer>, double[]> retrains, double heap) {
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
        long prefetch = PhaseTimes.processNow();
        boolean[][] checked = retrainChecked(obs);
        prefetchRetrains(spec, data, seed, users, obs, checked, retrains);
        times.addProcess(spec.family() + "/" + name, PhaseTimes.Phase.RETRAIN_CHECKS, prefetch);
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
            long c0 = PhaseTimes.processNow();
            if (checked[0][p]) {
                retrainPairs.addElements(retrainPairs.size(), influenceRetrain(spec, data, seed, o.explanation(),
                        retrains));
            }
            if (!Double.isNaN(o.cfVerified())) {
                verified.add(o.cfVerified());
                if (checked[1][p]) {
                    retrainValid.add(retrainCheck(spec, data, seed, users[p],
                            data.interactions().items().index(o.target().item()), o.cfRemoved(), retrains));
                }
            }
            times.addProcess(spec.family() + "/" + name, PhaseTimes.Phase.RETRAIN_CHECKS, c0);
        }
        boolean deterministic = obs.length > 0 && java.util.Arrays.stream(obs).allMatch(Obs::deterministic);
        return new CellResult(dataset, spec.label(), name, seed, "ok", deterministic, targets, curves, negs, latency, seedJ, perturbJ,
                retrainJ, spearman, toArray(verified), toArray(retrainValid), necessary, sufficient, r2, seedKendall, seedVsi,
                removalPairs.toDoubleArray(), retrainPairs.toDoubleArray(), modelCalls, trained.seconds(), heap);
    }


    private Obs observe(Recommender model, Measured m, RemovalProtocol protocol, Shared shared, long seed, int k) {
        String name = m.timing();
        int user = shared.user;
        int item = shared.item;
        CountingModels.Counted counted = m.counted();
        long c = PhaseTimes.now();
        long calls0 = counted == null ? 0 : counted.calls();
        long t0 = System.nanoTime();
        double r2 = Double.NaN;
        Explanation e;
        if (m.explainer() instanceof FeatureLimeExplainer lime) {
            LimeResult lr = lime.explainWithDiagnostics(user, item);
            e = lr.explanation();
            r2 = lr.fidelityR2();
        } else if (m.explainer() instanceof LimeRsExplainer limeRs) {
            LimeResult lr = limeRs.explainWithDiagnostics(user, item);
            e = lr.explanation();
            r2 = lr.fidelityR2();
        } else {
            e = m.explainer().explain(user, item);
        }
        long latency = System.nanoTime() - t0;
        c = times.add(name, PhaseTimes.Phase.EXPLAIN, c);
        double calls = counted == null ? Double.NaN : counted.calls() - calls0;
        int offset = model.data().itemFeatures().numFeatures();
        int[] top = topKeys(e, k, offset);
        List<String> topIds = e.top(k).stream().map(Attribution::id).toList();
        CellResult.TargetObs target = new CellResult.TargetObs(e.target().userId(), e.target().itemId(),
                !e.attributions().isEmpty(), topIds, ExplanationText.sentence(e));
        // the refits of the top attributions' single removals join the curves' batch of refits
        List<Attribution> checked = removalChecks(e);
        Row[] singles = model instanceof FoldIn && shared.singles == null ? singleRemovals(model, e, checked)
                : new Row[0];
        float[][] singleScores = new float[singles.length][model.numItems()];
        CellResult.Curve[] both = protocol == null ? new CellResult.Curve[] {EMPTY, EMPTY}
                : curves(protocol, shared, e, singles, singleScores);
        CellResult.Curve curve = both[0];
        CellResult.Curve neg = both[1];
        c = times.add(name, PhaseTimes.Phase.CURVES, c);
        // a deterministic explainer (no seed in its provenance) gives the same answer for every seed: its
        // across-seed stability is 1 by construction and is not measured
        boolean deterministic = seed != 0 && e.provenance().seed() == 0;
        double seedJ = Double.NaN;
        double seedVsi = Double.NaN;
        double seedKendall = Double.NaN;
        if (!deterministic) {
            Explanation other = m.otherSeed().explain(user, item);
            int[] otherTop = topKeys(other, k, offset);
            seedJ = Stability.jaccard(top, otherTop, k);
            seedVsi = Stability.vsi(List.of(top, otherTop));
            seedKendall = kendall(e, other, offset);
        }
        c = times.add(name, PhaseTimes.Phase.SEED_STABILITY, c);
        double retrainJ = m.retrain() == null ? Double.NaN
                : Stability.jaccard(top, topKeys(m.retrain().explain(user, item), k, offset), k);
        c = times.add(name, PhaseTimes.Phase.RETRAIN_STABILITY, c);
        double perturbJ = perturbation(model, shared, m.name(), seed, top, k);
        c = times.add(name, PhaseTimes.Phase.PERTURBATION, c);
        double[] pairs = removalPairs(model, shared, e, checked, singles.length > 0 ? singleScores : null);
        double spearman = agreement(pairs);
        c = times.add(name, PhaseTimes.Phase.REMOVAL_PAIRS, c);
        double cfVerified = Double.NaN;
        int[] removed = null;
        if (e.counterfactual().isPresent()) {
            cfVerified = e.counterfactual().get().verified() ? 1 : 0;
            removed = e.counterfactual().get().removed().stream().mapToInt(Attribution::index).toArray();
        }
        double[] ns = model instanceof FeatureRecommender fr ? featureChecks(fr, e) : new double[] {Double.NaN, Double.NaN};
        times.add(name, PhaseTimes.Phase.FEATURE_CHECKS, c);
        return new Obs(target, curve, neg, latency, seedJ, perturbJ, retrainJ, spearman, cfVerified, removed, ns[0],
                ns[1], Double.isFinite(r2) ? r2 : Double.NaN, seedKendall, seedVsi, pairs, e, calls, deterministic);
    }

    /**
     * The removal curve and its NEG variant, shared between the target's explainers that remove in the same
     * order; the curves not known yet are computed together (their refits in one batch).
     */
    private CellResult.Curve[] curves(RemovalProtocol protocol, Shared shared, Explanation e, Row[] extra,
                                      float[][] extraScores) {
        int[][] orders = {RemovalProtocol.removalOrder(e, false), RemovalProtocol.removalOrder(e, true)};
        CellResult.Curve[] out = new CellResult.Curve[2];
        List<List<Long>> keys = new ArrayList<>();
        List<int[]> missing = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            // the curve is normalised by the explanation's target score, which explainers may give in float or
            // double precision: it is part of the key
            List<Long> key = new ArrayList<>();
            key.add(Double.doubleToLongBits(e.target().score()));
            for (int q = 0; q < Math.min(orders[c].length, config.maxKe()); q++) {
                key.add((long) orders[c][q]);
            }
            keys.add(key);
            out[c] = shared.curves.get(key);
            boolean sameAsFirst = c == 1 && key.equals(keys.get(0));
            if (out[c] == null && !(sameAsFirst && !at.isEmpty())) {
                missing.add(orders[c]);
                at.add(c);
            }
        }
        if (!missing.isEmpty() || extra.length > 0) {
            List<java.util.Optional<RemovalCurve>> computed = protocol.curves(shared.user, shared.item,
                    e.target().score(), missing, shared.exact, extra, extraScores);
            for (int q = 0; q < missing.size(); q++) {
                shared.curves.put(keys.get(at.get(q)), curve(computed.get(q)));
            }
        }
        for (int c = 0; c < 2; c++) {
            out[c] = shared.curves.get(keys.get(c));
        }
        return out;
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
     * name among its top k: the first such entry of a seeded permutation of the history, so a uniform draw
     * among those entries (the user is refit; implicit ALS only, NaN otherwise). Explainers of the target
     * that drop the same entry share the refit model.
     */
    private double perturbation(Recommender model, Shared shared, String name, long seed, int[] top, int k) {
        if (!(model instanceof ImplicitAls als)) {
            return Double.NaN;
        }
        Row h = model.data().interactions().userRow(shared.user);
        int drop = -1;
        for (int p : shared.perturbOrder) {
            int candidate = h.indices()[p];
            if (Arrays.stream(top).noneMatch(t -> t == candidate)) {
                drop = candidate;
                break;
            }
        }
        if (drop < 0) {
            return Double.NaN;
        }
        int dropped = drop;
        ImplicitAls changed = shared.perturbed.computeIfAbsent(dropped,
                d -> als.withHistory(shared.user, h.without(d)));
        Explanation e2 = explainer(name, changed, seed).explain(shared.user, shared.item);
        return Stability.jaccard(top, topKeys(e2, k, model.data().itemFeatures().numFeatures()), k);
    }

    /** The interaction attributions whose single removals are checked: the first {@value #REMOVAL_CHECKS}. */
    private static List<Attribution> removalChecks(Explanation e) {
        return e.attributions().stream().filter(a -> a.kind() == Attribution.Kind.INTERACTION)
                .limit(REMOVAL_CHECKS).toList();
    }

    /** The histories without each checked attribution's interaction. */
    private static Row[] singleRemovals(Recommender model, Explanation e, List<Attribution> checked) {
        Row h = model.data().interactions().userRow(e.target().user());
        return checked.stream().map(a -> h.without(a.index())).toArray(Row[]::new);
    }

    /**
     * For the checked interaction attributions, the (weight, actual drop of the target's score when that
     * interaction alone is removed) pairs, flattened: by exact downdate for ALS and MF ({@code shared.singles}),
     * from the fold-in scores {@code refits} of {@link #singleRemovals} for other fold-in models, none for the
     * rest.
     */
    private static double[] removalPairs(Recommender model, Shared shared, Explanation e, List<Attribution> checked,
                                         float[][] refits) {
        if (!(model instanceof FoldIn) || (shared.singles == null && refits == null)) {
            return new double[0];
        }
        Row h = model.data().interactions().userRow(e.target().user());
        double[] pairs = new double[2 * checked.size()];
        for (int q = 0; q < checked.size(); q++) {
            Attribution a = checked.get(q);
            double score = shared.singles != null ? (float) shared.singles[h.find(a.index())]
                    : refits[q][e.target().item()];
            pairs[2 * q] = a.weight();
            pairs[2 * q + 1] = e.target().score() - score;
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
    /**
     * Which targets get whole-model retrain checks: {@code [0][p]} the influence check (the first
     * {@code retrainChecks} targets whose explanation has a top interaction with an effect), {@code [1][p]} the
     * counterfactual validity check (the first {@code retrainChecks} targets with a counterfactual).
     */
    private boolean[][] retrainChecked(Obs[] obs) {
        boolean[][] checked = new boolean[2][obs.length];
        int influence = 0;
        int validity = 0;
        for (int p = 0; p < obs.length; p++) {
            if (influence < config.retrainChecks() && topInteraction(obs[p].explanation()).isPresent()) {
                checked[0][p] = true;
                influence++;
            }
            if (validity < config.retrainChecks() && !Double.isNaN(obs[p].cfVerified())) {
                checked[1][p] = true;
                validity++;
            }
        }
        return checked;
    }

    /**
     * Trains, in parallel, the whole-model retrains of the {@link #retrainChecked} targets, so that
     * {@link #cell}'s sequential checks find them done.
     */
    private void prefetchRetrains(ModelSpec spec, Dataset data, long seed, int[] users, Obs[] obs,
                                  boolean[][] checked, Map<List<Integer>, double[]> retrains) {
        List<int[]> jobs = new ArrayList<>();
        for (int p = 0; p < obs.length; p++) {
            if (checked[0][p]) {
                jobs.add(new int[] {users[p], topInteraction(obs[p].explanation()).orElseThrow().index()});
            }
            if (checked[1][p]) {
                int[] job = new int[obs[p].cfRemoved().length + 1];
                job[0] = users[p];
                System.arraycopy(obs[p].cfRemoved(), 0, job, 1, obs[p].cfRemoved().length);
                jobs.add(job);
            }
        }
        if (jobs.size() < 2) {
            return;   // nothing to overlap
        }
        ForkJoinPool pool = new ForkJoinPool(Math.min(threads, jobs.size()));
        try {
            pool.submit(() -> jobs.parallelStream().forEach(j -> retrainedScores(spec, data, seed, j[0],
                    Arrays.copyOfRange(j, 1, j.length), retrains))).join();
        } finally {
            pool.shutdown();
        }
    }

    /** The explanation's first interaction attribution that carries an effect (the influence checks' subject). */
    private static java.util.Optional<Attribution> topInteraction(Explanation e) {
        return e.attributions().stream()
                .filter(a -> a.kind() == Attribution.Kind.INTERACTION && a.effect().isPresent()).findFirst();
    }

    private static double[] influenceRetrain(ModelSpec spec, Dataset data, long seed, Explanation e,
                                             Map<List<Integer>, double[]> retrains) {
        java.util.Optional<Attribution> top = topInteraction(e);
        if (top.isEmpty()) {
            return new double[0];
        }
        int user = e.target().user();
        float[] scores = retrainedScores(spec, data, seed, user, new int[] {top.get().index()}, retrains);
        return new double[] {top.get().weight(), e.target().score() - scores[e.target().item()]};
    }

    /** Retrains the whole model without the removed interactions and checks that the item left rank 1. */
    private static double retrainCheck(ModelSpec spec, Dataset data, long seed, int user, int item, int[] removed,
                                       Map<List<Integer>, double[]> retrains) {
        float[] scores = retrainedScores(spec, data, seed, user, removed, retrains);
        return Rankings.rankOf(scores, item, data.interactions().userRow(user).indices()) > 1 ? 1 : 0;
    }

    /**
     * The user's scores from the whole model retrained with {@code seed} without the user's {@code removed}
     * interactions; retrains are shared between the explainers of a cell group that remove the same set.
     */
    private static float[] retrainedScores(ModelSpec spec, Dataset data, long seed, int user, int[] removed,
                                           Map<List<Integer>, double[]> retrains) {
        List<Integer> key = new ArrayList<>();
        key.add(user);
        Arrays.stream(removed).sorted().forEach(key::add);
        double[] known = retrains.get(key);
        if (known == null) {
            // trained outside the map's lock: retrains of other keys may run at the same time
            Dataset reduced = data.withInteractions(data.interactions().without(user, removed));
            Recommender m = MODELS.train(spec, reduced, seed);
            try {
                float[] scores = new float[m.numItems()];
                m.scoreAll(user, scores);
                double[] copy = new double[scores.length];
                for (int i = 0; i < scores.length; i++) {
                    copy[i] = scores[i];
                }
                known = retrains.putIfAbsent(key, copy);
                if (known == null) {
                    known = copy;
                }
            } finally {
                close(m);
            }
        }
        float[] scores = new float[known.length];
        for (int i = 0; i < known.length; i++) {
            scores[i] = (float) known[i];
        }
        return scores;
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
        return new CellResult(dataset, spec.label(), name, seed, status, false, List.of(), List.of(), List.of(), new long[0],
                none, none, none, none, none, none, none, none, none, none, none, none, none, none, train, 0);
    }

    private static double[] toArray(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

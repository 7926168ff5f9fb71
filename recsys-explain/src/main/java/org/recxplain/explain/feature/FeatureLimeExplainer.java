package org.recxplain.explain.feature;

import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.FeatureRecommender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * LIME over side features (Ribeiro, Singh and Guestrin, KDD 2016) for a {@link FeatureRecommender}. The
 * players are the features of the explained (user, item) input (see {@link FeatureInput}); a perturbation
 * switches some of them off, the model scores every perturbation in batched
 * {@link FeatureRecommender#scoreWithFeatures} calls, and a ridge regression on the 0/1 masks, weighted by
 * the LIME kernel exp(-d^2 / (2 width^2)) over the cosine distance d = 1 - sqrt(on / m) of a mask to the
 * original, is the local surrogate. An attribution's weight is the surrogate coefficient of its feature:
 * the estimated change of the score when the feature is switched on. The {@code topK} largest by
 * |coefficient| are reported. The surrogate's kernel-weighted R^2 on held-out perturbations goes into the
 * note and into {@link LimeResult#fidelityR2()}.
 *
 * <p>Two samplings ({@link LimeSampling}):
 * <ul>
 *   <li>{@code RANDOM} (name {@value #NAME}): vanilla LIME, {@code samples} random masks (the original
 *       first; then r players off, r uniform in 1..m-1, the set uniform given r) plus {@code heldOut}
 *       more, scored in ONE batched call.</li>
 *   <li>{@code STABLE} (name {@value #STABLE_NAME}) estimates the same surrogate as vanilla LIME, with at
 *       most the same number of model evaluations and far less sampling noise:
 *       <ol>
 *         <li>with at most {@code exhaustiveUpTo} players and 2^m - 1 &le; {@code samples}, every mask is
 *             scored (in one call), each stratum of masks with r players off carrying the kernel weight
 *             of the (samples - 1) / (m - 1) vanilla draws it gets in expectation: no sampling noise at
 *             all; the R^2 is measured over all masks;</li>
 *         <li>otherwise, when {@code samples} is at least 1.25 times the 1 + m + m(m-1)/2 terms of a
 *             second-order emulator, a balanced design is scored (one call), the emulator is fitted to it
 *             and the surrogate is computed from the emulator and the closed-form moments of the mask
 *             distribution: exact for models that are second order in their features, such as
 *             factorisation machines, and a variance-reduced estimate otherwise; the design is fixed (it
 *             depends only on m and the budget), so the surrogate is the same for every seed, which only
 *             draws the held-out masks of the R^2;</li>
 *         <li>otherwise, when the budget covers m + 1 evaluations and still an emulator of at least two
 *             players ({@link LimeResult.Design#SCREENED}): a deterministic screening stage scores the
 *             original and each feature switched off alone (m + 1 evaluations, seed free), keeps the m'
 *             features with the largest |score change| (ties to the lower player), m' the largest number
 *             whose emulator fits the rest of the budget (1.25 (1 + m' + m'(m'-1)/2) samples), and
 *             computes the emulated LIME (previous item) over the kept features with the rest of the budget,
 *             the screened-out features held on (at their original value). Only kept features are reported;
 *             the others have weight 0, and the note says how many were kept. The R^2 is measured on
 *             held-out masks over the kept features. At 1000 samples and m = 179 this keeps 35 features; at
 *             200 samples and m = 179, 5;</li>
 *         <li>otherwise (the budget is below m + 1 plus an emulator of two players) the balanced design (strata visited round-robin, each player switched off equally
 *             often per stratum, each mask followed by its complement) is scored in growing prefixes:
 *             starting at a quarter of {@code samples}, the prefix doubles (one batched call per round)
 *             until, in {@code bootstrap} resamples of the fitted rows, the top-k set (the top-k order when
 *             there are no more than k players) agrees with the fit's in at least {@code stability} of
 *             them, or the budget is spent. This last regime is only about as stable as vanilla LIME.</li>
 *       </ol></li>
 * </ul>
 * Both are seeded: the random stream of a (user, item) pair depends only on the seed and the pair, so the
 * same seed gives the same explanation to the byte.
 *
 * <p>Thread-safety: immutable; every call uses its own random stream.
 */
public final class FeatureLimeExplainer implements Explainer {
    /** The name of the vanilla explainer. */
    public static final String NAME = "lime";
    /** The name of the stabilised explainer. */
    public static final String STABLE_NAME = "lime-stable";

    /**
     * Settings of feature LIME.
     *
     * @param samples        perturbations for the surrogate (the budget; &ge; 2)
     * @param heldOut        further perturbations to measure fidelity on (&ge; 1)
     * @param topK           features reported (&ge; 1)
     * @param kernelWidth    LIME kernel width over the cosine distance to the original (&gt; 0)
     * @param ridge          ridge penalty, with kernel weights rescaled to mean 1 (&ge; 0)
     * @param sampling       vanilla or stabilised
     * @param exhaustiveUpTo stabilised: enumerate every mask up to this many players (0..20)
     * @param stability      stabilised: required bootstrap agreement of the top-k, in (0, 1]
     * @param bootstrap      stabilised: bootstrap resamples per round (&ge; 1)
     */
    public record Config(int samples, int heldOut, int topK, double kernelWidth, double ridge, LimeSampling sampling,
                         int exhaustiveUpTo, double stability, int bootstrap) {
        public Config {
            Objects.requireNonNull(sampling, "sampling");
            if (samples < 2 || heldOut < 1 || topK < 1 || bootstrap < 1) {
                throw new IllegalArgumentException("samples >= 2, heldOut >= 1, topK >= 1 and bootstrap >= 1 required,"
                        + " got " + samples + ", " + heldOut + ", " + topK + ", " + bootstrap);
            }
            if (!(kernelWidth > 0) || !(ridge >= 0) || !(stability > 0 && stability <= 1)) {
                throw new IllegalArgumentException("kernelWidth > 0, ridge >= 0 and stability in (0, 1] required, got "
                        + kernelWidth + ", " + ridge + ", " + stability);
            }
            if (exhaustiveUpTo < 0 || exhaustiveUpTo > MaskDesign.MAX_EXHAUSTIVE) {
                throw new IllegalArgumentException("exhaustiveUpTo must be in 0.." + MaskDesign.MAX_EXHAUSTIVE
                        + ", got " + exhaustiveUpTo);
            }
        }

        /** 1000 samples, 200 held out, top 10, width 0.25, ridge 1, random sampling, 12, 0.9, 50. */
        public static Config defaults() {
            return new Config(1000, 200, 10, 0.25, 1.0, LimeSampling.RANDOM, 12, 0.9, 50);
        }

        /** The defaults with stabilised sampling. */
        public static Config stable() {
            return defaults().withSampling(LimeSampling.STABLE);
        }

        public Config withSamples(int n) {
            return new Config(n, heldOut, topK, kernelWidth, ridge, sampling, exhaustiveUpTo, stability, bootstrap);
        }

        public Config withHeldOut(int n) {
            return new Config(samples, n, topK, kernelWidth, ridge, sampling, exhaustiveUpTo, stability, bootstrap);
        }

        public Config withTopK(int k) {
            return new Config(samples, heldOut, k, kernelWidth, ridge, sampling, exhaustiveUpTo, stability, bootstrap);
        }

        public Config withSampling(LimeSampling s) {
            return new Config(samples, heldOut, topK, kernelWidth, ridge, s, exhaustiveUpTo, stability, bootstrap);
        }

        public Config withExhaustiveUpTo(int m) {
            return new Config(samples, heldOut, topK, kernelWidth, ridge, sampling, m, stability, bootstrap);
        }

        public Config withKernelWidth(double width) {
            return new Config(samples, heldOut, topK, width, ridge, sampling, exhaustiveUpTo, stability, bootstrap);
        }

        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("samples", Integer.toString(samples));
            m.put("heldOut", Integer.toString(heldOut));
            m.put("topK", Integer.toString(topK));
            m.put("kernelWidth", Double.toString(kernelWidth));
            m.put("ridge", Double.toString(ridge));
            m.put("sampling", sampling.name().toLowerCase(java.util.Locale.ROOT));
            if (sampling == LimeSampling.STABLE) {
                m.put("exhaustiveUpTo", Integer.toString(exhaustiveUpTo));
                m.put("stability", Double.toString(stability));
                m.put("bootstrap", Integer.toString(bootstrap));
                m.put("screening", "knock-out");
            }
            return m;
        }
    }

    /** The emulator is used when the budget has at least this many samples per emulator term. */
    static final double EMULATOR_SAMPLES_PER_TERM = 1.25;

    private final FeatureRecommender model;
    private final Config config;
    private final long seed;
    private final Provenance provenance;

    /** A LIME explainer of {@code model} with the given settings and seed. */
    public FeatureLimeExplainer(FeatureRecommender model, Config config, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        this.provenance = new Provenance(name(), config.asMap(), seed, model.info().id());
    }

    @Override
    public String name() {
        return config.sampling() == LimeSampling.STABLE ? STABLE_NAME : NAME;
    }

    @Override
    public Explanation explain(int user, int item) {
        return explainWithDiagnostics(user, item).explanation();
    }

    /**
     * Explains the score of {@code item} for {@code user}, with the surrogate's fidelity.
     *
     * @throws IndexOutOfBoundsException if the user or the item is out of range
     */
    public LimeResult explainWithDiagnostics(int user, int item) {
        long start = System.nanoTime();
        FeatureInput input = new FeatureInput(model, user, item);
        int m = input.size();
        SplittableRandom rnd = FeatureAttributions.stream(seed, user, item);
        if (m == 0) {
            float score = input.score(new boolean[][] {new boolean[0]})[0];
            Explanation e = Explanations.of(Explanations.target(model, user, item, score), provenance, List.of(),
                    Optional.empty(), Optional.of("the item and the user have no side features"), start);
            return new LimeResult(e, score, Double.NaN, 0, 0, config.sampling() == LimeSampling.STABLE
                    ? LimeResult.Design.EXHAUSTIVE : LimeResult.Design.RANDOM);
        }
        Run run;
        if (config.sampling() == LimeSampling.RANDOM) {
            run = sampled(input, m, rnd);
        } else if (m <= config.exhaustiveUpTo() && (1 << m) - 1 <= config.samples()) {
            run = exhaustive(input, m);
        } else if (config.samples() >= EMULATOR_SAMPLES_PER_TERM * QuadraticEmulator.terms(m)) {
            run = emulated(input::score, m, config.samples(), 0, rnd, LimeResult.Design.EMULATED);
        } else if (screenedPlayers(m, config.samples()) > 0) {
            run = screened(input, m, rnd);
        } else {
            run = sampled(input, m, rnd);
        }
        int[] candidates = run.kept == null ? WeightedLeastSquares.allColumns(m) : run.kept;
        double[] coef = run.kept == null ? run.fit.coef() : new double[m];
        if (run.kept != null) {
            for (int j = 0; j < run.kept.length; j++) {
                coef[run.kept[j]] = run.fit.coef()[j];
            }
        }
        int[] players = Surrogates.top(coef, candidates, config.topK());
        List<Attribution> attributions = new ArrayList<>(players.length);
        for (int p : players) {
            attributions.add(input.attribution(p, coef[p]));
        }
        String note = Surrogates.fidelityNote(run.r2, run.samples, run.heldOut,
                run.design == LimeResult.Design.EXHAUSTIVE);
        if (run.kept != null) {
            note += String.format(java.util.Locale.ROOT, "; screened: the %d of %d features with the largest "
                    + "one-at-a-time knock-out effect were explained, the others held on (weight 0)",
                    run.kept.length, m);
        }
        Explanation e = Explanations.of(Explanations.target(model, user, item, run.score), provenance, attributions,
                Optional.empty(), Optional.of(note), start);
        return new LimeResult(e, run.fit.intercept(), run.r2, run.samples, run.heldOut, run.design);
    }

    /**
     * The outcome of one surrogate run; {@code kept} (null: all players) names the players the fit's
     * columns are, ascending.
     */
    private record Run(WeightedLeastSquares.Fit fit, double r2, double score, int samples, int heldOut,
                       LimeResult.Design design, int[] kept) {
        Run(WeightedLeastSquares.Fit fit, double r2, double score, int samples, int heldOut,
            LimeResult.Design design) {
            this(fit, r2, score, samples, heldOut, design, null);
        }
    }

    /** Scores masks over some players in one batched model call. */
    @FunctionalInterface
    private interface Scorer {
        float[] score(boolean[][] masks);
    }

    /**
     * The seed of the fixed perturbation design of the emulator: the design depends only on the number of
     * players and the budget, never on the explainer's seed, so the stabilised surrogate is the same for
     * every seed.
     */
    static final long FIXED_DESIGN_SEED = 0x5DEECE66DL;

    /**
     * The players the screening stage keeps for a budget: the largest m' &lt; m whose second-order emulator
     * fits, with {@value #EMULATOR_SAMPLES_PER_TERM} samples per term, into what is left after the m + 1
     * knock-out evaluations (0 when that is fewer than two players, which includes a budget below m + 1).
     */
    static int screenedPlayers(int m, int samples) {
        int rest = samples - (m + 1);
        int kept = 0;
        while (kept + 1 < m && rest >= EMULATOR_SAMPLES_PER_TERM * QuadraticEmulator.terms(kept + 1)) {
            kept++;
        }
        return kept >= 2 ? kept : 0;
    }

    /**
     * Screening, then the emulator on the kept players: the original and each player switched off alone
     * (m + 1 evaluations, no randomness) rank the players by |score change|; the {@link #screenedPlayers}
     * largest (ties to the lower player) are explained by the emulated LIME over them with the rest of the
     * budget, the other players held on.
     */
    private Run screened(FeatureInput input, int m, SplittableRandom rnd) {
        boolean[][] knockOuts = new boolean[m + 1][];
        knockOuts[0] = MaskDesign.full(m);
        for (int p = 0; p < m; p++) {
            knockOuts[p + 1] = MaskDesign.full(m);
            knockOuts[p + 1][p] = false;
        }
        float[] y = input.score(knockOuts);
        double[] effect = new double[m];
        for (int p = 0; p < m; p++) {
            effect[p] = (double) y[0] - y[p + 1];
        }
        int[] kept = Surrogates.top(effect, WeightedLeastSquares.allColumns(m), screenedPlayers(m, config.samples()));
        Arrays.sort(kept);
        Scorer restricted = masks -> {
            boolean[][] full = new boolean[masks.length][];
            for (int s = 0; s < masks.length; s++) {
                full[s] = MaskDesign.full(m);
                for (int j = 0; j < kept.length; j++) {
                    full[s][kept[j]] = masks[s][j];
                }
            }
            return input.score(full);
        };
        Run run = emulated(restricted, kept.length, config.samples() - (m + 1), m + 1, rnd,
                LimeResult.Design.SCREENED);
        return new Run(run.fit, run.r2, run.score, run.samples, run.heldOut, run.design, kept);
    }

    private Run exhaustive(FeatureInput input, int m) {
        boolean[][] masks = MaskDesign.all(m);
        double[] y = toDouble(input.score(masks), 0, masks.length);
        double[][] x = MaskDesign.design(masks);
        double[] w = MaskDesign.exhaustiveWeights(masks, m, config.kernelWidth(), config.samples());
        WeightedLeastSquares.Fit fit = Surrogates.fit(x, m, y, w, config.ridge(), config.samples());
        return new Run(fit, WeightedLeastSquares.r2(fit, x, y, w), y[0], masks.length, 0,
                LimeResult.Design.EXHAUSTIVE);
    }

    /** Held-out vanilla masks, with their design rows and kernel weights. */
    private record HeldOut(boolean[][] masks, double[][] x, double[] w) {
        HeldOut(boolean[][] masks, int m, double width) {
            this(masks, MaskDesign.design(masks), MaskDesign.kernelWeights(masks, m, width));
        }

        /** The weighted R^2 of a fit, given the held-out scores at the start of {@code scores}. */
        double r2(WeightedLeastSquares.Fit fit, float[] scores) {
            return WeightedLeastSquares.r2(fit, x, toDouble(scores, 0, masks.length), w);
        }

        /** The held-out masks followed by the first {@code n} rows of {@code design}. */
        boolean[][] with(boolean[][] design, int n) {
            boolean[][] all = new boolean[masks.length + n][];
            System.arraycopy(masks, 0, all, 0, masks.length);
            System.arraycopy(design, 0, all, masks.length, n);
            return all;
        }
    }

    /**
     * The emulated LIME over m players with {@code n} design samples ({@code spent} evaluations already
     * made): a fixed balanced design (seed independent, see {@link #FIXED_DESIGN_SEED}) and held-out masks
     * drawn from {@code rnd}, in one call.
     */
    private Run emulated(Scorer input, int m, int n, int spent, SplittableRandom rnd, LimeResult.Design kind) {
        HeldOut held = new HeldOut(MaskDesign.random(m, config.heldOut(), false, rnd.split()), m, config.kernelWidth());
        boolean[][] design = MaskDesign.balanced(m, n, new SplittableRandom(FIXED_DESIGN_SEED ^ (31L * m + n)));
        float[] scores = input.score(held.with(design, n));
        double[] y = toDouble(scores, held.masks.length, n);
        WeightedLeastSquares.Fit fit = QuadraticEmulator.limeFit(design, y,
                MaskDesign.kernelWeights(design, m, config.kernelWidth()), m,
                MaskDesign.strataWeights(m, config.kernelWidth(), n), config.ridge());
        return new Run(fit, held.r2(fit, scores), y[0], spent + n, held.masks.length, kind);
    }

    private Run sampled(FeatureInput input, int m, SplittableRandom rnd) {
        int n = config.samples();
        HeldOut held = new HeldOut(MaskDesign.random(m, config.heldOut(), false, rnd.split()), m, config.kernelWidth());
        int h = held.masks.length;
        boolean[][] design = config.sampling() == LimeSampling.STABLE
                ? MaskDesign.balanced(m, n, rnd.split()) : MaskDesign.random(m, n, true, rnd.split());
        int evaluated = config.sampling() == LimeSampling.STABLE ? Math.min(n, Math.max(2 * m + 2, n / 4)) : n;
        // the held-out masks and the first rows of the design go in one batched call
        float[] scores = input.score(held.with(design, evaluated));
        double[] y = Arrays.copyOf(toDouble(scores, h, evaluated), n);
        double[][] x = MaskDesign.design(design);
        double[] w = MaskDesign.kernelWeights(design, m, config.kernelWidth());
        SplittableRandom boot = rnd.split();
        WeightedLeastSquares.Fit fit;
        while (true) {
            double[][] xs = Arrays.copyOf(x, evaluated);
            double[] ys = Arrays.copyOf(y, evaluated);
            double[] ws = Arrays.copyOf(w, evaluated);
            fit = Surrogates.fit(xs, m, ys, ws, config.ridge());
            if (evaluated == n || config.sampling() == LimeSampling.RANDOM || stable(fit, xs, ys, ws, m, boot)) {
                break;
            }
            int next = Math.min(n, 2 * evaluated);
            float[] more = input.score(Arrays.copyOfRange(design, evaluated, next));
            for (int s = evaluated; s < next; s++) {
                y[s] = more[s - evaluated];
            }
            evaluated = next;
        }
        return new Run(fit, held.r2(fit, scores), y[0], evaluated, h,
                config.sampling() == LimeSampling.STABLE ? LimeResult.Design.BALANCED : LimeResult.Design.RANDOM);
    }

    /** Whether the top-k of refits on bootstrap resamples agree with the fit's often enough. */
    private boolean stable(WeightedLeastSquares.Fit fit, double[][] x, double[] y, double[] w, int m,
                           SplittableRandom rnd) {
        int[] all = WeightedLeastSquares.allColumns(m);
        boolean ordered = config.topK() >= m;
        int[] reference = Surrogates.top(fit.coef(), all, config.topK());
        Set<Integer> refSet = asSet(reference);
        int n = y.length;
        int agree = 0;
        double[][] bx = new double[n][];
        double[] by = new double[n];
        double[] bw = new double[n];
        for (int b = 0; b < config.bootstrap(); b++) {
            for (int s = 0; s < n; s++) {
                int t = rnd.nextInt(n);
                bx[s] = x[t];
                by[s] = y[t];
                bw[s] = w[t];
            }
            int[] top = Surrogates.top(Surrogates.fit(bx, m, by, bw, config.ridge()).coef(), all, config.topK());
            if (ordered ? Arrays.equals(top, reference) : asSet(top).equals(refSet)) {
                agree++;
            }
        }
        return agree >= config.stability() * config.bootstrap();
    }

    private static Set<Integer> asSet(int[] a) {
        Set<Integer> s = new HashSet<>();
        for (int v : a) {
            s.add(v);
        }
        return s;
    }

    static double[] toDouble(float[] a, int from, int n) {
        double[] d = new double[n];
        for (int s = 0; s < n; s++) {
            d[s] = a[from + s];
        }
        return d;
    }

    public Config config() {
        return config;
    }
}

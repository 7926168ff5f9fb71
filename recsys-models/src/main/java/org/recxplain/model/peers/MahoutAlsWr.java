package org.recxplain.model.peers;

import org.apache.mahout.cf.taste.impl.recommender.AllUnknownItemsCandidateItemsStrategy;
import org.apache.mahout.cf.taste.impl.recommender.svd.ALSWRFactorizer;
import org.apache.mahout.cf.taste.impl.recommender.svd.Factorization;
import org.apache.mahout.cf.taste.impl.recommender.svd.PersistenceStrategy;
import org.apache.mahout.cf.taste.impl.recommender.svd.SVDRecommender;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.common.RandomUtils;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mahout Taste's {@link SVDRecommender} over an {@link ALSWRFactorizer} (0.13) as a black-box recommender.
 *
 * <p><b>Two modes.</b> With {@code implicit = false} it is ALS-WR (Zhou et al., "Large-scale parallel
 * collaborative filtering for the Netflix prize", 2008): the interaction values are ratings fitted by
 * alternating ridge regressions on the observed entries only, with the weighted-lambda penalty (lambda times
 * the number of ratings of each user or item); then the score {@code x_u . y_i} is a predicted rating. With
 * {@code implicit = true} it is the confidence-weighted ALS of Hu, Koren and Volinsky (2008), which Mahout's
 * {@code ImplicitFeedbackAlternatingLeastSquaresSolver} implements with confidence {@code 1 + alpha * r} on
 * every observed pair and 1 on every other: the same objective as this library's {@code als} family, so the
 * two can be compared at equal k, lambda, alpha and iterations. Mahout initialises the first item feature to
 * the item's mean value and the others to uniform draws in [0, 0.1).
 *
 * <p><b>Scores.</b> The factorisation is read out once ({@link Factorization#allUserFeatures()} and
 * {@code allItemFeatures()}), and {@link #scoreAll(int, float[])} computes every item's
 * {@code x_u . y_i} in batch as Mahout's {@code SVDRecommender.estimatePreference} does (the same double sum
 * in the same order, cast to float), so scores equal Mahout's to the bit. Every item Mahout knows is scored:
 * this is Mahout's {@code recommend} with {@link AllUnknownItemsCandidateItemsStrategy}, which is the
 * strategy of {@link #delegate()} (Mahout's default strategy would rank only items that share a user with
 * the user's items). Items and users without training interactions score negative infinity.
 *
 * <p><b>Seed.</b> Mahout's ALS-WR draws its initialisation from {@code RandomUtils.getRandom()}, which has no
 * seed parameter. Training therefore calls {@code RandomUtils.useTestSeed()}, a JVM-wide switch that makes
 * every Mahout generator created afterwards start from Mahout's fixed test seed. Training is reproducible
 * (the same data and configuration give the same factors, whatever the thread count), but the seed given to
 * {@link #train} cannot change Mahout's initialisation: it is only recorded in {@link #info()}, whose
 * configuration says {@code init=mahout-test-seed}. Training holds a process-wide lock because Mahout's
 * generator registry is not thread-safe.
 *
 * <p>Thread-safety: immutable after training; scoring may run from many threads.
 */
public final class MahoutAlsWr implements RatingPredictor {
    private static final Logger LOG = LoggerFactory.getLogger(MahoutAlsWr.class);

    /** The family name in {@link ModelInfo} and {@link ModelSpec}. */
    public static final String FAMILY = "mahout-alswr";

    /**
     * Hyper-parameters of Mahout's ALS-WR factorizer.
     *
     * @param factors    number of latent features k (&ge; 1)
     * @param lambda     regularisation (&gt; 0)
     * @param iterations alternating sweeps (&ge; 1)
     * @param implicit   confidence-weighted implicit-feedback ALS instead of explicit ALS-WR
     * @param alpha      confidence slope for implicit feedback (&ge; 0; ignored when explicit)
     * @param threads    Mahout's training threads (&ge; 1); does not change the result
     */
    public record Config(int factors, double lambda, int iterations, boolean implicit, double alpha, int threads) {
        public Config {
            Peers.checkFactorsAndIterations(factors, iterations);
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be a positive finite number, got " + lambda);
            }
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be a finite number >= 0, got " + alpha);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /** k = 64, lambda = 0.1, 15 iterations, implicit with alpha = 10 (as this library's {@code als}). */
        public static Config defaults() {
            return new Config(64, 0.1, 15, true, 10.0, Runtime.getRuntime().availableProcessors());
        }

        /** A copy with {@code t} training threads. */
        public Config withThreads(int t) {
            return new Config(factors, lambda, iterations, implicit, alpha, t);
        }

        /** A copy in implicit ({@code true}) or explicit mode. */
        public Config withImplicit(boolean i) {
            return new Config(factors, lambda, iterations, i, alpha, threads);
        }

        /**
         * The configuration of a spec of family {@value #FAMILY}: {@code factors}, {@code lambda},
         * {@code iterations}, {@code implicit}, {@code alpha}, {@code threads}.
         *
         * @throws IllegalArgumentException for another family, an unknown parameter or a bad value
         */
        public static Config fromSpec(ModelSpec spec) {
            Peers.requireFamily(spec, FAMILY);
            spec.requireKnown(List.of("factors", "lambda", "iterations", "implicit", "alpha", "threads"));
            Config d = defaults();
            return new Config(spec.intParam("factors", d.factors()), spec.doubleParam("lambda", d.lambda()),
                    spec.intParam("iterations", d.iterations()), spec.booleanParam("implicit",
                    d.implicit()), spec.doubleParam("alpha", d.alpha()), spec.intParam("threads", d.threads()));
        }

        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("factors", Integer.toString(factors));
            m.put("lambda", Double.toString(lambda));
            m.put("iterations", Integer.toString(iterations));
            m.put("implicit", Boolean.toString(implicit));
            m.put("alpha", Double.toString(alpha));
            m.put("init", "mahout-test-seed");
            return m;
        }
    }

    private final Dataset data;
    private final Config config;
    private final DataModel mahoutData;
    private final Factorization factorization;
    private final FactorTable factors;
    private final SVDRecommender recommender;
    private final ModelInfo info;

    private MahoutAlsWr(Dataset data, Config config, long seed) {
        this.data = data;
        this.config = config;
        Interactions x = data.interactions();
        if (x.size() == 0) {
            throw new IllegalArgumentException(FAMILY + ": the training data has no interactions");
        }
        this.mahoutData = MahoutData.of(x);
        long start = System.nanoTime();
        this.factorization = factorize(mahoutData, config);
        LOG.debug("{}: factorised {} in {} ms", FAMILY, x, (System.nanoTime() - start) / 1_000_000);
        this.factors = readFactors(x, factorization, config.factors());
        this.recommender = MahoutData.call("build the SVD recommender", () -> new SVDRecommender(mahoutData,
                new ALSWRFactorizer(mahoutData, config.factors(), config.lambda(), config.iterations(),
                        config.implicit(), config.alpha(), config.threads()),
                new AllUnknownItemsCandidateItemsStrategy(), new Loaded(factorization)));
        this.info = new ModelInfo(FAMILY, config.asMap(), seed, factors.fingerprint());
    }

    /**
     * Factorises the training interactions with Mahout's ALS-WR.
     *
     * @param seed recorded in {@link #info()} only; see the class documentation
     * @throws IllegalArgumentException if the data has no interactions
     */
    public static MahoutAlsWr train(Dataset data, Config config, long seed) {
        return new MahoutAlsWr(Objects.requireNonNull(data, "data"), Objects.requireNonNull(config, "config"), seed);
    }

    private static Factorization factorize(DataModel model, Config c) {
        synchronized (MahoutData.RANDOM_LOCK) {
            RandomUtils.useTestSeed();
            return MahoutData.call("factorise with ALS-WR", () -> new ALSWRFactorizer(model, c.factors(), c.lambda(),
                    c.iterations(), c.implicit(), c.alpha(), c.threads()).factorize());
        }
    }

    /** Copies Mahout's features into our user and item order (rows of users/items Mahout lacks stay zero). */
    private static FactorTable readFactors(Interactions x, Factorization f, int k) {
        double[] users = new double[x.numUsers() * k];
        double[] items = new double[x.numItems() * k];
        boolean[] knownUser = new boolean[x.numUsers()];
        boolean[] knownItem = new boolean[x.numItems()];
        double[][] uf = f.allUserFeatures();
        double[][] itf = f.allItemFeatures();
        MahoutData.call("read the factorisation", () -> {
            for (int u = 0; u < x.numUsers(); u++) {
                if (x.userDegree(u) > 0) {
                    knownUser[u] = true;
                    System.arraycopy(uf[f.userIndex(u)], 0, users, u * k, k);
                }
            }
            for (int i = 0; i < x.numItems(); i++) {
                if (x.itemDegree(i) > 0) {
                    knownItem[i] = true;
                    System.arraycopy(itf[f.itemIndex(i)], 0, items, i * k, k);
                }
            }
            return null;
        });
        return new FactorTable(k, users, items, knownUser, knownItem, null, null, 0);
    }

    /** Hands an already computed factorisation to {@link SVDRecommender}, which would otherwise retrain. */
    private record Loaded(Factorization factorization) implements PersistenceStrategy {
        @Override
        public Factorization load() {
            return factorization;
        }

        @Override
        public void maybePersist(Factorization f) {
            // nothing is persisted: the factorisation lives in memory only
        }
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /**
     * Mahout's recommender over the trained factorisation, with {@link AllUnknownItemsCandidateItemsStrategy}
     * (user and item IDs are our dense indices as longs).
     */
    public SVDRecommender delegate() {
        return recommender;
    }

    /** Mahout's factorisation (indexed by Mahout's own user and item indices, see {@link Factorization}). */
    public Factorization factorization() {
        return factorization;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Dataset data() {
        return data;
    }

    @Override
    public void scoreAll(int user, float[] out) {
        factors.scoreAll(user, out);
    }

    /** The score {@code x_u . y_i} in double precision, NaN for a user or item Mahout does not know. */
    public double score(int user, int item) {
        Objects.checkIndex(user, data.interactions().numUsers());
        Objects.checkIndex(item, data.interactions().numItems());
        return factors.score(user, item);
    }

    /** True for explicit ALS-WR (scores are predicted ratings), false for implicit feedback. */
    @Override
    public boolean predictsRatings() {
        return !config.implicit();
    }

    /** Mahout's estimate {@code (float) x_u . y_i} for explicit ALS-WR; NaN when implicit or unknown. */
    @Override
    public double predictRating(int user, int item) {
        double s = score(user, item);
        return config.implicit() || Double.isNaN(s) ? Double.NaN : (float) s;
    }

    @Override
    public String toString() {
        return "MahoutAlsWr[" + config + ", " + data.interactions() + "]";
    }
}

package org.recxplain.model.peers;

import net.librec.common.LibrecException;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.cf.rating.BiasedMFRecommender;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.model.ModelSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * LibRec 2.0's {@code BiasedMFRecommender} as a black-box recommender: explicit-feedback biased matrix
 * factorisation {@code r_ui = mu + b_u + b_i + p_u . q_i} trained by plain SGD over the observed ratings
 * (LibRec visits them in row-major order each iteration), with factors and biases initialised from
 * N(0, 0.1^2) by LibRec's generator, seeded with the training seed.
 *
 * <p><b>Scores.</b> LibRec keeps its factors in protected fields; a private subclass reads them after
 * training, and {@link #scoreAll(int, float[])} computes LibRec's {@code predict(u, i)} for every item in
 * batch (the same double sum, biases and global mean added in LibRec's order, cast to float), which is what
 * LibRec's ranking mode ranks by. {@link #predictRating(int, int)} is LibRec's rating-mode prediction: the
 * same value clamped to the training data's rating range.
 *
 * <p>Thread-safety: immutable after training; scoring may run from many threads. Training holds a
 * process-wide lock (LibRec's generator is global).
 */
public final class LibrecBiasedMf extends LibrecFactorModel implements RatingPredictor {
    /** The family name in {@link org.recxplain.model.ModelInfo} and {@link ModelSpec}. */
    public static final String FAMILY = "librec-biased-mf";

    /**
     * Hyper-parameters, with LibRec's configuration keys.
     *
     * @param factors            {@code rec.factor.number} (&ge; 1)
     * @param iterations         {@code rec.iterator.maximum}, passes over the ratings (&ge; 1)
     * @param learningRate       {@code rec.iterator.learnrate}, constant (&gt; 0)
     * @param regularization     {@code rec.user.regularization} and {@code rec.item.regularization} (&ge; 0)
     * @param biasRegularization {@code rec.bias.regularization} (&ge; 0)
     */
    public record Config(int factors, int iterations, double learningRate, double regularization,
                         double biasRegularization) {
        public Config {
            Peers.checkFactorsAndIterations(factors, iterations);
            Peers.checkRates(learningRate, regularization);
            if (!(biasRegularization >= 0) || Double.isInfinite(biasRegularization)) {
                throw new IllegalArgumentException("biasRegularization must be a finite number >= 0, got "
                        + biasRegularization);
            }
        }

        /** LibRec's shipped example: k = 10, 10 iterations, learning rate 0.01, all regularisation 0.01. */
        public static Config defaults() {
            return new Config(10, 10, 0.01, 0.01, 0.01);
        }

        /**
         * The configuration of a spec of family {@value #FAMILY}: {@code factors}, {@code iterations},
         * {@code learningRate}, {@code regularization}, {@code biasRegularization}.
         *
         * @throws IllegalArgumentException for another family, an unknown parameter or a bad value
         */
        public static Config fromSpec(ModelSpec spec) {
            Peers.requireFamily(spec, FAMILY);
            spec.requireKnown(List.of("factors", "iterations", "learningRate", "regularization",
                    "biasRegularization"));
            Config d = defaults();
            return new Config(spec.intParam("factors", d.factors()), spec.intParam("iterations", d.iterations()),
                    spec.doubleParam("learningRate", d.learningRate()),
                    spec.doubleParam("regularization", d.regularization()),
                    spec.doubleParam("biasRegularization", d.biasRegularization()));
        }

        Map<String, String> asMap() {
            Map<String, String> m = sgdParams(factors, iterations, learningRate, regularization);
            m.put("biasRegularization", Double.toString(biasRegularization));
            return m;
        }

        /** The LibRec settings of this configuration. */
        Map<String, String> settings() {
            Map<String, String> s = sgdSettings(factors, iterations, learningRate, regularization);
            s.put("rec.bias.regularization", Double.toString(biasRegularization));
            return s;
        }
    }

    /** LibRec's recommender with its trained parameters made readable. */
    static final class Model extends BiasedMFRecommender implements LibrecData.Trainable {
        @Override
        public void fit(RecommenderContext context) throws LibrecException {
            setContext(context);
            setup();
            trainModel();
        }

        FactorTable table() {
            return new FactorTable(numFactors, LibrecData.flatten(userFactors), LibrecData.flatten(itemFactors),
                    LibrecData.all(numUsers), LibrecData.all(numItems), userBiases.getData().clone(),
                    itemBiases.getData().clone(), globalMean);
        }

        double minRate() {
            return minRate;
        }

        double maxRate() {
            return maxRate;
        }
    }

    private final Config config;
    private final double minRating;
    private final double maxRating;

    private LibrecBiasedMf(Dataset data, Config config, long seed, Model trained) {
        super(FAMILY, data, trained.table(), config.asMap(), seed);
        this.config = config;
        this.minRating = trained.minRate();
        this.maxRating = trained.maxRate();
    }

    /**
     * Trains LibRec's biased MF on the ratings of {@code data} with LibRec's generator seeded by {@code seed}.
     *
     * @throws IllegalArgumentException if the data has no interactions
     * @throws IllegalStateException    if LibRec fails (such as a loss that diverges to NaN)
     */
    public static LibrecBiasedMf train(Dataset data, Config config, long seed) {
        Objects.requireNonNull(config, "config");
        Model model = new Model();
        LibrecData.train(FAMILY, model, context(data, null, config), seed);
        return new LibrecBiasedMf(data, config, seed, model);
    }

    /**
     * The LibRec context this wrapper trains on, with an optional test half (for LibRec's own rating-mode
     * predictions). Package-private for tests that call LibRec directly.
     */
    static RecommenderContext context(Dataset data, Interactions test, Config config) {
        Interactions x = Peers.requireInteractions(data, FAMILY);
        return new LibrecData(x, test).context(config.settings());
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /** Always true: biased MF predicts ratings. */
    @Override
    public boolean predictsRatings() {
        return true;
    }

    /** LibRec's bounded prediction: the score clamped to the training ratings' [min, max]. */
    @Override
    public double predictRating(int user, int item) {
        return Math.min(maxRating, Math.max(minRating, score(user, item)));
    }

    @Override
    public String toString() {
        return "LibrecBiasedMf[" + config + ", " + data().interactions() + "]";
    }
}

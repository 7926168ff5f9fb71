package org.recxplain.model.peers;

import net.librec.common.LibrecException;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.cf.ranking.BPRRecommender;
import org.recxplain.data.Dataset;
import org.recxplain.model.ModelSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * LibRec 2.0's {@code BPRRecommender} as a black-box recommender: Bayesian personalised ranking (Rendle et
 * al., UAI 2009) with score {@code p_u . q_i}, no item bias, trained by SGD on (user, positive, negative)
 * triples that LibRec draws uniformly ({@code 100 x users} draws per iteration) from its generator, seeded with
 * the training seed. Every observed interaction is a positive whatever its value.
 *
 * <p><b>Scores.</b> A private subclass reads LibRec's protected factors after training and
 * {@link #scoreAll(int, float[])} computes LibRec's {@code predict(u, i) = p_u . q_i} for every item in batch
 * (the same double sum, cast to float).
 *
 * <p>Thread-safety: immutable after training; scoring may run from many threads. Training holds a
 * process-wide lock (LibRec's generator is global).
 */
public final class LibrecBpr extends LibrecFactorModel {
    /** The family name in {@link org.recxplain.model.ModelInfo} and {@link ModelSpec}. */
    public static final String FAMILY = "librec-bpr";

    /**
     * Hyper-parameters, with LibRec's configuration keys.
     *
     * @param factors        {@code rec.factor.number} (&ge; 1)
     * @param iterations     {@code rec.iterator.maximum} (&ge; 1), each of {@code 100 x users} SGD steps
     * @param learningRate   {@code rec.iterator.learnrate}, constant (&gt; 0)
     * @param regularization {@code rec.user.regularization} and {@code rec.item.regularization} (&ge; 0)
     */
    public record Config(int factors, int iterations, double learningRate, double regularization) {
        public Config {
            Peers.checkFactorsAndIterations(factors, iterations);
            Peers.checkRates(learningRate, regularization);
        }

        /** LibRec's shipped example: k = 10, 100 iterations, learning rate 0.01, regularisation 0.01. */
        public static Config defaults() {
            return new Config(10, 100, 0.01, 0.01);
        }

        /**
         * The configuration of a spec of family {@value #FAMILY}: {@code factors}, {@code iterations},
         * {@code learningRate}, {@code regularization}.
         *
         * @throws IllegalArgumentException for another family, an unknown parameter or a bad value
         */
        public static Config fromSpec(ModelSpec spec) {
            Peers.requireFamily(spec, FAMILY);
            spec.requireKnown(List.of("factors", "iterations", "learningRate", "regularization"));
            Config d = defaults();
            return new Config(spec.intParam("factors", d.factors()), spec.intParam("iterations", d.iterations()),
                    spec.doubleParam("learningRate", d.learningRate()),
                    spec.doubleParam("regularization", d.regularization()));
        }

        Map<String, String> asMap() {
            return sgdParams(factors, iterations, learningRate, regularization);
        }

        /** The LibRec settings of this configuration. */
        Map<String, String> settings() {
            return sgdSettings(factors, iterations, learningRate, regularization);
        }
    }

    /** LibRec's recommender with its trained factors made readable. */
    static final class Model extends BPRRecommender implements LibrecData.Trainable {
        @Override
        public void fit(RecommenderContext context) throws LibrecException {
            setContext(context);
            setup();
            trainModel();
        }

        FactorTable table() {
            return new FactorTable(numFactors, LibrecData.flatten(userFactors), LibrecData.flatten(itemFactors),
                    LibrecData.all(numUsers), LibrecData.all(numItems), null, null, 0);
        }
    }

    private final Config config;

    private LibrecBpr(Dataset data, Config config, long seed, Model trained) {
        super(FAMILY, data, trained.table(), config.asMap(), seed);
        this.config = config;
    }

    /**
     * Trains LibRec's BPR on {@code data} with LibRec's generator seeded by {@code seed}.
     *
     * @throws IllegalArgumentException if the data has no interactions
     * @throws IllegalStateException    if LibRec fails (such as a loss that diverges to NaN)
     */
    public static LibrecBpr train(Dataset data, Config config, long seed) {
        Objects.requireNonNull(config, "config");
        Model model = new Model();
        LibrecData.train(FAMILY, model, context(data, config), seed);
        return new LibrecBpr(data, config, seed, model);
    }

    /** The LibRec context this wrapper trains on. Package-private for tests that call LibRec directly. */
    static RecommenderContext context(Dataset data, Config config) {
        return new LibrecData(Peers.requireInteractions(data, FAMILY), null).context(config.settings());
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    @Override
    public String toString() {
        return "LibrecBpr[" + config + ", " + data().interactions() + "]";
    }
}

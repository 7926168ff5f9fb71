package org.recxplain.model.peers;

import org.recxplain.data.Dataset;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.Recommender;

import java.util.Map;
import java.util.Objects;

/**
 * The shared part of the LibRec factor-model wrappers: the training data, the factors read out of the
 * trained LibRec recommender, and batch scoring from them. Immutable and thread-safe.
 */
abstract sealed class LibrecFactorModel implements Recommender permits LibrecBiasedMf, LibrecBpr {
    private final Dataset data;
    private final FactorTable factors;
    private final ModelInfo info;

    LibrecFactorModel(String family, Dataset data, FactorTable factors, Map<String, String> config, long seed) {
        this.data = data;
        this.factors = factors;
        this.info = new ModelInfo(family, config, seed, factors.fingerprint());
    }

    /** The LibRec learning-rate settings shared by the SGD recommenders: a constant rate. */
    static void putLearningRate(Map<String, String> settings, double learningRate) {
        settings.put("rec.iterator.learnrate", Double.toString(learningRate));
        settings.put("rec.iterator.learnrate.maximum", Double.toString(learningRate));
    }

    @Override
    public final ModelInfo info() {
        return info;
    }

    @Override
    public final Dataset data() {
        return data;
    }

    /** The number of latent factors. */
    public final int factors() {
        return factors.factors();
    }

    @Override
    public final void scoreAll(int user, float[] out) {
        factors.scoreAll(user, out);
    }

    /** LibRec's unbounded {@code predict(user, item)} in double precision (what {@code scoreAll} rounds). */
    public final double score(int user, int item) {
        Objects.checkIndex(user, data.interactions().numUsers());
        Objects.checkIndex(item, data.interactions().numItems());
        return factors.score(user, item);
    }
}

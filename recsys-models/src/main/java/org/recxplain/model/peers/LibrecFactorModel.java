package org.recxplain.model.peers;

import org.recxplain.data.Dataset;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.Recommender;

import java.util.LinkedHashMap;
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

    /**
     * The hyper-parameters every LibRec SGD factor model shares, by our names (for {@link ModelInfo}), in
     * a new mutable map.
     */
    static Map<String, String> sgdParams(int factors, int iterations, double learningRate, double regularization) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("factors", Integer.toString(factors));
        m.put("iterations", Integer.toString(iterations));
        m.put("learningRate", Double.toString(learningRate));
        m.put("regularization", Double.toString(regularization));
        return m;
    }

    /**
     * The same as LibRec configuration keys, in a new mutable map: a constant learning rate and one
     * regularisation for users and items.
     */
    static Map<String, String> sgdSettings(int factors, int iterations, double learningRate, double regularization) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("rec.factor.number", Integer.toString(factors));
        s.put("rec.iterator.maximum", Integer.toString(iterations));
        s.put("rec.iterator.learnrate", Double.toString(learningRate));
        s.put("rec.iterator.learnrate.maximum", Double.toString(learningRate));
        s.put("rec.user.regularization", Double.toString(regularization));
        s.put("rec.item.regularization", Double.toString(regularization));
        return s;
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

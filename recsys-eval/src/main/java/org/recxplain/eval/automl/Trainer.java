package org.recxplain.eval.automl;

import org.recxplain.data.Dataset;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.ModelCatalog;
import org.recxplain.model.neural.NeuralModels;
import org.recxplain.model.Recommender;

import java.util.List;
import java.util.Objects;

/**
 * Trains a model from a spec: the seam between the search and the model families. {@link #models()} trains
 * every family of the project through a {@link ModelCatalog}.
 *
 * <p>Implementations must be thread-safe and deterministic: the same spec, data and seed give the same model.
 */
public interface Trainer {

    /** The families {@link #train} knows. */
    List<String> families();

    /**
     * Trains a model of the spec's family.
     *
     * @throws IllegalArgumentException for an unknown family, parameter or a bad value (a user error)
     */
    Recommender train(ModelSpec spec, Dataset data, long seed);

    /** A model-training function, as {@code Models::train}. */
    @FunctionalInterface
    interface TrainFunction {
        Recommender train(ModelSpec spec, Dataset data, long seed);
    }

    /** A trainer of the given families through {@code function}. */
    static Trainer of(List<String> families, TrainFunction function) {
        List<String> known = List.copyOf(families);
        Objects.requireNonNull(function, "function");
        return new Trainer() {
            @Override
            public List<String> families() {
                return known;
            }

            @Override
            public Recommender train(ModelSpec spec, Dataset data, long seed) {
                return function.train(spec, data, seed);
            }
        };
    }

    /** Every family of the project ({@link NeuralModels#catalog()}: built-in, peers and NeuMF). */
    static Trainer models() {
        return of(NeuralModels.catalog());
    }

    /** A trainer of every family in {@code catalog}. */
    static Trainer of(ModelCatalog catalog) {
        return of(catalog.trainableFamilies(), catalog::train);
    }
}

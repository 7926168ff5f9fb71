package org.recxplain.model;

import org.recxplain.data.Dataset;
import org.recxplain.model.io.ModelReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model family defined outside this module (NeuMF in {@code recsys-neural}, say), which a
 * {@link ModelCatalog} trains, saves and loads beside the built-in families of {@link Models}.
 *
 * <p>Implementations must be thread-safe and stateless; {@link #train} must be deterministic for a seed.
 */
public interface ModelFamily {

    /** The family's name, as {@link ModelSpec#family()} and model files name it. */
    String name();

    /**
     * Trains a model of this family.
     *
     * @throws IllegalArgumentException for an unknown parameter or a bad value; the message names the family,
     *                                  the parameter and what was expected
     */
    Recommender train(ModelSpec spec, Dataset data, long seed);

    /**
     * Reads the body of a model file whose header names this family.
     *
     * @throws org.recxplain.model.io.ModelFormatException if the body is truncated or inconsistent
     * @throws IOException                                 if the file cannot be read
     */
    Recommender read(ModelReader reader) throws IOException;

    /**
     * Saves a model this family trained, so that {@link #read} reads it back.
     *
     * @throws IllegalArgumentException if {@code model} is not of this family
     * @throws IOException              if the file cannot be written
     */
    void save(Recommender model, Path path) throws IOException;
}

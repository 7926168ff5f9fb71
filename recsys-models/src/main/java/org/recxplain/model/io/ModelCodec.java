package org.recxplain.model.io;

import org.recxplain.data.Dataset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The common layout of a saved recommender, shared by every model family: inside a {@link ModelFile} of
 * the family's name and format version, the payload holds
 * <ol>
 *   <li>the family's configuration (its hyper-parameters and seed, in the family's own field order),</li>
 *   <li>the training {@link Dataset}, by {@link DatasetCodec} (so that a loaded model can be explained),</li>
 *   <li>the family's learned parameters,</li>
 * </ol>
 * and nothing else. A family supplies only the writing and reading of its own two parts; this class does
 * the framing, checks the family and format version, checks that the whole payload was read, and turns a
 * value that the family rejects (an {@link IllegalArgumentException} of a configuration record or of
 * restoring the parameters) into a {@link ModelFormatException} naming the file.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelCodec {
    private ModelCodec() {
    }

    /** Reads one part of a model payload; may reject what it reads with {@link IllegalArgumentException}. */
    @FunctionalInterface
    public interface Part<T> {
        T read(ModelReader r) throws IOException;
    }

    /** Reads a family's parameters and builds the model from them, its configuration and its data. */
    @FunctionalInterface
    public interface Parameters<C, M> {
        M read(ModelReader r, C config, Dataset data) throws IOException;
    }

    /**
     * Writes a model file in the common layout, replacing any file at {@code path} once complete.
     *
     * @param config     writes the family's configuration
     * @param data       the training data
     * @param parameters writes the family's learned parameters
     * @return the number of bytes of the file
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if {@code data} cannot be stored (see {@link DatasetCodec#write})
     */
    public static long write(Path path, String family, int formatVersion, IoConsumer<ModelWriter> config,
                             Dataset data, IoConsumer<ModelWriter> parameters) throws IOException {
        return ModelFile.write(path, family, formatVersion, w -> {
            config.accept(w);
            DatasetCodec.write(w, data);
            parameters.accept(w);
        });
    }

    /**
     * Reads a model in the common layout from a checked container.
     *
     * @param family           the family the file must hold
     * @param maxFormatVersion the newest format version the family reads
     * @param config           reads the configuration
     * @param parameters       reads the parameters and builds the model
     * @throws ModelFormatException naming the source if the file holds another family or an unsupported
     *                              version, if a part is malformed or rejected ("invalid FAMILY configuration:
     *                              ..." or "invalid FAMILY parameters: ..."), or if bytes are left over
     */
    public static <C, M> M read(ModelReader r, String family, int maxFormatVersion, Part<C> config,
                                Parameters<C, M> parameters) throws IOException {
        r.expect(family, maxFormatVersion);
        C c = checked(r, "invalid " + family + " configuration", config);
        Dataset data = DatasetCodec.read(r);
        M model = checked(r, "invalid " + family + " parameters", in -> parameters.read(in, c, data));
        r.expectEnd();
        return model;
    }

    private static <T> T checked(ModelReader r, String what, Part<T> part) throws IOException {
        try {
            return part.read(r);
        } catch (IllegalArgumentException e) {
            throw r.error(what + ": " + e.getMessage());
        }
    }
}

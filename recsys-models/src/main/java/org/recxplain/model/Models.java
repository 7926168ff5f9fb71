package org.recxplain.model;

import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.io.ModelFile;
import org.recxplain.model.io.ModelReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Static factories for loading saved models of any family. Stateless and thread-safe.
 */
public final class Models {
    private Models() {
    }

    /** The model families that {@link #load(Path)} reads. */
    public static List<String> families() {
        return List.of(ImplicitAls.FAMILY);
    }

    /**
     * Loads a model saved by its family's {@code save}.
     *
     * @throws org.recxplain.model.io.ModelFormatException if the file is truncated, corrupted, of an unknown
     *                                                     family or an unsupported version; the message names
     *                                                     the file and the problem
     * @throws IOException                                 if the file cannot be read
     */
    public static Recommender load(Path path) throws IOException {
        ModelReader r = ModelFile.read(path);
        return switch (r.family()) {
            case ImplicitAls.FAMILY -> ImplicitAls.read(r);
            default -> throw r.error("unknown model family '" + r.family() + "'; this library reads "
                    + String.join(", ", families()));
        };
    }
}

package org.recxplain.model;

import org.recxplain.data.Dataset;
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

    /** The model families that {@link #train(ModelSpec, Dataset, long)} trains. */
    public static List<String> trainableFamilies() {
        return List.of(ImplicitAls.FAMILY, "pop");
    }

    /**
     * Trains a model of the spec's family on {@code data} with {@code seed}.
     *
     * @throws IllegalArgumentException for an unknown family or a bad hyper-parameter; the message names
     *                                  the family, the parameter and what was expected
     */
    public static Recommender train(ModelSpec spec, Dataset data, long seed) {
        return switch (spec.family()) {
            case ImplicitAls.FAMILY -> {
                spec.requireKnown(List.of("factors", "iterations", "lambda", "alpha", "threads"));
                ImplicitAls.Config d = ImplicitAls.Config.defaults();
                yield ImplicitAls.train(data, new ImplicitAls.Config(spec.intParam("factors", d.factors()),
                        spec.doubleParam("lambda", d.lambda()), spec.doubleParam("alpha", d.alpha()),
                        spec.intParam("iterations", d.iterations()), seed, spec.intParam("threads", d.threads())));
            }
            case "pop" -> {
                spec.requireKnown(List.of());
                yield Popularity.train(data);
            }
            default -> throw new IllegalArgumentException("unknown model family '" + spec.family() + "'; known: "
                    + String.join(", ", trainableFamilies()));
        };
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

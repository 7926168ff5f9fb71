package org.recxplain.model;

import org.recxplain.data.Dataset;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.bpr.BprMf;
import org.recxplain.model.fm.FactorizationMachine;
import org.recxplain.model.io.ModelFile;
import org.recxplain.model.io.ModelReader;
import org.recxplain.model.knn.ItemKnn;
import org.recxplain.model.mf.BiasedMf;
import org.recxplain.model.peers.Peers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Static factories that train a model of any built-in family from a {@link ModelSpec} and load saved models
 * of any built-in family; a {@link ModelCatalog} adds families defined in other modules. Stateless and
 * thread-safe.
 */
public final class Models {
    /** Every family, in the order listed in messages. */
    private static final List<String> FAMILIES = List.of(ImplicitAls.FAMILY, ItemKnn.FAMILY, BiasedMf.FAMILY,
            BprMf.FAMILY, FactorizationMachine.FAMILY, Popularity.FAMILY);

    private Models() {
    }

    /** The model families that {@link #load(Path)} reads. */
    public static List<String> families() {
        return FAMILIES;
    }

    /**
     * The model families that {@link #train(ModelSpec, Dataset, long)} trains: the savable ones, then the
     * Mahout and LibRec peers (trained in process, not saved).
     */
    public static List<String> trainableFamilies() {
        List<String> all = new java.util.ArrayList<>(FAMILIES);
        all.addAll(Peers.families());
        return List.copyOf(all);
    }

    /**
     * Trains a model of the spec's family on {@code data} with {@code seed}. Unset parameters take the
     * family's defaults ({@code Config.defaults()}); {@code threads} never changes the result.
     * <ul>
     *   <li>{@code als}: factors, lambda, alpha, iterations, threads</li>
     *   <li>{@code item-knn}: neighbours, similarity ({@code cosine} or {@code adjusted-cosine}), shrinkage,
     *       binary ({@code true}/{@code false}), threads; deterministic, the seed is not used</li>
     *   <li>{@code biased-mf}: factors, lambda, iterations, threads</li>
     *   <li>{@code bpr}: factors, learningRate, regularization, biasRegularization, epochs, itemBias
     *       ({@code true}/{@code false}), foldInNegatives, threads</li>
     *   <li>{@code pop}: none; the seed is not used</li>
     * </ul>
     *
     * @throws IllegalArgumentException for an unknown family, an unknown parameter, a value that does not
     *                                  parse or is out of range; the message names the family, the parameter
     *                                  and what was expected
     */
    public static Recommender train(ModelSpec spec, Dataset data, long seed) {
        return switch (spec.family()) {
            case ImplicitAls.FAMILY -> {
                spec.requireKnown(List.of("factors", "iterations", "lambda", "alpha", "threads"));
                ImplicitAls.Config d = ImplicitAls.Config.defaults();
                yield ImplicitAls.train(data, config(spec, () -> new ImplicitAls.Config(
                        spec.intParam("factors", d.factors()), spec.doubleParam("lambda", d.lambda()),
                        spec.doubleParam("alpha", d.alpha()), spec.intParam("iterations", d.iterations()), seed,
                        spec.intParam("threads", d.threads()))));
            }
            case ItemKnn.FAMILY -> {
                spec.requireKnown(List.of("neighbours", "similarity", "shrinkage", "binary", "threads"));
                ItemKnn.Config d = ItemKnn.Config.defaults();
                yield ItemKnn.train(data, config(spec, () -> new ItemKnn.Config(
                        spec.intParam("neighbours", d.neighbours()), spec.choiceParam("similarity", ItemKnn.Similarity.class, d.similarity()),
                        spec.doubleParam("shrinkage", d.shrinkage()), spec.booleanParam("binary", d.binary()),
                        spec.intParam("threads", d.threads()))));
            }
            case BiasedMf.FAMILY -> {
                spec.requireKnown(List.of("factors", "lambda", "iterations", "threads"));
                BiasedMf.Config d = BiasedMf.Config.defaults();
                yield BiasedMf.train(data, config(spec, () -> new BiasedMf.Config(
                        spec.intParam("factors", d.factors()), spec.doubleParam("lambda", d.lambda()),
                        spec.intParam("iterations", d.iterations()), seed, spec.intParam("threads", d.threads()))));
            }
            case BprMf.FAMILY -> {
                spec.requireKnown(List.of("factors", "learningRate", "regularization", "biasRegularization", "epochs",
                        "itemBias", "foldInNegatives", "threads"));
                BprMf.Config d = BprMf.Config.defaults();
                yield BprMf.train(data, config(spec, () -> new BprMf.Config(
                        spec.intParam("factors", d.factors()), spec.doubleParam("learningRate", d.learningRate()),
                        spec.doubleParam("regularization", d.regularization()),
                        spec.doubleParam("biasRegularization", d.biasRegularization()),
                        spec.intParam("epochs", d.epochs()), spec.booleanParam("itemBias", d.itemBias()),
                        spec.intParam("foldInNegatives", d.foldInNegatives()), seed,
                        spec.intParam("threads", d.threads()))));
            }
            case Popularity.FAMILY -> {
                spec.requireKnown(List.of());
                yield Popularity.train(data);
            }
            case FactorizationMachine.FAMILY -> {
                spec.requireKnown(List.of("factors", "loss", "learningRate", "regularization", "epochs", "negatives",
                        "initStd"));
                FactorizationMachine.Config d = FactorizationMachine.Config.defaults();
                yield FactorizationMachine.train(data, config(spec, () -> new FactorizationMachine.Config(
                        spec.intParam("factors", d.factors()), spec.choiceParam("loss", FactorizationMachine.Loss.class, d.loss()),
                        spec.doubleParam("learningRate", d.learningRate()),
                        spec.doubleParam("regularization", d.regularization()), spec.intParam("epochs", d.epochs()),
                        spec.intParam("negatives", d.negatives()), spec.doubleParam("initStd", d.initStd()), seed)));
            }
            default -> {
                if (Peers.families().contains(spec.family())) {
                    yield Peers.train(spec, data, seed);
                }
                throw new IllegalArgumentException("unknown model family '" + spec.family() + "'; known: "
                        + String.join(", ", trainableFamilies()));
            }
        };
    }

    /**
     * Builds a family's configuration record, prefixing the family to the record's range errors (which name
     * the parameter) so that every error of {@link #train} names both.
     */
    private static <C> C config(ModelSpec spec, Supplier<C> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String prefix = spec.family() + ": ";
            String message = String.valueOf(e.getMessage());
            // parsing errors of ModelSpec already name the family
            throw message.startsWith(prefix) ? e : new IllegalArgumentException(prefix + message, e);
        }
    }

    /**
     * Saves a model of any family by its family's {@code save} (for callers that hold a {@link Recommender}
     * from {@link #train}); {@link #load(Path)} reads it back.
     *
     * @throws IllegalArgumentException if the model's class has no file format
     * @throws IOException              if the file cannot be written
     */
    public static void save(Recommender model, Path path) throws IOException {
        if (model instanceof ImplicitAls m) {
            m.save(path);
        } else if (model instanceof ItemKnn m) {
            m.save(path);
        } else if (model instanceof BiasedMf m) {
            m.save(path);
        } else if (model instanceof BprMf m) {
            m.save(path);
        } else if (model instanceof FactorizationMachine m) {
            m.save(path);
        } else if (model instanceof Popularity m) {
            m.save(path);
        } else {
            throw new IllegalArgumentException("cannot save a " + model.getClass().getName() + " ('"
                    + model.info().family() + "'): this library saves " + String.join(", ", families()));
        }
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
        return read(ModelFile.read(path));
    }

    /**
     * Reads the body of a model file of a built-in family, whose header {@code r} has read.
     *
     * @throws org.recxplain.model.io.ModelFormatException if the family is not built in, or the body is
     *                                                     truncated or inconsistent
     * @throws IOException                                 if the file cannot be read
     */
    public static Recommender read(ModelReader r) throws IOException {
        return switch (r.family()) {
            case ImplicitAls.FAMILY -> ImplicitAls.read(r);
            case ItemKnn.FAMILY -> ItemKnn.read(r);
            case BiasedMf.FAMILY -> BiasedMf.read(r);
            case BprMf.FAMILY -> BprMf.read(r);
            case Popularity.FAMILY -> Popularity.read(r);
            case FactorizationMachine.FAMILY -> FactorizationMachine.read(r);
            default -> throw r.error("unknown model family '" + r.family() + "'; this library reads "
                    + String.join(", ", families()));
        };
    }
}

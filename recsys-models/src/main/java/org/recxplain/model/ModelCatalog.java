package org.recxplain.model;

import org.recxplain.data.Dataset;
import org.recxplain.model.io.ModelFile;
import org.recxplain.model.io.ModelReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The model families a tool offers: the built-in ones of {@link Models} plus families plugged in with
 * {@link #with(ModelFamily)}. A plain immutable value, composed explicitly by whoever needs more families (the
 * command-line tool adds NeuMF); there is no global registry.
 *
 * <p>Thread-safety: immutable; every method is safe to call concurrently.
 */
public final class ModelCatalog {
    private static final ModelCatalog BUILT_IN = new ModelCatalog(Map.of());

    private final Map<String, ModelFamily> extra;

    private ModelCatalog(Map<String, ModelFamily> extra) {
        this.extra = extra;
    }

    /** The built-in families of {@link Models}, the Mahout and LibRec peers included. */
    public static ModelCatalog builtIn() {
        return BUILT_IN;
    }

    /**
     * This catalog with one more family (this one is unchanged).
     *
     * @throws IllegalArgumentException if a family of that name is already in the catalog
     */
    public ModelCatalog with(ModelFamily family) {
        Objects.requireNonNull(family, "family");
        String name = Objects.requireNonNull(family.name(), "family name");
        if (trainableFamilies().contains(name)) {
            throw new IllegalArgumentException("the catalog already has a model family '" + name + "'");
        }
        Map<String, ModelFamily> more = new LinkedHashMap<>(extra);
        more.put(name, family);
        return new ModelCatalog(java.util.Collections.unmodifiableMap(more));
    }

    /** The families {@link #load(Path)} reads and {@link #save} writes. */
    public List<String> families() {
        return concat(Models.families());
    }

    /** The families {@link #train} trains: the savable ones, then the peers. */
    public List<String> trainableFamilies() {
        return concat(Models.trainableFamilies());
    }

    private List<String> concat(List<String> builtIn) {
        List<String> all = new ArrayList<>(builtIn);
        all.addAll(extra.keySet());
        return List.copyOf(all);
    }

    /**
     * Trains a model of the spec's family (see {@link Models#train} for the built-in families' parameters).
     *
     * @throws IllegalArgumentException for an unknown family, an unknown parameter or a bad value; the message
     *                                  names the family, the parameter and what was expected
     */
    public Recommender train(ModelSpec spec, Dataset data, long seed) {
        Objects.requireNonNull(spec, "spec");
        ModelFamily f = extra.get(spec.family());
        if (f != null) {
            return f.train(spec, data, seed);
        }
        if (!Models.trainableFamilies().contains(spec.family())) {
            throw new IllegalArgumentException("unknown model family '" + spec.family() + "'; known: "
                    + String.join(", ", trainableFamilies()));
        }
        return Models.train(spec, data, seed);
    }

    /**
     * Saves a model of any family in the catalog.
     *
     * @throws IllegalArgumentException if the model's family has no file format
     * @throws IOException              if the file cannot be written
     */
    public void save(Recommender model, Path path) throws IOException {
        ModelFamily f = extra.get(model.info().family());
        if (f != null) {
            f.save(model, path);
        } else {
            Models.save(model, path);
        }
    }

    /**
     * Loads a model of any family in the catalog.
     *
     * @throws org.recxplain.model.io.ModelFormatException if the file is truncated, corrupted, of an unknown
     *                                                     family or an unsupported version; the message names
     *                                                     the file and the problem
     * @throws IOException                                 if the file cannot be read
     */
    public Recommender load(Path path) throws IOException {
        ModelReader r = ModelFile.read(path);
        ModelFamily f = extra.get(r.family());
        if (f != null) {
            return f.read(r);
        }
        if (!Models.families().contains(r.family())) {
            throw r.error("unknown model family '" + r.family() + "'; this tool reads "
                    + String.join(", ", families()));
        }
        return Models.read(r);
    }

    @Override
    public String toString() {
        return "ModelCatalog" + trainableFamilies();
    }
}

package org.recxplain.model;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.model.io.ModelCodec;
import org.recxplain.model.io.ModelFile;
import org.recxplain.model.io.ModelReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The popularity baseline: every user gets the same scores, the number of users who interacted with each
 * item. Immutable and thread-safe.
 */
public final class Popularity implements Recommender {
    /** The family name used in {@link ModelInfo} and in model files. */
    public static final String FAMILY = "pop";
    /** The format version of {@link #save(Path)}. */
    public static final int FORMAT_VERSION = 1;

    private final Dataset data;
    private final float[] counts;
    private final ModelInfo info;

    private Popularity(Dataset data) {
        this.data = data;
        Interactions x = data.interactions();
        counts = new float[x.numItems()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = x.itemDegree(i);
        }
        info = new ModelInfo(FAMILY, Map.of(), 0L, Fingerprint.of(counts));
    }

    /** Counts item popularity in {@code data}. */
    public static Popularity train(Dataset data) {
        return new Popularity(data);
    }

    /**
     * Saves the model in the project's model container ({@link ModelCodec} layout). The counts are not
     * stored: they are recounted from the stored training data on loading.
     *
     * @throws IOException if the file cannot be written
     */
    public void save(Path path) throws IOException {
        ModelCodec.write(path, FAMILY, FORMAT_VERSION, w -> { }, data, w -> { });
    }

    /**
     * Loads a model saved by {@link #save(Path)}.
     *
     * @throws org.recxplain.model.io.ModelFormatException if the file is not a popularity model, is truncated
     *                                                     or corrupted (the message names the file)
     * @throws IOException                                 if the file cannot be read
     */
    public static Popularity load(Path path) throws IOException {
        return read(ModelFile.read(path));
    }

    /** Reads the body of a popularity model file (see {@link Models#load(Path)}). */
    public static Popularity read(ModelReader r) throws IOException {
        return ModelCodec.read(r, FAMILY, FORMAT_VERSION, in -> null, (in, config, data) -> new Popularity(data));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Dataset data() {
        return data;
    }

    @Override
    public void scoreAll(int user, float[] out) {
        java.util.Objects.checkIndex(user, data.interactions().numUsers());
        System.arraycopy(counts, 0, out, 0, counts.length);
    }
}

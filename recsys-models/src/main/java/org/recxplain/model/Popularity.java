package org.recxplain.model;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;

import java.util.Map;

/**
 * The popularity baseline: every user gets the same scores, the number of users who interacted with each
 * item. Immutable and thread-safe.
 */
public final class Popularity implements Recommender {
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
        info = new ModelInfo("pop", Map.of(), 0L, Fingerprint.of(counts));
    }

    /** Counts item popularity in {@code data}. */
    public static Popularity train(Dataset data) {
        return new Popularity(data);
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

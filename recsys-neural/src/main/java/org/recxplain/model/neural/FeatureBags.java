package org.recxplain.model.neural;

import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;
import org.recxplain.model.fm.FeatureScaling;

/**
 * Side features of the users or the items as embedding bags: the pooled feature embedding of an entity is
 * {@code sum_f x_f E_f / n}, where x_f is the model input of feature f ({@link FeatureScaling}: 1 for a
 * categorical or multi-valued feature, the standardised value for a numeric one), E_f the feature's
 * embedding and n the number of features of the entity (mean pooling; an entity without features pools to
 * zero). Batches of entities come out as padded matrices of feature indices and weights
 * {@code x_f / n}; padding has index 0 and weight 0, so it adds nothing and gets no gradient.
 *
 * <p>Thread-safety: immutable.
 */
final class FeatureBags {
    private final FeatureScaling scaling;
    private final int[][] features;
    private final float[][] weights;

    private FeatureBags(FeatureScaling scaling, int[][] features, float[][] weights) {
        this.scaling = scaling;
        this.features = features;
        this.weights = weights;
    }

    /** The bags of every entity of {@code side}. */
    static FeatureBags of(SideFeatures side) {
        FeatureScaling scaling = FeatureScaling.of(side);
        int n = side.numEntities();
        int[][] f = new int[n][];
        float[][] w = new float[n][];
        for (int e = 0; e < n; e++) {
            Row r = side.of(e);
            f[e] = r.indices();
            w[e] = weightsOf(scaling, r);
        }
        return new FeatureBags(scaling, f, w);
    }

    private static float[] weightsOf(FeatureScaling scaling, Row r) {
        float[] w = new float[r.size()];
        for (int p = 0; p < w.length; p++) {
            w[p] = (float) (scaling.scale(r.indices()[p], r.values()[p]) / w.length);
        }
        return w;
    }

    /** Number of distinct features (rows of the embedding table); 0 when there are none. */
    int numFeatures() {
        return scaling.size();
    }

    /** The feature indices of one entity (shared array: do not modify). */
    int[] features(int entity) {
        return features[entity];
    }

    /** The weights x_f / n of one entity's features (shared array: do not modify). */
    float[] weights(int entity) {
        return weights[entity];
    }

    /** The padded bags of {@code entities} (repeats allowed). */
    Bag of(int[] entities) {
        int width = 0;
        for (int e : entities) {
            width = Math.max(width, features[e].length);
        }
        Bag bag = new Bag(entities.length, width);
        for (int r = 0; r < entities.length; r++) {
            bag.put(r, features[entities[r]], weights[entities[r]]);
        }
        return bag;
    }

    /**
     * The padded bags of explicit feature rows in raw units (as in
     * {@link org.recxplain.model.FeatureRecommender#scoreWithFeatures}).
     *
     * @throws IllegalArgumentException naming {@code what} if a row has a feature index this model does
     *                                  not know
     */
    Bag ofRows(Row[] rows, String what) {
        int width = 0;
        for (Row r : rows) {
            width = Math.max(width, r.size());
        }
        Bag bag = new Bag(rows.length, width);
        for (int p = 0; p < rows.length; p++) {
            Row r = rows[p];
            for (int f : r.indices()) {
                if (f < 0 || f >= scaling.size()) {
                    throw new IllegalArgumentException(what + " feature index " + f + " at position " + p
                            + " is not in 0.." + (scaling.size() - 1));
                }
            }
            bag.put(p, r.indices(), weightsOf(scaling, r));
        }
        return bag;
    }

    /** A padded batch: {@code count} rows of {@code width} (index, weight) pairs, row-major. */
    static final class Bag {
        final int count;
        final int width;
        final int[] indices;
        final float[] weights;

        Bag(int count, int width) {
            this.count = count;
            this.width = width;
            this.indices = new int[count * width];
            this.weights = new float[count * width];
        }

        void put(int row, int[] f, float[] w) {
            System.arraycopy(f, 0, indices, row * width, f.length);
            System.arraycopy(w, 0, weights, row * width, w.length);
        }
    }
}

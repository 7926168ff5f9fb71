package org.recxplain.model.neural;

import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;
import org.recxplain.model.fm.FeatureScaling;

/**
 * Side features of the users or the items as embedding bags: the pooled feature embedding of an entity is
 * {@code sum_f x_f E_f / n}, where x_f is the model input of feature f ({@link FeatureScaling}: 1 for a
 * categorical or multi-valued feature, the standardised value for a numeric one), E_f the feature's
 * embedding and n the number of features of the entity (mean pooling; an entity without features pools to
 * zero). A batch of entities comes out as a sparse matrix of the weights {@code x_f / n} ({@link Bag}), so
 * pooling costs O(entries x k_F) however many features the richest entity has.
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

    /** The bags of {@code entities} (repeats allowed), one row each. */
    Bag of(int[] entities) {
        Bag bag = new Bag(entities.length, scaling.size());
        for (int r = 0; r < entities.length; r++) {
            bag.put(r, features[entities[r]], weights[entities[r]]);
        }
        return bag;
    }

    /**
     * The bags of explicit feature rows in raw units (as in
     * {@link org.recxplain.model.FeatureRecommender#scoreWithFeatures}).
     *
     * @throws IllegalArgumentException naming {@code what} if a row has a feature index this model does
     *                                  not know
     */
    Bag ofRows(Row[] rows, String what) {
        Bag bag = new Bag(rows.length, scaling.size());
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

    /**
     * A batch of bags as a sparse [count, features] matrix in coordinate form: the pooled embeddings of the
     * batch are this matrix times the embedding table. Not thread-safe while being filled.
     */
    static final class Bag {
        final int count;
        final int features;
        private final it.unimi.dsi.fastutil.longs.LongArrayList rows = new it.unimi.dsi.fastutil.longs.LongArrayList();
        private final it.unimi.dsi.fastutil.longs.LongArrayList cols = new it.unimi.dsi.fastutil.longs.LongArrayList();
        private final it.unimi.dsi.fastutil.floats.FloatArrayList values =
                new it.unimi.dsi.fastutil.floats.FloatArrayList();

        Bag(int count, int features) {
            this.count = count;
            this.features = features;
        }

        void put(int row, int[] f, float[] w) {
            for (int p = 0; p < f.length; p++) {
                rows.add(row);
                cols.add(f[p]);
                values.add(w[p]);
            }
        }

        /** Number of stored (row, feature) entries. */
        int entries() {
            return values.size();
        }

        long[] rowIndices() {
            return rows.toLongArray();
        }

        long[] featureIndices() {
            return cols.toLongArray();
        }

        float[] weights() {
            return values.toFloatArray();
        }
    }
}

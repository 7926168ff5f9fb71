package org.recxplain.data;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.Arrays;

/**
 * Sparse side features of a set of entities (the items or the users of a data set): for each entity
 * index, a {@link Row} of feature indices with values (1 for categorical and multi-valued features, the
 * number for numeric ones). Feature names come from the {@link FeatureDictionary}.
 *
 * <p>Thread-safety: immutable. An entity without features has an empty row.
 */
public final class SideFeatures {
    private final FeatureDictionary dictionary;
    private final int[] ptr;
    private final int[] features;
    private final float[] values;

    private SideFeatures(FeatureDictionary dictionary, int[] ptr, int[] features, float[] values) {
        this.dictionary = dictionary;
        this.ptr = ptr;
        this.features = features;
        this.values = values;
    }

    /** No features for {@code n} entities. */
    public static SideFeatures none(int n) {
        return new SideFeatures(FeatureDictionary.empty(), new int[n + 1], new int[0], new float[0]);
    }

    public FeatureDictionary dictionary() {
        return dictionary;
    }

    /** Number of entities (equal to the number of items, or of users, of the data set). */
    public int numEntities() {
        return ptr.length - 1;
    }

    /** Number of distinct features. */
    public int numFeatures() {
        return dictionary.size();
    }

    /** The features of one entity, ascending by feature index (a fresh copy; no timestamps). */
    public Row of(int entity) {
        if (entity < 0 || entity >= numEntities()) {
            throw new IndexOutOfBoundsException("entity " + entity + " not in 0.." + (numEntities() - 1));
        }
        return new Row(Arrays.copyOfRange(features, ptr[entity], ptr[entity + 1]),
                Arrays.copyOfRange(values, ptr[entity], ptr[entity + 1]), null);
    }

    /** Readable labels of one entity's features, e.g. {@code [genre=Comedy, year]}. */
    public java.util.List<String> labels(int entity) {
        int[] f = of(entity).indices();
        java.util.List<String> out = new java.util.ArrayList<>(f.length);
        for (int x : f) {
            out.add(dictionary.name(x));
        }
        return out;
    }

    /**
     * Collects features entity by entity. Entities are dense indices (use the data set's {@link IdMap});
     * each (entity, feature) pair keeps its last value. Values must be finite. Not thread-safe.
     */
    public static final class Builder {
        private final FeatureDictionary.Builder dict = new FeatureDictionary.Builder();
        private final IntArrayList ent = new IntArrayList();
        private final IntArrayList feat = new IntArrayList();
        private final FloatArrayList val = new FloatArrayList();

        /** Adds a categorical or multi-valued feature {@code group=value} with value 1. */
        public Builder add(int entity, String group, FeatureKind kind, String value) {
            return put(entity, dict.add(group, kind, value), 1f);
        }

        /** Adds a numeric feature. */
        public Builder addNumeric(int entity, String group, float value) {
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("feature '" + group + "' of entity " + entity
                        + " must be finite, got " + value);
            }
            return put(entity, dict.add(group, FeatureKind.NUMERIC, null), value);
        }

        /** Registers a feature name without assigning it to an entity (so that it has a stable index). */
        public int declare(String group, FeatureKind kind, String value) {
            return dict.add(group, kind, value);
        }

        private Builder put(int entity, int feature, float value) {
            if (entity < 0) {
                throw new IllegalArgumentException("negative entity index " + entity);
            }
            ent.add(entity);
            feat.add(feature);
            val.add(value);
            return this;
        }

        /** Builds features for {@code numEntities} entities; entities never mentioned get none. */
        public SideFeatures build(int numEntities) {
            int n = ent.size();
            long[] keys = new long[n];
            long[] order = new long[n];
            for (int p = 0; p < n; p++) {
                if (ent.getInt(p) >= numEntities) {
                    throw new IllegalArgumentException("entity " + ent.getInt(p) + " not in 0.." + (numEntities - 1));
                }
                keys[p] = ((long) ent.getInt(p) << 32) | feat.getInt(p);
                order[p] = p;
            }
            it.unimi.dsi.fastutil.longs.LongArrays.radixSort(keys, order);
            int[] ptr = new int[numEntities + 1];
            IntArrayList f = new IntArrayList(n);
            FloatArrayList v = new FloatArrayList(n);
            for (int s = 0; s < n; s++) {
                int p = (int) order[s];
                if (s + 1 < n && keys[s + 1] == keys[s]) {
                    continue; // the last value of a repeated (entity, feature) pair wins
                }
                ptr[ent.getInt(p) + 1]++;
                f.add(feat.getInt(p));
                v.add(val.getFloat(p));
            }
            for (int e = 0; e < numEntities; e++) {
                ptr[e + 1] += ptr[e];
            }
            return new SideFeatures(dict.build(), ptr, f.toIntArray(), v.toFloatArray());
        }
    }
}

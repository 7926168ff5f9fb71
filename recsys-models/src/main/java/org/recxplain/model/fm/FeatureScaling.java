package org.recxplain.model.fm;

import org.recxplain.data.FeatureDictionary;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;

/**
 * How raw side-feature values become model inputs.
 * <ul>
 *   <li>A numeric feature is standardised, (v - mean) / sd, with the mean and population standard deviation
 *       over the entities that have it (sd taken as 1 when it is 0 or fewer than two entities have the
 *       feature).</li>
 *   <li>A categorical feature keeps its value (1 when present).</li>
 *   <li>A multi-valued feature is normalised within its group, per entity: its value is divided by the
 *       number of features of that group the entity has in the data set ({@code x_f = 1 / |group features
 *       present|} for the usual 0/1 multi-hot fields), so that every multi-valued group of an entity
 *       contributes a total input mass of 1 however many values it has. This is the usual
 *       factorisation-machine practice for multi-hot fields (a movie with 179 tags must not weigh 179 times a
 *       movie with one): without it the pairwise term grows with the square of the number of values and SGD
 *       diverges. The divisor is the entity's own count, also when a perturbed row of the entity is scored
 *       (a row without some of its features, as explainers build them): switching a feature off then removes
 *       exactly that feature's terms, so the model stays second order in the on/off pattern and its
 *       per-input decomposition stays exact. Only for a group the entity has no value of in the data does
 *       the row's own count serve.</li>
 * </ul>
 * An absent feature is input 0, so switching a numeric feature off sets it to its mean.
 *
 * <p>Thread-safety: immutable.
 */
public final class FeatureScaling {
    private final boolean[] numeric;
    /** Per feature: the index of its group when the group is multi-valued, else -1. */
    private final int[] multiGroup;
    private final int groups;
    private final double[] mean;
    private final double[] sd;
    /** Per entity and group ({@code entity * groups + group}): the entity's number of values of the group. */
    private final int[] counts;
    private final int entities;

    private FeatureScaling(boolean[] numeric, int[] multiGroup, int groups, int[] counts, int entities,
                           double[] mean, double[] sd) {
        this.numeric = numeric;
        this.multiGroup = multiGroup;
        this.groups = groups;
        this.counts = counts;
        this.entities = entities;
        this.mean = mean;
        this.sd = sd;
    }

    /** Measures the numeric features of {@code features}. */
    public static FeatureScaling of(SideFeatures features) {
        FeatureDictionary dict = features.dictionary();
        int n = dict.size();
        boolean[] numeric = new boolean[n];
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        long[] count = new long[n];
        int[] multiGroup = new int[n];
        java.util.List<String> groupNames = dict.groups();
        for (int f = 0; f < n; f++) {
            numeric[f] = dict.kind(f) == FeatureKind.NUMERIC;
            multiGroup[f] = dict.kind(f) == FeatureKind.MULTI_VALUED ? groupNames.indexOf(dict.group(f)) : -1;
        }
        for (int e = 0; e < features.numEntities(); e++) {
            Row r = features.of(e);
            for (int p = 0; p < r.size(); p++) {
                int f = r.indices()[p];
                if (numeric[f]) {
                    sum[f] += r.values()[p];
                    count[f]++;
                }
            }
        }
        double[] mean = new double[n];
        for (int f = 0; f < n; f++) {
            mean[f] = count[f] == 0 ? 0 : sum[f] / count[f];
        }
        for (int e = 0; e < features.numEntities(); e++) {
            Row r = features.of(e);
            for (int p = 0; p < r.size(); p++) {
                int f = r.indices()[p];
                if (numeric[f]) {
                    double d = r.values()[p] - mean[f];
                    sumSq[f] += d * d;
                }
            }
        }
        double[] sd = new double[n];
        for (int f = 0; f < n; f++) {
            double s = count[f] < 2 ? 0 : Math.sqrt(sumSq[f] / count[f]);
            sd[f] = s > 0 ? s : 1;
        }
        int entities = features.numEntities();
        int groups = groupNames.size();
        int[] counts = new int[entities * groups];
        for (int e = 0; e < entities; e++) {
            Row r = features.of(e);
            for (int p = 0; p < r.size(); p++) {
                int g = multiGroup[r.indices()[p]];
                if (g >= 0) {
                    counts[e * groups + g]++;
                }
            }
        }
        return new FeatureScaling(numeric, multiGroup, groups, counts, entities, mean, sd);
    }

    /** Number of features. */
    public int size() {
        return numeric.length;
    }

    /**
     * The model input for raw value {@code raw} of feature {@code f}, before the per-entity normalisation of
     * multi-valued groups (see {@link #scaleRow(Row)}): standardised for numeric features, unchanged otherwise.
     */
    public double scale(int f, float raw) {
        return numeric[f] ? (raw - mean[f]) / sd[f] : raw;
    }

    /**
     * The model inputs of a feature row of entity {@code entity} (its own row or a perturbed one), in the
     * row's order: {@link #scale(int, float)} of every entry, with the entries of each multi-valued group
     * divided by the entity's number of values of that group in the data set (by the row's number when the
     * entity has none in the data).
     *
     * @throws IndexOutOfBoundsException if the entity is out of range or the row names a feature outside
     *                                   0..size()-1
     */
    public double[] scaleRow(int entity, Row row) {
        java.util.Objects.checkIndex(entity, entities);
        int n = row.size();
        int[] idx = row.indices();
        float[] raw = row.values();
        double[] out = new double[n];
        int[] own = null;
        for (int p = 0; p < n; p++) {
            int f = java.util.Objects.checkIndex(idx[p], numeric.length);
            out[p] = scale(f, raw[p]);
            int g = multiGroup[f];
            if (g >= 0 && counts[entity * groups + g] == 0) {
                if (own == null) {
                    own = new int[groups];
                }
                own[g]++;
            }
        }
        for (int p = 0; p < n; p++) {
            int g = multiGroup[idx[p]];
            if (g >= 0) {
                int c = counts[entity * groups + g];
                out[p] /= c > 0 ? c : own[g];
            }
        }
        return out;
    }

    /** Whether feature {@code f} is multi-valued (normalised within its group per entity). */
    public boolean isMultiValued(int f) {
        return multiGroup[f] >= 0;
    }

    /** Whether feature {@code f} is numeric (standardised). */
    public boolean isNumeric(int f) {
        return numeric[f];
    }

    /** The mean of a numeric feature (0 for others). */
    public double mean(int f) {
        return numeric[f] ? mean[f] : 0;
    }

    /** The standard deviation used for a numeric feature (1 for others). */
    public double sd(int f) {
        return numeric[f] ? sd[f] : 1;
    }
}

package org.recxplain.model.fm;

import org.recxplain.data.FeatureDictionary;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;

/**
 * How raw side-feature values become model inputs. Categorical and multi-valued features keep their value
 * (1 when present). A numeric feature is standardised, (v - mean) / sd, with the mean and population
 * standard deviation over the entities that have it (sd taken as 1 when it is 0 or fewer than two entities
 * have the feature). An absent feature is input 0, so switching a numeric feature off sets it to its mean.
 *
 * <p>Thread-safety: immutable.
 */
public final class FeatureScaling {
    private final boolean[] numeric;
    private final double[] mean;
    private final double[] sd;

    private FeatureScaling(boolean[] numeric, double[] mean, double[] sd) {
        this.numeric = numeric;
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
        for (int f = 0; f < n; f++) {
            numeric[f] = dict.kind(f) == FeatureKind.NUMERIC;
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
        return new FeatureScaling(numeric, mean, sd);
    }

    /** Number of features. */
    public int size() {
        return numeric.length;
    }

    /** The model input for raw value {@code raw} of feature {@code f}. */
    public double scale(int f, float raw) {
        return numeric[f] ? (raw - mean[f]) / sd[f] : raw;
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

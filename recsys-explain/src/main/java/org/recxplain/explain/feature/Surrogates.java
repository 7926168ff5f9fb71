package org.recxplain.explain.feature;

import java.util.Arrays;
import java.util.Locale;

/**
 * The surrogate steps LIME and LIME-RS share: a kernel-weighted ridge fit (weights rescaled to mean 1, so
 * that the ridge penalty means the same at every sample size; the exhaustive and emulated fits use the total
 * weight of the budget), top-k selection by |coefficient| and the
 * fidelity note. Stateless and thread-safe.
 */
final class Surrogates {
    private Surrogates() {
    }

    /** A kernel-weighted ridge fit with an intercept over all columns of {@code x}, weights of mean 1. */
    static WeightedLeastSquares.Fit fit(double[][] x, int m, double[] y, double[] w, double ridge) {
        return fit(x, m, y, w, ridge, w.length);
    }

    /** As {@link #fit(double[][], int, double[], double[], double)}, with weights rescaled to sum {@code total}. */
    static WeightedLeastSquares.Fit fit(double[][] x, int m, double[] y, double[] w, double ridge, double total) {
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        double[] scaled = new double[w.length];
        for (int s = 0; s < w.length; s++) {
            scaled[s] = w[s] * total / sum;
        }
        return WeightedLeastSquares.fit(x, WeightedLeastSquares.allColumns(m), y, scaled, ridge, true);
    }

    /**
     * The {@code k} candidates with the largest |coef|, largest first; ties go to the lower candidate.
     *
     * @param candidates positions in {@code coef} that may be reported
     */
    static int[] top(double[] coef, int[] candidates, int k) {
        Integer[] order = new Integer[candidates.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = candidates[j];
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(Math.abs(coef[b]), Math.abs(coef[a]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int n = Math.min(k, order.length);
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = order[j];
        }
        return out;
    }

    /** "local fidelity R² = 0.83 on 200 held-out samples (surrogate fitted on 1000)". */
    static String fidelityNote(double r2, int samples, int heldOut, boolean exhaustive) {
        return exhaustive
                ? String.format(Locale.ROOT, "local fidelity R² = %.3f over all %d perturbations", r2, samples)
                : String.format(Locale.ROOT, "local fidelity R² = %.3f on %d held-out samples (surrogate fitted on %d)",
                r2, heldOut, samples);
    }
}

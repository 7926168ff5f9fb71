package org.recxplain.explain.feature;

import org.recxplain.model.linalg.Cholesky;

/**
 * The population LIME surrogate through a second-order emulator, the variance-reduced estimator of the
 * stabilised LIME. Masks and their model values are fitted, by kernel-weighted least squares, with
 * h(z) = c + sum a_f z_f + sum_{f &lt; g} b_fg z_f z_g; the LIME ridge surrogate of h under the
 * population objective of {@link MaskDesign#strataWeights} is then computed exactly from the closed-form
 * moments of the mask distribution. Within a stratum with k of m players on, every mask is equally likely,
 * so E[z_f] = k/m, E[z_f z_g] = k(k-1) / (m(m-1)) and E[z_f z_g z_h] = k(k-1)(k-2) / (m(m-1)(m-2)) for
 * distinct players; only these three numbers per stratum enter the normal equations.
 *
 * <p>When the model is at most second order in the masks (a factorisation machine is) the emulator is
 * exact and so is the result: it equals the fit over every mask, whatever the seed. Otherwise it is a
 * regression estimator of the same target, with the part of the model the emulator explains removed from
 * the sampling noise. It needs more samples than emulator terms, 1 + m + m(m-1)/2.
 *
 * <p>Stateless and thread-safe.
 */
final class QuadraticEmulator {
    private QuadraticEmulator() {
    }

    /** Number of emulator terms for m players, the intercept included. */
    static int terms(int m) {
        return 1 + m + m * (m - 1) / 2;
    }

    /** The quadratic features of a mask: the m indicators, then z_f z_g for f &lt; g. */
    static double[] features(boolean[] z) {
        int m = z.length;
        double[] x = new double[terms(m) - 1];
        int q = 0;
        for (int f = 0; f < m; f++) {
            x[q++] = z[f] ? 1 : 0;
        }
        for (int f = 0; f < m; f++) {
            for (int g = f + 1; g < m; g++) {
                x[q++] = z[f] && z[g] ? 1 : 0;
            }
        }
        return x;
    }

    /**
     * Fits the emulator to (masks, y) with weights w and returns the population LIME surrogate of it.
     *
     * @param strata the population weight of each stratum by number of players on (0..m)
     * @param ridge  the ridge penalty of the linear surrogate
     */
    static WeightedLeastSquares.Fit limeFit(boolean[][] masks, double[] y, double[] w, int m, double[] strata,
                                            double ridge) {
        double[][] x = new double[masks.length][];
        for (int s = 0; s < masks.length; s++) {
            x[s] = features(masks[s]);
        }
        WeightedLeastSquares.Fit h = WeightedLeastSquares.fit(x, WeightedLeastSquares.allColumns(terms(m) - 1), y, w,
                0, true);
        double[] coef = h.coef();
        double[] a = java.util.Arrays.copyOf(coef, m);
        double[][] b = new double[m][m];
        for (int f = 0, q = m; f < m; f++) {
            for (int g = f + 1; g < m; g++) {
                b[f][g] = coef[q];
                b[g][f] = coef[q++];
            }
        }
        return project(h.intercept(), a, b, strata, ridge);
    }

    /**
     * The weighted ridge linear fit (unpenalised intercept) of h(z) = c + a.z + sum_{f&lt;g} b_fg z_f z_g
     * under the population with stratum weights {@code strata} (b symmetric, zero diagonal).
     */
    static WeightedLeastSquares.Fit project(double c, double[] a, double[][] b, double[] strata, double ridge) {
        int m = a.length;
        double total = 0;
        double e1 = 0;
        double e2 = 0;
        double e3 = 0;
        for (int k = 0; k <= m; k++) {
            double om = strata[k];
            total += om;
            e1 += om * k / m;
            e2 += m < 2 ? 0 : om * k * (k - 1.0) / (m * (m - 1.0));
            e3 += m < 3 ? 0 : om * k * (k - 1.0) * (k - 2.0) / (m * (m - 1.0) * (m - 2.0));
        }
        double sumA = 0;
        double sumB = 0;
        double[] rowB = new double[m];
        for (int f = 0; f < m; f++) {
            sumA += a[f];
            for (int g = 0; g < m; g++) {
                rowB[f] += b[f][g];
            }
            sumB += rowB[f];
        }
        sumB /= 2; // every pair counted twice
        double sy = c * total + e1 * sumA + e2 * sumB;
        double[] cxy = new double[m];
        for (int f = 0; f < m; f++) {
            double szy = c * e1 + a[f] * e1 + e2 * (sumA - a[f]) + e2 * rowB[f] + e3 * (sumB - rowB[f]);
            cxy[f] = szy - e1 * sy / total;
        }
        // centred Gram: (e1 - e2) I + (e2 - e1^2 / total) J, plus the ridge
        double[] gram = new double[m * m];
        for (int f = 0; f < m; f++) {
            for (int g = 0; g <= f; g++) {
                gram[f * m + g] = (e2 - e1 * e1 / total) + (f == g ? e1 - e2 + ridge : 0);
            }
        }
        double[] beta = new Cholesky(gram, m).solve(cxy);
        double sumBeta = 0;
        for (double v : beta) {
            sumBeta += v;
        }
        double intercept = (sy - e1 * sumBeta) / total;
        return new WeightedLeastSquares.Fit(intercept, WeightedLeastSquares.allColumns(m), beta);
    }
}

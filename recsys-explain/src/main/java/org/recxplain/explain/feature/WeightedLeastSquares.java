package org.recxplain.explain.feature;

import org.recxplain.model.linalg.Cholesky;

/**
 * Weighted (ridge) least squares for the surrogate models: minimises
 * sum_s w_s (y_s - b - x_s . beta)^2 + ridge |beta|^2 with an unpenalised intercept b (or none), by the
 * normal equations and a Cholesky solve, O(n m^2 + m^3). Columns are given as a selection of the design's
 * columns, so that a refit on selected features needs no copy. Stateless and thread-safe.
 */
final class WeightedLeastSquares {
    private WeightedLeastSquares() {
    }

    /** A fitted linear model over the selected columns. */
    record Fit(double intercept, int[] columns, double[] coef) {
        double predict(double[] x) {
            double s = intercept;
            for (int j = 0; j < columns.length; j++) {
                s += coef[j] * x[columns[j]];
            }
            return s;
        }
    }

    /** All columns 0..m-1. */
    static int[] allColumns(int m) {
        int[] c = new int[m];
        for (int j = 0; j < m; j++) {
            c[j] = j;
        }
        return c;
    }

    /**
     * Fits the model.
     *
     * @param x         design rows (each of the design's full width)
     * @param columns   the columns to use
     * @param y         targets
     * @param w         non-negative sample weights, not all zero
     * @param ridge     the L2 penalty (&ge; 0); with 0 a singular system gets a tiny relative jitter
     * @param intercept whether to fit an unpenalised intercept (by centring)
     */
    static Fit fit(double[][] x, int[] columns, double[] y, double[] w, double ridge, boolean intercept) {
        int n = y.length;
        int m = columns.length;
        double sw = 0;
        double[] mx = new double[m];
        double my = 0;
        for (int s = 0; s < n; s++) {
            sw += w[s];
        }
        if (!(sw > 0)) {
            throw new IllegalArgumentException("sample weights sum to " + sw);
        }
        if (intercept) {
            for (int s = 0; s < n; s++) {
                double ws = w[s] / sw;
                my += ws * y[s];
                for (int j = 0; j < m; j++) {
                    mx[j] += ws * x[s][columns[j]];
                }
            }
        }
        double[] a = new double[m * m];
        double[] b = new double[m];
        double[] row = new double[m];
        for (int s = 0; s < n; s++) {
            if (w[s] == 0) {
                continue;
            }
            for (int j = 0; j < m; j++) {
                row[j] = x[s][columns[j]] - mx[j];
            }
            double r = y[s] - my;
            for (int i = 0; i < m; i++) {
                double wi = w[s] * row[i];
                b[i] += wi * r;
                for (int j = 0; j <= i; j++) {
                    a[i * m + j] += wi * row[j];
                }
            }
        }
        double[] beta = m == 0 ? new double[0] : solve(a, b, m, ridge);
        double icpt = my;
        for (int j = 0; j < m; j++) {
            icpt -= beta[j] * mx[j];
        }
        return new Fit(intercept ? icpt : 0, columns.clone(), beta);
    }

    /** From this many unknowns on, the factorisation is cache-blocked ({@link BlockedCholesky}). */
    static final int BLOCKED_FROM = 256;

    /** Solves (A + ridge I) beta = b (lower triangle of A given); jitters a singular unpenalised system. */
    static double[] solve(double[] a, double[] b, int m, double ridge) {
        double trace = 0;
        for (int j = 0; j < m; j++) {
            trace += a[j * m + j];
        }
        double jitter = ridge;
        for (int attempt = 0; ; attempt++) {
            double[] aj = a.clone();
            for (int j = 0; j < m; j++) {
                aj[j * m + j] += jitter;
            }
            try {
                return m >= BLOCKED_FROM ? BlockedCholesky.solve(aj, b, m) : new Cholesky(aj, m).solve(b);
            } catch (IllegalArgumentException singular) {
                if (attempt == 8) {
                    throw singular;
                }
                jitter = Math.max(jitter * 100, 1e-12 * Math.max(trace / m, 1e-300));
            }
        }
    }

    /** The weighted coefficient of determination 1 - SSE_w / SST_w of a fit on (x, y, w). */
    static double r2(Fit fit, double[][] x, double[] y, double[] w) {
        double sw = 0;
        double my = 0;
        for (int s = 0; s < y.length; s++) {
            sw += w[s];
            my += w[s] * y[s];
        }
        my /= sw;
        double sse = 0;
        double sst = 0;
        for (int s = 0; s < y.length; s++) {
            double e = y[s] - fit.predict(x[s]);
            double d = y[s] - my;
            sse += w[s] * e * e;
            sst += w[s] * d * d;
        }
        return sst > 0 ? 1 - sse / sst : (sse > 0 ? Double.NEGATIVE_INFINITY : 1);
    }
}

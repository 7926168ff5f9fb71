package org.recxplain.model.als;

import org.recxplain.data.Row;
import org.recxplain.model.linalg.Cholesky;

/**
 * The ALS half-step of a row with few entries by the Woodbury identity. With A_0 = F^T F + lambda I shared by
 * every row of a sweep (F the fixed factors), a row with r entries solves
 * <pre>  (A_0 + sum_p d_p y_p y_p^T) x = sum_p t_p y_p,   d_p = c_p - 1 = alpha v_p,  t_p = c_p [v_p &gt; 0]</pre>
 * (Y = [y_1 .. y_r]) as x = Z t - Z S (I + S K S)^-1 S K t with W = A_0^-1 (computed once per sweep),
 * Z = W Y (k x r), K = Y^T W Y, S = diag(sqrt(d)): O(r k^2 + r^2 k + r^3) instead of the direct
 * O(r k^2 + k^3). The matrix
 * I + S K S has eigenvalues of at least 1, so the small solve is well conditioned. The same solution as the
 * direct half-step to rounding (tested); worth it up to about k / 4 entries, which most items of a sparse
 * data set have.
 *
 * <p>Thread-safety: immutable; each call works in its own arrays.
 */
final class LowRankSolver {
    private final int k;
    /** W = A_0^-1, one array per row. */
    private final double[][] inverse;

    LowRankSolver(double[] gram, int k, double lambda) {
        this.k = k;
        double[] a = gram.clone();
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        double[] w = new Cholesky(a, k).inverse();
        this.inverse = new double[k][];
        for (int f = 0; f < k; f++) {
            inverse[f] = java.util.Arrays.copyOfRange(w, f * k, f * k + k);
        }
    }

    /** The most entries of a row that this solver takes (beyond, the direct solve is cheaper). */
    int maxEntries() {
        return k / 4;
    }

    /**
     * Overwrites {@code x} (length k) with the row's solution.
     *
     * @param fixed the fixed factors, row-major [rows, k]
     */
    void solve(Row row, double[] fixed, double alpha, double[] x) {
        int[] idx = row.indices();
        float[] val = row.values();
        int r = idx.length;
        double[][] z = new double[r][k];
        double[] s = new double[r];
        double[] t = new double[r];
        for (int p = 0; p < r; p++) {
            double c = 1 + alpha * val[p];
            s[p] = Math.sqrt(c - 1);
            t[p] = val[p] > 0 ? c : 0;
            // z_p = W y_p = sum_b y_pb W_b (W symmetric): rows of W added in turn
            double[] zp = z[p];
            int off = idx[p] * k;
            for (int b = 0; b < k; b++) {
                double y = fixed[off + b];
                double[] wb = inverse[b];
                for (int f = 0; f < k; f++) {
                    zp[f] += y * wb[f];
                }
            }
        }
        // K t and the small system I + S K S
        double[] m = new double[r * r];
        double[] kt = new double[r];
        for (int p = 0; p < r; p++) {
            int off = idx[p] * k;
            for (int q = 0; q <= p; q++) {
                double kpq = 0;
                double[] zq = z[q];
                for (int f = 0; f < k; f++) {
                    kpq += fixed[off + f] * zq[f];
                }
                m[p * r + q] = (p == q ? 1 : 0) + s[p] * kpq * s[q];
                kt[p] += kpq * t[q];
                if (q != p) {
                    kt[q] += kpq * t[p];
                }
            }
        }
        double[] w = new double[r];
        for (int p = 0; p < r; p++) {
            w[p] = s[p] * kt[p];
        }
        new Cholesky(m, r).solveInPlace(w);
        java.util.Arrays.fill(x, 0, k, 0);
        for (int p = 0; p < r; p++) {
            double coefficient = t[p] - s[p] * w[p];
            double[] zp = z[p];
            for (int f = 0; f < k; f++) {
                x[f] += coefficient * zp[f];
            }
        }
    }
}

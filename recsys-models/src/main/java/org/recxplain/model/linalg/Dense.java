package org.recxplain.model.linalg;

/**
 * Small dense kernels over row-major {@code double[]} factor matrices (row r of a matrix with k columns
 * starts at {@code r * k}). Stateless and thread-safe.
 */
public final class Dense {
    private Dense() {
    }

    /** The dot product of row {@code ra} of {@code a} and row {@code rb} of {@code b}, both with k columns. */
    public static double dot(double[] a, int ra, double[] b, int rb, int k) {
        int oa = ra * k;
        int ob = rb * k;
        double s = 0;
        for (int f = 0; f < k; f++) {
            s += a[oa + f] * b[ob + f];
        }
        return s;
    }

    /**
     * {@code out[r] = m[r] . x[xRow]} for every row r of m (both with k columns), rounded to float: the
     * batch scoring kernel.
     */
    public static void scoreRows(double[] m, double[] x, int xRow, int k, float[] out) {
        int rows = m.length / k;
        for (int r = 0; r < rows; r++) {
            out[r] = (float) dot(m, r, x, xRow, k);
        }
    }

    /** The Gram matrix M^T M (k x k, row-major) of a row-major matrix with k columns, summed in row order. */
    public static double[] gram(double[] m, int k) {
        int rows = m.length / k;
        int[] all = new int[rows];
        double[] ones = new double[rows];
        for (int r = 0; r < rows; r++) {
            all[r] = r;
            ones[r] = 1;
        }
        double[] g = new double[k * k];
        addOuters(g, m, k, all, ones, rows);
        return g;
    }

    /** {@code g += w * v v^T} (lower triangle and diagonal only), where v = m[off .. off+k). */
    public static void addOuter(double[] g, double[] m, int off, double w, int k) {
        for (int i = 0; i < k; i++) {
            double wi = w * m[off + i];
            int ri = i * k;
            for (int j = 0; j <= i; j++) {
                g[ri + j] += wi * m[off + j];
            }
        }
    }

    /**
     * {@code g += sum_p weights[p] v_p v_p^T} over p &lt; n, with v_p row {@code rows[p]} of m (lower triangle
     * and diagonal only): {@link #addOuter} for each p in turn, with the same sums in the same order, so the
     * same bits. The triangle is accumulated in one array per row, which the JIT vectorises (over one flat
     * array at two offsets it cannot tell that the rows do not overlap, and does not): about 2.5 times
     * faster for k = 64.
     */
    public static void addOuters(double[] g, double[] m, int k, int[] rows, double[] weights, int n) {
        double[][] t = new double[k][];
        for (int i = 0; i < k; i++) {
            t[i] = java.util.Arrays.copyOfRange(g, i * k, i * k + i + 1);
        }
        double[] v = new double[k];
        for (int p = 0; p < n; p++) {
            System.arraycopy(m, rows[p] * k, v, 0, k);
            double w = weights[p];
            for (int i = 0; i < k; i++) {
                double wi = w * v[i];
                double[] ti = t[i];
                for (int j = 0; j <= i; j++) {
                    ti[j] += wi * v[j];
                }
            }
        }
        for (int i = 0; i < k; i++) {
            System.arraycopy(t[i], 0, g, i * k, i + 1);
        }
    }

    /** Copies the lower triangle into the upper one, so that a matrix built with {@link #addOuter} is full. */
    public static void symmetrize(double[] g, int k) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                g[j * k + i] = g[i * k + j];
            }
        }
    }
}

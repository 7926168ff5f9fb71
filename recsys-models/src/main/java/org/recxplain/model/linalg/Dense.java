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
        double[] g = new double[k * k];
        int rows = m.length / k;
        for (int r = 0; r < rows; r++) {
            addOuter(g, m, r * k, 1.0, k);
        }
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

    /** Copies the lower triangle into the upper one, so that a matrix built with {@link #addOuter} is full. */
    public static void symmetrize(double[] g, int k) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                g[j * k + i] = g[i * k + j];
            }
        }
    }
}

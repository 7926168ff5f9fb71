package org.recxplain.model.linalg;

/** Gaussian elimination with partial pivoting for small, possibly indefinite systems. Stateless. */
public final class Gauss {
    private Gauss() {
    }

    /**
     * Solves A x = b for a row-major m x m matrix; {@code a} and {@code b} are not modified.
     *
     * @throws ArithmeticException if A is singular
     */
    public static double[] solve(double[] a, double[] b, int m) {
        a = a.clone();
        b = b.clone();
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r * m + col]) > Math.abs(a[piv * m + col])) {
                    piv = r;
                }
            }
            if (a[piv * m + col] == 0) {
                throw new ArithmeticException("singular system at column " + col);
            }
            if (piv != col) {
                for (int c = 0; c < m; c++) {
                    double tmp = a[col * m + c];
                    a[col * m + c] = a[piv * m + c];
                    a[piv * m + c] = tmp;
                }
                double tmp = b[col];
                b[col] = b[piv];
                b[piv] = tmp;
            }
            for (int r = col + 1; r < m; r++) {
                double f = a[r * m + col] / a[col * m + col];
                if (f != 0) {
                    for (int c = col; c < m; c++) {
                        a[r * m + c] -= f * a[col * m + c];
                    }
                    b[r] -= f * b[col];
                }
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < m; c++) {
                s -= a[r * m + c] * x[c];
            }
            x[r] = s / a[r * m + r];
        }
        return x;
    }
}

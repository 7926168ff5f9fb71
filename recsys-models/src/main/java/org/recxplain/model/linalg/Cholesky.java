package org.recxplain.model.linalg;

/**
 * The Cholesky factorisation A = L L^T of a small dense symmetric positive-definite matrix, stored
 * row-major in a {@code double[k*k]}. Used for every k x k solve in the factor models (a user's ALS
 * half-step, fold-in and the exact explanations built on it).
 *
 * <p>Thread-safety: immutable after construction; {@link #solveInPlace(double[])} only reads the factor,
 * so one instance may be shared by threads that each pass their own vectors.
 */
public final class Cholesky {
    private final int k;
    private final double[] l;

    /**
     * Factorises {@code a} (row-major k x k; only the lower triangle is read). {@code a} is not modified.
     *
     * @throws IllegalArgumentException if the matrix is not positive definite (for example, a zero
     *                                  regularisation with too few observations)
     */
    public Cholesky(double[] a, int k) {
        if (a.length < k * k) {
            throw new IllegalArgumentException("matrix has " + a.length + " entries, expected " + k * k);
        }
        this.k = k;
        this.l = new double[k * k];
        // 1 / l_jj: each entry of a row depends on the one before it, so a division per entry would be the
        // factorisation's critical path
        double[] inverseDiagonal = new double[k];
        for (int i = 0; i < k; i++) {
            int ri = i * k;
            for (int j = 0; j <= i; j++) {
                int rj = j * k;
                double s = a[ri + j] - dot(l, ri, rj, j);
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("matrix is not positive definite (pivot " + i + " = " + s + ")");
                    }
                    l[ri + i] = Math.sqrt(s);
                    inverseDiagonal[i] = 1 / l[ri + i];
                } else {
                    l[ri + j] = s * inverseDiagonal[j];
                }
            }
        }
    }

    /** Wraps a factor computed elsewhere (no copy). */
    private Cholesky(int k, double[] lower) {
        this.k = k;
        this.l = lower;
    }

    /**
     * The solver of an already computed factor L (row-major k x k; only the lower triangle with the diagonal
     * is read, by every method), for factorisations done another way (cache-blocked for large k). The array
     * is not copied and must not change afterwards.
     *
     * @throws IllegalArgumentException if {@code lower} has fewer than k * k entries
     */
    public static Cholesky ofFactor(double[] lower, int k) {
        if (lower.length < k * k) {
            throw new IllegalArgumentException("factor has " + lower.length + " entries, expected " + k * k);
        }
        return new Cholesky(k, lower);
    }

    /** The dimension k. */
    public int size() {
        return k;
    }

    /** Overwrites {@code b} with A^-1 b. */
    public void solveInPlace(double[] b) {
        // forward: L z = b
        for (int i = 0; i < k; i++) {
            int ri = i * k;
            double s = b[i];
            for (int p = 0; p < i; p++) {
                s -= l[ri + p] * b[p];
            }
            b[i] = s / l[ri + i];
        }
        // backward: L^T x = z
        for (int i = k - 1; i >= 0; i--) {
            double s = b[i];
            for (int p = i + 1; p < k; p++) {
                s -= l[p * k + i] * b[p];
            }
            b[i] = s / l[i * k + i];
        }
    }

    /** The quadratic form y^T A^-1 y = |L^-1 y|^2, by one forward substitution (O(k^2 / 2)). */
    public double inverseQuadratic(double[] y, int offset) {
        double[] z = new double[k];
        double q = 0;
        for (int i = 0; i < k; i++) {
            int ri = i * k;
            double s = y[offset + i];
            for (int p = 0; p < i; p++) {
                s -= l[ri + p] * z[p];
            }
            z[i] = s / l[ri + i];
            q += z[i] * z[i];
        }
        return q;
    }

    /** A^-1 b as a new array. */
    public double[] solve(double[] b) {
        double[] x = java.util.Arrays.copyOf(b, k);
        solveInPlace(x);
        return x;
    }

    /** The explicit inverse A^-1, row-major (costs O(k^3); for Sherman-Morrison style updates). */
    public double[] inverse() {
        double[] inv = new double[k * k];
        double[] e = new double[k];
        for (int c = 0; c < k; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            solveInPlace(e);
            for (int r = 0; r < k; r++) {
                inv[r * k + c] = e[r];
            }
        }
        return inv;
    }

    /**
     * sum_{p < n} l[ra + p] l[rb + p] with four independent partial sums (a single running sum waits on each
     * addition; this is the factorisation's inner loop, about three times faster for k = 64).
     */
    private static double dot(double[] l, int ra, int rb, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 3 < n; p += 4) {
            s0 += l[ra + p] * l[rb + p];
            s1 += l[ra + p + 1] * l[rb + p + 1];
            s2 += l[ra + p + 2] * l[rb + p + 2];
            s3 += l[ra + p + 3] * l[rb + p + 3];
        }
        for (; p < n; p++) {
            s0 += l[ra + p] * l[rb + p];
        }
        return (s0 + s1) + (s2 + s3);
    }
}

package org.recxplain.explain.feature;

import org.recxplain.model.linalg.Cholesky;

/**
 * A cache-blocked Cholesky solve for the large normal equations of KernelSHAP over long histories (thousands
 * of unknowns), where the row-by-row factorisation streams the whole factor once per row and is bound by
 * memory. Column blocks of {@value #BLOCK}: each block's rows stay in cache while every row below is updated
 * against them (four columns at a time), then the block is factorised and the panel below it solved. Same
 * arithmetic as the unblocked factorisation up to the order of the sums.
 *
 * <p>Stateless and thread-safe.
 */
final class BlockedCholesky {
    static final int BLOCK = 48;

    private BlockedCholesky() {
    }

    /** Row i, columns jb..cEnd: subtracts the dot products with the factorised columns 0..jb. */
    private static void updateRow(double[] l, int n, int i, int jb, int cEnd) {
        int ri = i * n;
        int c = jb;
        for (; c + 3 < cEnd; c += 4) {
            int r0 = c * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int p = 0; p < jb; p++) {
                double x = l[ri + p];
                s0 += x * l[r0 + p];
                s1 += x * l[r1 + p];
                s2 += x * l[r2 + p];
                s3 += x * l[r3 + p];
            }
            l[ri + c] -= s0;
            l[ri + c + 1] -= s1;
            l[ri + c + 2] -= s2;
            l[ri + c + 3] -= s3;
        }
        updateRow(l, n, i, c, cEnd, jb);
    }

    /** Rows i and i+1 (both below the block), columns jb..je, two rows by four columns at a time. */
    private static void updatePair(double[] l, int n, int i, int jb, int je) {
        int ri = i * n;
        int rj = ri + n;
        int c = jb;
        for (; c + 3 < je; c += 4) {
            int r0 = c * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double t0 = 0;
            double t1 = 0;
            double t2 = 0;
            double t3 = 0;
            for (int p = 0; p < jb; p++) {
                double x = l[ri + p];
                double y = l[rj + p];
                double c0 = l[r0 + p];
                double c1 = l[r1 + p];
                double c2 = l[r2 + p];
                double c3 = l[r3 + p];
                s0 += x * c0;
                s1 += x * c1;
                s2 += x * c2;
                s3 += x * c3;
                t0 += y * c0;
                t1 += y * c1;
                t2 += y * c2;
                t3 += y * c3;
            }
            l[ri + c] -= s0;
            l[ri + c + 1] -= s1;
            l[ri + c + 2] -= s2;
            l[ri + c + 3] -= s3;
            l[rj + c] -= t0;
            l[rj + c + 1] -= t1;
            l[rj + c + 2] -= t2;
            l[rj + c + 3] -= t3;
        }
        if (c < je) {
            updateRow(l, n, i, c, je, jb);
            updateRow(l, n, i + 1, c, je, jb);
        }
    }

    /** Row i, columns from..to, against the factorised columns 0..jb. */
    private static void updateRow(double[] l, int n, int i, int from, int to, int jb) {
        int ri = i * n;
        for (int c = from; c < to; c++) {
            int rc = c * n;
            double s = 0;
            for (int p = 0; p < jb; p++) {
                s += l[ri + p] * l[rc + p];
            }
            l[ri + c] -= s;
        }
    }

    /**
     * Solves A x = b for symmetric positive definite A (row-major n x n, lower triangle read; not modified).
     *
     * @throws IllegalArgumentException if A is not positive definite
     */
    static double[] solve(double[] a, double[] b, int n) {
        double[] l = a.clone();
        for (int jb = 0; jb < n; jb += BLOCK) {
            int je = Math.min(n, jb + BLOCK);
            // update columns jb..je of every row i >= jb with the already factorised columns 0..jb
            if (jb > 0) {
                int i = jb;
                while (i < n) {
                    if (i >= je && i + 1 < n) {
                        updatePair(l, n, i, jb, je);
                        i += 2;
                    } else {
                        updateRow(l, n, i, jb, Math.min(je, i + 1));
                        i++;
                    }
                }
            }
            // factorise the diagonal block, then solve the panel below it, within columns jb..je
            for (int i = jb; i < n; i++) {
                int ri = i * n;
                int cEnd = Math.min(je, i + 1);
                for (int c = jb; c < cEnd; c++) {
                    int rc = c * n;
                    double s = l[ri + c];
                    for (int p = jb; p < c; p++) {
                        s -= l[ri + p] * l[rc + p];
                    }
                    if (c == i) {
                        if (!(s > 0)) {
                            throw new IllegalArgumentException("matrix is not positive definite (pivot " + i + " = "
                                    + s + ")");
                        }
                        l[ri + c] = Math.sqrt(s);
                    } else {
                        l[ri + c] = s / l[rc + c];
                    }
                }
            }
        }
        return Cholesky.ofFactor(l, n).solve(b);
    }
}

package org.recxplain.model.linalg;

import java.util.Arrays;

/**
 * Exact removal of observations from a ridge-type user system A x = b, where each observation j of the
 * user's history contributes {@code d_j r_j r_j^T} to A and {@code c_j r_j} to b, with r_j a row of a fixed
 * design matrix (the item factors). Implicit ALS (d = c - 1, c = confidence x preference) and explicit
 * biased MF (d = 1, c = the rating's residual target) are both of this form.
 *
 * <p>Removing j alone (Sherman-Morrison): with z = A^-1 r_j, g = r_j^T z and h = r_j^T x,
 * <pre>
 *   x' = x - z (c_j - d_j h) / (1 - d_j g),     A'^-1 = A^-1 + d_j z z^T / (1 - d_j g).
 * </pre>
 * For a set S, Woodbury gives x' with one |S| x |S| solve in O(|S| k^2 + |S|^3). With the design fixed
 * this is exactly the solve of the reduced system, i.e. the fold-in on the reduced history.
 *
 * <p>Thread-safety: immutable after construction (g and h are precomputed, the explicit inverse is built
 * lazily and idempotently); {@link Downdate} is mutable and single-threaded.
 */
public final class RankOneRemoval {
    private final double[] rows;
    private final int k;
    private final int[] items;
    private final double[] c;
    private final double[] d;
    private final double[] g;
    private final double[] h;
    private final double[] x;
    private final Cholesky system;
    private volatile double[] inverse;

    /**
     * @param rows     the design rows, row-major with k columns (not copied: must not change)
     * @param items    the history's rows, ascending
     * @param d        the weight of each history row's outer product in A
     * @param c        the weight of each history row in b
     * @param system   the factorised A of the full history
     * @param solution x = A^-1 b (copied)
     */
    public RankOneRemoval(double[] rows, int k, int[] items, double[] d, double[] c, Cholesky system, double[] solution) {
        if (items.length != d.length || items.length != c.length || system.size() != k || solution.length != k) {
            throw new IllegalArgumentException("inconsistent removal system: " + items.length + " items, " + d.length
                    + " weights, " + c.length + " coefficients, k=" + k);
        }
        this.rows = rows;
        this.k = k;
        this.items = items.clone();
        this.c = c.clone();
        this.d = d.clone();
        this.system = system;
        this.x = solution.clone();
        this.g = new double[items.length];
        this.h = new double[items.length];
        for (int p = 0; p < items.length; p++) {
            g[p] = system.inverseQuadratic(rows, items[p] * k);
            h[p] = dot(items[p], x);
        }
    }

    /** The history rows, ascending (a copy); positions in it index the arrays returned below. */
    public int[] historyItems() {
        return items.clone();
    }

    /** x of the full history (a copy). */
    public double[] solution() {
        return x.clone();
    }

    /** r_item . v */
    public double dot(int item, double[] v) {
        return Dense.dot(rows, item, v, 0, k);
    }

    /**
     * For each history entry j (in history order), the coefficient a_j such that removing j alone changes x
     * by -a_j A^-1 r_j, and so r_i . x by -a_j r_i^T A^-1 r_j.
     */
    public double[] singleRemovalCoefficients() {
        double[] a = new double[items.length];
        for (int p = 0; p < a.length; p++) {
            a[p] = (c[p] - d[p] * h[p]) / (1 - d[p] * g[p]);
        }
        return a;
    }

    /** The change of r_item . x when each history entry is removed alone (history order), in O(k^2 + |H| k). */
    public double[] changesOfSingleRemovals(int item) {
        return changesAlong(system.solve(row(item)));
    }

    /**
     * The change of (r_a - r_b) . x that removing each history entry alone would cause (negative values
     * narrow the gap), in O(k^2 + |H| k).
     */
    public double[] gapChangesOfSingleRemovals(int a, int b) {
        double[] diff = row(a);
        for (int f = 0; f < k; f++) {
            diff[f] -= rows[b * k + f];
        }
        return changesAlong(system.solve(diff));
    }

    private double[] changesAlong(double[] v) {
        double[] coef = singleRemovalCoefficients();
        double[] out = new double[items.length];
        for (int p = 0; p < items.length; p++) {
            out[p] = -dot(items[p], v) * coef[p];
        }
        return out;
    }

    private double[] row(int item) {
        return Arrays.copyOfRange(rows, item * k, item * k + k);
    }

    /**
     * x after removing every history entry in {@code removedItems} at once (Woodbury, in
     * O(|S| k^2 + |S|^3)); items absent from the history are ignored.
     */
    public double[] solutionWithout(int... removedItems) {
        int[] pos = positions(removedItems);
        int s = pos.length;
        // b' = b - sum c r; A'^-1 b' = W b' + (W U) K^-1 (W U)^T b', K = D^-1 - U^T W U over entries with d != 0
        double[] wb = x.clone();
        double[][] wu = new double[s][];
        for (int q = 0; q < s; q++) {
            wu[q] = system.solve(row(items[pos[q]]));
            for (int f = 0; f < k; f++) {
                wb[f] -= c[pos[q]] * wu[q][f];
            }
        }
        int[] active = Arrays.stream(pos).filter(p -> d[p] != 0).toArray();
        int m = active.length;
        if (m == 0) {
            return wb;
        }
        double[][] wuActive = new double[m][];
        for (int q = 0, r = 0; q < s; q++) {
            if (d[pos[q]] != 0) {
                wuActive[r++] = wu[q];
            }
        }
        double[] kmat = new double[m * m];
        double[] t = new double[m];
        for (int r = 0; r < m; r++) {
            int item = items[active[r]];
            for (int col = 0; col < m; col++) {
                kmat[r * m + col] = (r == col ? 1 / d[active[r]] : 0) - dot(item, wuActive[col]);
            }
            t[r] = dot(item, wb); // (W U)^T b' = U^T (W b'), W symmetric
        }
        double[] sol = Gauss.solve(kmat, t, m);
        for (int r = 0; r < m; r++) {
            for (int f = 0; f < k; f++) {
                wb[f] += wuActive[r][f] * sol[r];
            }
        }
        return wb;
    }

    private int[] positions(int[] removedItems) {
        int[] sorted = removedItems.clone();
        Arrays.sort(sorted);
        return Arrays.stream(sorted).distinct().map(i -> Arrays.binarySearch(items, i)).filter(p -> p >= 0).toArray();
    }

    /** The explicit inverse of the full system, computed once (O(k^3)) and shared by downdates. */
    private double[] inverse() {
        double[] w = inverse;
        if (w == null) {
            w = system.inverse();
            inverse = w;
        }
        return w;
    }

    /** Starts a sequence of one-at-a-time exact removals (for greedy counterfactual search). */
    public Downdate downdate() {
        return new Downdate();
    }

    /**
     * Removals applied one at a time by Sherman-Morrison on the explicit inverse, each in O(k^2). Not
     * thread-safe: one per search.
     */
    public final class Downdate {
        private final double[] w = inverse().clone();
        private final double[] xc = x.clone();
        private final boolean[] removed = new boolean[items.length];
        private int count;

        private Downdate() {
        }

        /** Removes the history entry at {@code position} (an index into {@link #historyItems()}). */
        public void remove(int position) {
            if (removed[position]) {
                throw new IllegalStateException("history entry " + position + " already removed");
            }
            double[] r = row(items[position]);
            double[] z = applyInverse(r);
            double gg = 0;
            double hh = 0;
            for (int f = 0; f < k; f++) {
                gg += r[f] * z[f];
                hh += r[f] * xc[f];
            }
            double denom = 1 - d[position] * gg;
            double coef = (c[position] - d[position] * hh) / denom;
            double upd = d[position] / denom;
            for (int i = 0; i < k; i++) {
                xc[i] -= z[i] * coef;
                int o = i * k;
                for (int j = 0; j < k; j++) {
                    w[o + j] += upd * z[i] * z[j];
                }
            }
            removed[position] = true;
            count++;
        }

        /** Whether the entry at {@code position} has been removed. */
        public boolean isRemoved(int position) {
            return removed[position];
        }

        /** Number of removals so far. */
        public int removedCount() {
            return count;
        }

        /** The current solution (a copy). */
        public double[] solution() {
            return xc.clone();
        }

        /** The current r_item . x. */
        public double score(int item) {
            return dot(item, xc);
        }

        /** The current inverse times v (O(k^2)). */
        public double[] applyInverse(double[] v) {
            double[] out = new double[k];
            for (int i = 0; i < k; i++) {
                double s = 0;
                int o = i * k;
                for (int j = 0; j < k; j++) {
                    s += w[o + j] * v[j];
                }
                out[i] = s;
            }
            return out;
        }
    }
}

package org.recxplain.model.als;

import org.recxplain.data.Row;
import org.recxplain.model.linalg.Cholesky;
import org.recxplain.model.linalg.Dense;

import java.util.Arrays;

/**
 * Exact "what if this user had not interacted with these items" for implicit ALS, without refitting.
 *
 * <p>Removing interaction j (value r_j, confidence c_j = 1 + alpha r_j, preference p_j, d_j = c_j - 1)
 * changes the user's system by A' = A - d_j y_j y_j^T and b' = b - c_j p_j y_j. With z = A^-1 y_j,
 * g = y_j^T z and h = y_j^T x (Sherman-Morrison),
 * <pre>
 *   x' = x - z (c_j p_j - d_j h) / (1 - d_j g),     A'^-1 = A^-1 + d_j z z^T / (1 - d_j g).
 * </pre>
 * For a set S, Woodbury gives the same with one |S| x |S| solve in O(|S| k^2 + |S|^3). With the item
 * factors fixed this is exactly the ALS user half-step on the reduced history, i.e. the fold-in: the
 * results equal {@link ImplicitAls#userSystem(Row)} on the reduced history to rounding.
 *
 * <p>Thread-safety: a {@code AlsRemoval} is immutable after construction (it precomputes the per-history
 * quantities g and h once per user) and may be shared; {@link Downdate} is mutable and single-threaded.
 */
public final class AlsRemoval {
    private final ImplicitAls model;
    private final ImplicitAls.UserSystem system;
    private final int k;
    private final int[] items;
    private final double[] cp;
    private final double[] d;
    private final double[] g;
    private final double[] h;
    private final double[] x;
    private final double[] yf;
    private volatile double[] inverse;

    /** Prepares exact removals from {@code user}'s training history (one factorisation, O(|H| k^2)). */
    public AlsRemoval(ImplicitAls model, int user) {
        this(model, model.userSystem(user));
    }

    /** Prepares exact removals from the history of an existing user system. */
    public AlsRemoval(ImplicitAls model, ImplicitAls.UserSystem system) {
        this.model = model;
        this.system = system;
        this.k = model.factors();
        this.yf = model.itemFactorsView();
        Row hist = system.history();
        this.items = hist.indices();
        int n = items.length;
        this.cp = new double[n];
        this.d = new double[n];
        this.g = new double[n];
        this.h = new double[n];
        this.x = system.factor();
        for (int p = 0; p < n; p++) {
            float v = hist.values()[p];
            double c = model.confidence(v);
            cp[p] = c * ImplicitAls.preference(v);
            d[p] = c - 1;
            g[p] = system.inverseQuadratic(items[p]);
            h[p] = dotItem(items[p], x);
        }
    }

    /** The user system of the full history. */
    public ImplicitAls.UserSystem system() {
        return system;
    }

    /** The history items, ascending (a copy); positions in it index the arrays returned below. */
    public int[] historyItems() {
        return items.clone();
    }

    /**
     * For each history entry j (in history order), the coefficient a_j such that removing j alone changes
     * the user factor by -a_j A^-1 y_j, and so the score of any item i by -a_j y_i^T A^-1 y_j.
     */
    public double[] singleRemovalCoefficients() {
        double[] a = new double[items.length];
        for (int p = 0; p < a.length; p++) {
            a[p] = (cp[p] - d[p] * h[p]) / (1 - d[p] * g[p]);
        }
        return a;
    }

    /**
     * The score of {@code item} after removing each history entry on its own (in history order), exactly,
     * in O(k^2 + |H| k) given this object.
     */
    public double[] scoresAfterSingleRemovals(int item) {
        double[] v = system.applyInverse(model.itemFactor(item));
        double before = system.score(item);
        double[] a = singleRemovalCoefficients();
        double[] out = new double[items.length];
        for (int p = 0; p < items.length; p++) {
            out[p] = before - dotItem(items[p], v) * a[p];
        }
        return out;
    }

    /** y_item . v */
    double dotItem(int item, double[] v) {
        return Dense.dot(yf, item, v, 0, k);
    }

    /**
     * For the gap score(a) - score(b), the change that removing each history entry alone would cause (in
     * history order; negative values narrow the gap), in O(k^2 + |H| k).
     */
    public double[] gapChangesOfSingleRemovals(int a, int b) {
        double[] diff = new double[k];
        for (int f = 0; f < k; f++) {
            diff[f] = yf[a * k + f] - yf[b * k + f];
        }
        double[] v = system.applyInverse(diff);
        double[] coef = singleRemovalCoefficients();
        double[] out = new double[items.length];
        for (int p = 0; p < items.length; p++) {
            out[p] = -dotItem(items[p], v) * coef[p];
        }
        return out;
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

    /**
     * The user factor after removing every history entry in {@code removedItems} at once (Woodbury, in
     * O(|S| k^2 + |S|^3)); items absent from the history are ignored.
     */
    public double[] factorWithout(int... removedItems) {
        int[] pos = positions(removedItems);
        int s = pos.length;
        // b' = b - sum c p y; A'^-1 b' = W b' + (W U) K^-1 (W U)^T b', K = D^-1 - U^T W U over entries with d > 0
        double[] wb = x.clone();
        double[][] wu = new double[s][];
        for (int q = 0; q < s; q++) {
            wu[q] = system.applyInverse(model.itemFactor(items[pos[q]]));
            for (int f = 0; f < k; f++) {
                wb[f] -= cp[pos[q]] * wu[q][f];
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
        for (int r = 0; r < m; r++) {
            double[] yr = model.itemFactor(items[active[r]]);
            for (int c = 0; c < m; c++) {
                double dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += yr[f] * wuActive[c][f];
                }
                kmat[r * m + c] = (r == c ? 1 / d[active[r]] : 0) - dot;
            }
        }
        // t = (W U)^T b' = U^T (W b') since W is symmetric
        double[] t = new double[m];
        for (int r = 0; r < m; r++) {
            double[] yr = model.itemFactor(items[active[r]]);
            double dot = 0;
            for (int f = 0; f < k; f++) {
                dot += yr[f] * wb[f];
            }
            t[r] = dot;
        }
        double[] sol = solveGeneral(kmat, t, m);
        for (int r = 0; r < m; r++) {
            for (int f = 0; f < k; f++) {
                wb[f] += wuActive[r][f] * sol[r];
            }
        }
        return wb;
    }

    /** All item scores after removing {@code removedItems} at once (Woodbury), into {@code out}. */
    public void scoreAllWithout(float[] out, int... removedItems) {
        Dense.scoreRows(yf, factorWithout(removedItems), 0, k, out);
    }

    private int[] positions(int[] removedItems) {
        int[] sorted = removedItems.clone();
        Arrays.sort(sorted);
        return Arrays.stream(sorted).distinct().map(i -> Arrays.binarySearch(items, i)).filter(p -> p >= 0).toArray();
    }

    /** Solves the small (possibly indefinite) system K s = t by Gaussian elimination with partial pivoting. */
    private static double[] solveGeneral(double[] a, double[] b, int m) {
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
                throw new ArithmeticException("singular Woodbury system: the removal leaves A singular");
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
        double[] xs = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < m; c++) {
                s -= a[r * m + c] * xs[c];
            }
            xs[r] = s / a[r * m + r];
        }
        return xs;
    }

    /** Starts a sequence of one-at-a-time exact removals (for greedy counterfactual search). */
    public Downdate downdate() {
        return new Downdate();
    }

    /**
     * A mutable state of removals applied one at a time by Sherman-Morrison on the explicit inverse, each
     * in O(k^2). Not thread-safe: one per search.
     */
    public final class Downdate {
        private final double[] w;
        private final double[] xc;
        private final boolean[] removed = new boolean[items.length];
        private int count;

        private Downdate() {
            this.w = inverse().clone();
            this.xc = x.clone();
        }

        /** Removes the history entry at {@code position} (an index into {@link #historyItems()}). */
        public void remove(int position) {
            if (removed[position]) {
                throw new IllegalStateException("history entry " + position + " already removed");
            }
            double[] y = model.itemFactor(items[position]);
            double[] z = applyInverse(y);
            double gg = 0;
            double hh = 0;
            for (int f = 0; f < k; f++) {
                gg += y[f] * z[f];
                hh += y[f] * xc[f];
            }
            double denom = 1 - d[position] * gg;
            double coef = (cp[position] - d[position] * hh) / denom;
            double upd = d[position] / denom;
            for (int r = 0; r < k; r++) {
                xc[r] -= z[r] * coef;
                int o = r * k;
                for (int c = 0; c < k; c++) {
                    w[o + c] += upd * z[r] * z[c];
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

        /** The current user factor (a copy). */
        public double[] factor() {
            return xc.clone();
        }

        /** The current score of {@code item}. */
        public double score(int item) {
            return dotItem(item, xc);
        }

        /** The current inverse times v (O(k^2)). */
        public double[] applyInverse(double[] v) {
            double[] out = new double[k];
            for (int r = 0; r < k; r++) {
                double s = 0;
                int o = r * k;
                for (int c = 0; c < k; c++) {
                    s += w[o + c] * v[c];
                }
                out[r] = s;
            }
            return out;
        }
    }
}

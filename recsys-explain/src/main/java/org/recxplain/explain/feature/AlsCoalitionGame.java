package org.recxplain.explain.feature;

import org.recxplain.data.Row;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.linalg.Cholesky;
import org.recxplain.model.linalg.Dense;

import java.util.Arrays;

/**
 * The coalition values of {@link InteractionShapExplainer} for implicit ALS in closed form: the score of the
 * item with only the coalition S of the history kept, A_S = Y^T Y + lambda I + sum_{j in S} d_j y_j y_j^T and
 * b_S = sum_{j in S} cp_j y_j (d = c - 1, cp = c p). A coalition that differs from the empty or the full
 * history by r &le; k entries is a rank-r update of the empty system (shared by all users) or a downdate of
 * the user's full one; Woodbury with the precomputed W y_j gives its score in O(r^2 k + r^3) instead of a
 * fold-in's O(|S| k^2 + k^3); the kernel entries y_a W y_b are computed once per evaluation of the game
 * (histories up to {@value #CACHED_UP_TO} entries). Larger differences
 * build A_S from the nearer end, O(r k^2 + k^3), where a coalition and its complement (next to each other
 * under paired sampling) share the sum over their r differing entries. Values are rounded to float, as
 * {@code FoldIn.scoreFolded} returns them, so they equal the fold-in values to rounding.
 *
 * <p>Thread-safety: immutable; the per-target state lives in {@link #game}'s closure.
 */
final class AlsCoalitionGame {
    private final ImplicitAls model;
    private final int k;
    private final double[] y;
    private final double[] emptyMatrix;
    private final double[] emptyInverse;

    AlsCoalitionGame(ImplicitAls model) {
        this.model = model;
        this.k = model.factors();
        this.y = model.itemFactors();
        ImplicitAls.UserSystem empty = model.userSystem(Row.EMPTY);
        this.emptyMatrix = empty.matrix();
        this.emptyInverse = empty.inverse();
    }

    /** The game of one (user, item) target over {@code history}. */
    KernelShap.Game game(Row history, int item) {
        int m = history.size();
        int[] idx = history.indices();
        double[] d = new double[m];
        double[] cp = new double[m];
        // the Woodbury path takes square roots of c - 1; a value below zero (confidence below 1) takes the
        // direct path for every coalition
        boolean woodbury = true;
        for (int p = 0; p < m; p++) {
            double c = model.confidence(history.values()[p]);
            d[p] = c - 1;
            cp[p] = c * ImplicitAls.preference(history.values()[p]);
            woodbury &= d[p] >= 0;
        }
        boolean useWoodbury = woodbury;
        ImplicitAls.UserSystem full = model.userSystem(history);
        double[] fullMatrix = full.matrix();
        double[] fullInverse = full.inverse();
        double[] xf = full.factor();
        double[] bf = new double[k];
        for (int p = 0; p < m; p++) {
            for (int f = 0; f < k; f++) {
                bf[f] += cp[p] * y[idx[p] * k + f];
            }
        }
        double sf = Dense.dot(y, item, xf, 0, k);
        // z0_j = W0 y_j and zf_j = Wf y_j (rows), q = y_i . z, h_j = y_j . x_f
        double[] z0 = new double[m * k];
        double[] zf = new double[m * k];
        double[] q0 = new double[m];
        double[] qf = new double[m];
        double[] h = new double[m];
        for (int p = 0; p < m; p++) {
            int off = idx[p] * k;
            for (int a = 0; a < k; a++) {
                double s0 = 0;
                double s1 = 0;
                for (int b = 0; b < k; b++) {
                    s0 += emptyInverse[a * k + b] * y[off + b];
                    s1 += fullInverse[a * k + b] * y[off + b];
                }
                z0[p * k + a] = s0;
                zf[p * k + a] = s1;
            }
            q0[p] = Dense.dot(z0, p, y, item, k);
            qf[p] = Dense.dot(zf, p, y, item, k);
            h[p] = Dense.dot(y, idx[p], xf, 0, k);
        }
        return masks -> {
            // K_ab = z_a . y_b for history positions a >= b, computed on first use: coalitions share most pairs
            Kernel k0 = useWoodbury ? new Kernel(z0, idx) : null;
            Kernel kf = useWoodbury ? new Kernel(zf, idx) : null;
            double[] out = new double[masks.length];
            // the entries' sums of the last direct coalition: its complement, which paired sampling puts next to
            // it, removes from the full system what it adds to the empty one
            Entries last = null;
            for (int s = 0; s < masks.length; s++) {
                boolean[] mask = masks[s];
                int in = MaskDesign.onCount(mask);
                boolean grow = in <= m - in;
                int r = grow ? in : m - in;
                int[] set = new int[r];
                for (int p = 0, q = 0; p < m; p++) {
                    if (mask[p] == grow) {
                        set[q++] = p;
                    }
                }
                double v;
                if (r == 0) {
                    v = grow ? 0 : sf;
                } else if (r <= k && useWoodbury) {
                    v = grow ? woodbury(set, d, cp, k0, q0, null, 0, 1)
                            : woodbury(set, d, cp, kf, qf, h, sf, -1);
                } else {
                    if (last == null || !Arrays.equals(last.set, set)) {
                        last = entries(set, d, cp, idx);
                    }
                    v = direct(last, grow, grow ? emptyMatrix : fullMatrix, grow ? null : bf, item);
                }
                out[s] = (float) v;
            }
            return out;
        };
    }

    /**
     * The score after adding ({@code sign = 1}, from the empty system, h = null, base = 0) or removing
     * ({@code sign = -1}, from the full system) the entries {@code set}: with G = I + sign D^1/2 K D^1/2 and
     * K_ab = y_a^T W y_b, the score is base + sign (q . cp_S) - (D^1/2 q)^T G^-1 D^1/2 (K cp_S - h_S)
     * (with h = 0 when adding).
     */
    private static double woodbury(int[] set, double[] d, double[] cp, Kernel kernel, double[] q, double[] h,
                                   double base, int sign) {
        int r = set.length;
        double[] g = new double[r * r];
        double[] sd = new double[r];
        for (int a = 0; a < r; a++) {
            sd[a] = Math.sqrt(d[set[a]]);
        }
        double[] kcp = new double[r];
        for (int a = 0; a < r; a++) {
            for (int b = 0; b <= a; b++) {
                double kab = kernel.at(set[a], set[b]);
                g[a * r + b] = (a == b ? 1 : 0) + sign * sd[a] * kab * sd[b];
                kcp[a] += kab * cp[set[b]];
                if (b != a) {
                    kcp[b] += kab * cp[set[a]];
                }
            }
        }
        double qcp = 0;
        double[] u = new double[r];
        double[] w = new double[r];
        for (int a = 0; a < r; a++) {
            qcp += q[set[a]] * cp[set[a]];
            u[a] = sd[a] * (kcp[a] - (h == null ? 0 : h[set[a]]));
            w[a] = sd[a] * q[set[a]];
        }
        new Cholesky(g, r).solveInPlace(u);
        double wu = 0;
        for (int a = 0; a < r; a++) {
            wu += w[a] * u[a];
        }
        return base + sign * qcp - wu;
    }

    /** Largest history whose kernel entries are cached in dense m x m arrays (9 MB for each of the two). */
    private static final int CACHED_UP_TO = 1024;

    /**
     * The entries K_ab = z_a . y_b (a &ge; b, positions in the history) of one game's Woodbury updates, each
     * computed once: a coalition of r entries needs r (r + 1) / 2 of them, and a game's thousands of coalitions
     * draw them from the same m (m + 1) / 2. Histories longer than {@value #CACHED_UP_TO} compute them afresh.
     * Not thread-safe: one per evaluation of the game.
     */
    private final class Kernel {
        private final double[] z;
        private final int[] idx;
        private final double[] cache;
        private final boolean[] known;

        Kernel(double[] z, int[] idx) {
            this.z = z;
            this.idx = idx;
            int m = idx.length;
            boolean cached = m <= CACHED_UP_TO;
            this.cache = cached ? new double[m * m] : null;
            this.known = cached ? new boolean[m * m] : null;
        }

        /** K_ab for a &ge; b. */
        double at(int a, int b) {
            if (cache == null) {
                return Dense.dot(z, a, y, idx[b], k);
            }
            int at = a * idx.length + b;
            if (!known[at]) {
                cache[at] = Dense.dot(z, a, y, idx[b], k);
                known[at] = true;
            }
            return cache[at];
        }
    }

    /** The sums over a set S of entries: sum_S d_j y_j y_j^T (lower triangle) and sum_S cp_j y_j. */
    private record Entries(int[] set, double[] outer, double[] linear) {
    }

    private Entries entries(int[] set, double[] d, double[] cp, int[] idx) {
        double[] outer = new double[k * k];
        double[] linear = new double[k];
        int[] rows = new int[set.length];
        double[] weights = new double[set.length];
        for (int q = 0; q < set.length; q++) {
            rows[q] = idx[set[q]];
            weights[q] = d[set[q]];
        }
        Dense.addOuters(outer, y, k, rows, weights, set.length);
        for (int p : set) {
            int off = idx[p] * k;
            for (int f = 0; f < k; f++) {
                linear[f] += cp[p] * y[off + f];
            }
        }
        return new Entries(set, outer, linear);
    }

    /**
     * The score with A_S = {@code start} plus ({@code grow}, from the empty system) or minus (from the full one)
     * the entries' outer products, and b_S = {@code bStart} (zero if null) plus or minus their linear sum.
     */
    private double direct(Entries e, boolean grow, double[] start, double[] bStart, int item) {
        double sign = grow ? 1 : -1;
        double[] a = start.clone();
        for (int r = 0; r < k; r++) {
            for (int c = 0; c <= r; c++) {
                a[r * k + c] += sign * e.outer[r * k + c];
            }
        }
        double[] b = bStart == null ? new double[k] : bStart.clone();
        for (int f = 0; f < k; f++) {
            b[f] += sign * e.linear[f];
        }
        new Cholesky(a, k).solveInPlace(b);
        return Dense.dot(y, item, b, 0, k);
    }
}

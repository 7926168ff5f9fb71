package org.recxplain.explain.feature;

import org.recxplain.data.Sampling;
import java.util.SplittableRandom;

/**
 * Perturbation designs over m players (feature masks: {@code true} = on) and the LIME kernel. Every
 * design targets the same distribution as vanilla LIME: the original input once, then masks that switch
 * off r players, with r uniform over 1..max(1, m-1) and the switched-off set uniform given r.
 *
 * <ul>
 *   <li>{@link #random}: vanilla LIME, independent draws.</li>
 *   <li>{@link #balanced}: the strata r are visited round-robin (so every prefix is stratified); within a
 *       stratum the switched-off sets are consecutive windows of a seeded random permutation of the
 *       players, reshuffled once every player has been covered equally often; each window of r players is
 *       followed by its antithetic mask (only the window switched on, i.e. m - r off). Each player is thus
 *       switched off equally often in every stratum, which removes most of the design noise of LIME.</li>
 *   <li>{@link #all}: every mask, weighted so that the weighted fit is the population version of the
 *       vanilla fit (its limit as the number of samples grows), see {@link #strataWeights}.</li>
 * </ul>
 * Stateless and thread-safe; randomness only through the given stream.
 */
final class MaskDesign {
    private MaskDesign() {
    }

    /** The largest number of players for which {@link #all} is allowed. */
    static final int MAX_EXHAUSTIVE = 20;

    /** Number of strata r = 1..strata(m): players switched off. */
    static int strata(int m) {
        return Math.max(1, m - 1);
    }

    /** The all-on mask. */
    static boolean[] full(int m) {
        boolean[] z = new boolean[m];
        java.util.Arrays.fill(z, true);
        return z;
    }

    /** Vanilla LIME: the original, then {@code n - 1} independent masks. */
    static boolean[][] random(int m, int n, boolean includeOriginal, SplittableRandom rnd) {
        boolean[][] out = new boolean[n][];
        int s = 0;
        if (includeOriginal && n > 0) {
            out[s++] = full(m);
        }
        int[] perm = identity(m);
        for (; s < n; s++) {
            int r = 1 + rnd.nextInt(strata(m));
            boolean[] z = full(m);
            // a partial Fisher-Yates shuffle picks r distinct players to switch off
            for (int j = 0; j < Math.min(r, m); j++) {
                int t = j + rnd.nextInt(m - j);
                int tmp = perm[j];
                perm[j] = perm[t];
                perm[t] = tmp;
                z[perm[j]] = false;
            }
            out[s] = z;
        }
        return out;
    }

    /** The balanced antithetic design of {@code n} masks, the original first. */
    static boolean[][] balanced(int m, int n, SplittableRandom rnd) {
        boolean[][] out = new boolean[n][];
        if (n == 0) {
            return out;
        }
        out[0] = full(m);
        int strata = strata(m);
        int[][] perms = new int[strata + 1][];
        long[] windows = new long[strata + 1];
        boolean[] flip = new boolean[strata + 1];
        int s = 1;
        while (s < n) {
            for (int r = 1; r <= strata && s < n; r++) {
                int off = Math.min(r, m);
                if (m - off < r && m - off >= 1) {
                    continue; // stratum m - r < r: produced as the antithetic partner of stratum m - r
                }
                boolean[] window = nextWindow(m, off, perms, windows, r, rnd);
                boolean selfPaired = m - off == off || m - off < 1;
                if (selfPaired) {
                    // the complement is in the same stratum (or there is none): alternate to keep r uniform
                    out[s++] = flip[r] && m - off >= 1 ? complement(window) : window;
                    flip[r] = !flip[r];
                } else {
                    out[s++] = window;
                    if (s < n) {
                        out[s++] = complement(window);
                    }
                }
            }
        }
        return out;
    }

    /** The next window of stratum r: a mask with {@code off} players switched off. */
    private static boolean[] nextWindow(int m, int off, int[][] perms, long[] windows, int r, SplittableRandom rnd) {
        if (perms[r] == null || (windows[r] * off) % m == 0) {
            perms[r] = Sampling.permutation(m, rnd);
        }
        boolean[] z = full(m);
        long start = windows[r] * off;
        for (int j = 0; j < off; j++) {
            z[perms[r][(int) ((start + j) % m)]] = false;
        }
        windows[r]++;
        return z;
    }

    /** Every mask except the all-off one (unless m = 1), the original first. */
    static boolean[][] all(int m) {
        if (m > MAX_EXHAUSTIVE) {
            throw new IllegalArgumentException("cannot enumerate the masks of " + m + " players (at most "
                    + MAX_EXHAUSTIVE + ")");
        }
        int total = 1 << m;
        boolean[][] out = new boolean[m == 1 ? 2 : total - 1][];
        int s = 0;
        for (int code = total - 1; code >= (m == 1 ? 0 : 1); code--) {
            boolean[] z = new boolean[m];
            for (int p = 0; p < m; p++) {
                z[p] = (code >>> p & 1) != 0;
            }
            out[s++] = z;
        }
        return out;
    }

    /**
     * The total weight of each stratum of the population LIME objective, by the number of players on
     * (index 0..m): the original (all on) has its kernel weight 1; the masks with r = 1..strata(m) players
     * off share (budget - 1) / strata(m) times their kernel weight, as vanilla LIME's {@code budget - 1}
     * random masks do in expectation. Rescaled so that the total is {@code budget}, as the sampled fits are.
     */
    static double[] strataWeights(int m, double width, int budget) {
        double[] omega = new double[m + 1];
        double total = 0;
        for (int on = 0; on <= m; on++) {
            int off = m - on;
            if (off == 0) {
                omega[on] = 1;
            } else if (off <= strata(m)) {
                omega[on] = kernel(on, m, width) * (budget - 1) / strata(m);
            }
            total += omega[on];
        }
        for (int on = 0; on <= m; on++) {
            omega[on] *= budget / total;
        }
        return omega;
    }

    /** The weight of each mask of {@link #all}: its stratum's weight shared equally by the stratum's masks. */
    static double[] exhaustiveWeights(boolean[][] masks, int m, double width, int budget) {
        double[] omega = strataWeights(m, width, budget);
        double[] w = new double[masks.length];
        for (int s = 0; s < masks.length; s++) {
            int on = onCount(masks[s]);
            w[s] = omega[on] / binomial(m, on);
        }
        return w;
    }

    /** The LIME kernel weights of masks. */
    static double[] kernelWeights(boolean[][] masks, int m, double width) {
        double[] w = new double[masks.length];
        for (int s = 0; s < masks.length; s++) {
            w[s] = kernel(onCount(masks[s]), m, width);
        }
        return w;
    }

    /**
     * The LIME kernel exp(-d^2 / (2 width^2)) (LIME's sqrt(exp(-d^2 / width^2)) with the same width) of a
     * mask with {@code on} of {@code m} players on, where d = 1 - sqrt(on / m) is its cosine distance to
     * the all-on mask.
     */
    static double kernel(int on, int m, double width) {
        double d = 1 - Math.sqrt(on / (double) m);
        return Math.exp(-d * d / (2 * width * width));
    }

    /** The masks as a 0/1 design matrix. */
    static double[][] design(boolean[][] masks) {
        double[][] x = new double[masks.length][];
        for (int s = 0; s < masks.length; s++) {
            x[s] = new double[masks[s].length];
            for (int p = 0; p < masks[s].length; p++) {
                x[s][p] = masks[s][p] ? 1 : 0;
            }
        }
        return x;
    }

    static int onCount(boolean[] z) {
        int c = 0;
        for (boolean b : z) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    static boolean[] complement(boolean[] z) {
        boolean[] c = new boolean[z.length];
        for (int p = 0; p < z.length; p++) {
            c[p] = !z[p];
        }
        return c;
    }

    static double binomial(int n, int k) {
        double c = 1;
        for (int j = 1; j <= k; j++) {
            c = c * (n - k + j) / j;
        }
        return c;
    }

    static int[] identity(int m) {
        int[] a = new int[m];
        for (int i = 0; i < m; i++) {
            a[i] = i;
        }
        return a;
    }

}

package org.recxplain.explain.feature;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Shapley values of a cooperative game over m players: exactly, by enumerating every coalition, or by
 * KernelSHAP (Lundberg and Lee, NeurIPS 2017).
 *
 * <p>KernelSHAP fits phi to the values v(S) of coalitions S by least squares weighted with the Shapley
 * kernel (m-1) / (C(m,|S|) |S| (m-|S|)), under the efficiency constraint sum phi = v(N) - v(empty), which is
 * enforced exactly by eliminating one player (so the attributions sum to v(N) - v(empty) to rounding).
 * With a budget of at least 2^m - 2 coalitions every coalition is used and the result equals the exact
 * Shapley values. Otherwise, as in the reference implementation, coalition sizes are enumerated completely
 * from the outside in (sizes 1 and m-1, then 2 and m-2, ...) while the budget covers a whole size pair in
 * expectation, and the remaining budget is spent on paired (antithetic) samples: a size drawn in
 * proportion to its remaining kernel mass, a uniform coalition of that size, and its complement; the
 * sampled coalitions share the remaining kernel mass equally. At least 2m coalitions are always evaluated,
 * so that the system is determined.
 *
 * <p>The game is evaluated in ONE batched call per computation: {@link Game#values} receives every
 * coalition at once (the empty and the grand coalition first).
 *
 * <p>Stateless and thread-safe; randomness only through the given stream.
 */
public final class KernelShap {
    /** The default budget of coalitions of the explainers (exact up to 11 players). */
    public static final int DEFAULT_BUDGET = 2048;

    /** The largest number of players for exact enumeration (2^20 coalitions). */
    public static final int MAX_EXACT = 20;

    private KernelShap() {
    }

    /** A cooperative game evaluated in batches. */
    @FunctionalInterface
    public interface Game {
        /**
         * The value of each coalition ({@code true} = player present), in order.
         *
         * @param coalitions masks of the same length m
         */
        double[] values(boolean[][] coalitions);
    }

    /**
     * Shapley values with their reference points.
     *
     * @param phi         one value per player; they sum to {@code full - empty}
     * @param empty       v(empty coalition)
     * @param full        v(all players)
     * @param exact       whether they are the exact Shapley values (every coalition was evaluated)
     * @param evaluations coalitions evaluated, including the empty and the grand coalition
     */
    public record ShapleyValues(double[] phi, double empty, double full, boolean exact, int evaluations) {
        public ShapleyValues {
            phi = phi.clone();
        }

        @Override
        public double[] phi() {
            return phi.clone();
        }

        /** The sum of phi (equal to {@code full - empty} to rounding). */
        public double sum() {
            double s = 0;
            for (double p : phi) {
                s += p;
            }
            return s;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShapleyValues v && Arrays.equals(phi, v.phi) && Double.compare(empty, v.empty) == 0
                    && Double.compare(full, v.full) == 0 && exact == v.exact && evaluations == v.evaluations;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(phi) * 31 + Double.hashCode(full);
        }

        @Override
        public String toString() {
            return "ShapleyValues" + Arrays.toString(phi) + "[empty=" + empty + ", full=" + full + ", exact=" + exact
                    + ", evaluations=" + evaluations + "]";
        }
    }

    /**
     * The exact Shapley values by their definition, phi_i = sum over S not containing i of
     * |S|! (m-|S|-1)! / m! (v(S + i) - v(S)), from all 2^m coalitions (one batch).
     *
     * @throws IllegalArgumentException if m exceeds {@link #MAX_EXACT}
     */
    public static ShapleyValues exact(int m, Game game) {
        if (m < 0 || m > MAX_EXACT) {
            throw new IllegalArgumentException("exact Shapley values need 0.." + MAX_EXACT + " players, got " + m);
        }
        int total = 1 << m;
        boolean[][] all = new boolean[total][];
        for (int code = 0; code < total; code++) {
            all[code] = mask(code, m);
        }
        double[] v = checked(game.values(all), total);
        double[] weight = new double[Math.max(m, 1)];
        for (int s = 0; s < m; s++) {
            weight[s] = 1 / (m * MaskDesign.binomial(m - 1, s));
        }
        double[] phi = new double[m];
        for (int code = 0; code < total; code++) {
            int size = Integer.bitCount(code);
            for (int i = 0; i < m; i++) {
                if ((code >>> i & 1) == 0) {
                    phi[i] += weight[size] * (v[code | 1 << i] - v[code]);
                }
            }
        }
        return new ShapleyValues(phi, v[0], v[total - 1], true, total);
    }

    /**
     * KernelSHAP with at most {@code budget} coalitions besides the empty and the grand one (raised to 2m
     * when smaller).
     *
     * @param rnd the stream for sampling (unused when every coalition fits the budget)
     */
    public static ShapleyValues estimate(int m, Game game, int budget, SplittableRandom rnd) {
        return estimate(m, game, budget, rnd, DENSE_MAX);
    }

    /** {@link #estimate(int, Game, int, SplittableRandom)} with the largest system solved directly (tests). */
    static ShapleyValues estimate(int m, Game game, int budget, SplittableRandom rnd, int denseMax) {
        if (m < 0) {
            throw new IllegalArgumentException("negative number of players " + m);
        }
        boolean[] none = new boolean[m];
        boolean[] everyone = MaskDesign.full(m);
        if (m <= 1) {
            double[] v = checked(game.values(new boolean[][] {none, everyone}), 2);
            return new ShapleyValues(m == 0 ? new double[0] : new double[] {v[1] - v[0]}, v[0], v[1], true, 2);
        }
        Design d = design(m, Math.max(budget, 2 * m), rnd);
        boolean[][] batch = new boolean[d.masks.length + 2][];
        batch[0] = none;
        batch[1] = everyone;
        System.arraycopy(d.masks, 0, batch, 2, d.masks.length);
        double[] v = checked(game.values(batch), batch.length);
        double empty = v[0];
        double full = v[1];
        double delta = full - empty;
        // eliminate the last player: phi_last = delta - sum of the others
        double[] beta = normalSolve(d.masks, d.weights, v, empty, delta, m, denseMax);
        double[] phi = Arrays.copyOf(beta, m);
        double rest = 0;
        for (int i = 0; i < m - 1; i++) {
            rest += beta[i];
        }
        phi[m - 1] = delta - rest;
        return new ShapleyValues(phi, empty, full, d.complete, batch.length);
    }

    /** Up to this many unknowns the normal equations are formed and factorised; above, solved by PCG. */
    static final int DENSE_MAX = 4000;

    /**
     * The weighted least squares of KernelSHAP with the last player eliminated: the row of coalition z is
     * x_i = z_i - z_last (i &lt; m-1), which is +1 on S (when the last player is absent) or -1 on the complement
     * of S (when it is present), so each row is a signed indicator of a set T; the normal matrix is
     * sum_s w_s 1_T 1_T^T, built in O(sum min(|T|, m - |T|)^2 + m^2) rather than O(n m^2) (coalitions are mostly small or mostly
     * full). Up to {@link #DENSE_MAX} unknowns (default) it is factorised (Cholesky, jittered if singular, as
     * {@link WeightedLeastSquares}); above, it is solved by conjugate gradients preconditioned by its diagonal,
     * with matrix-vector products over the sets (O(sum |T|) each), to a relative residual of 1e-12, falling back
     * to the factorisation if that is not reached.
     */
    private static double[] normalSolve(boolean[][] masks, double[] weights, double[] v, double empty, double delta,
                                        int m, int denseMax) {
        int n = masks.length;
        int p = m - 1;
        int[][] sets = new int[n][];
        double[] rhs = new double[p];
        for (int s = 0; s < n; s++) {
            boolean[] z = masks[s];
            boolean last = z[m - 1];
            int count = 0;
            for (int i = 0; i < p; i++) {
                if (z[i] != last) {
                    count++;
                }
            }
            int[] t = new int[count];
            for (int i = 0, q = 0; i < p; i++) {
                if (z[i] != last) {
                    t[q++] = i;
                }
            }
            sets[s] = t;
            double y = v[s + 2] - empty - (last ? delta : 0);
            double wy = weights[s] * (last ? -y : y);
            for (int i : t) {
                rhs[i] += wy;
            }
        }
        if (p > denseMax) {
            double[] beta = conjugateGradient(sets, weights, rhs, p);
            if (beta != null) {
                return beta;
            }
        }
        // a set larger than half goes in through its complement C: 1_T 1_T^T = 11^T - 1 1_C^T - 1_C 1^T + 1_C 1_C^T
        double[] a = new double[p * p];
        double everywhere = 0;
        double[] lessOnce = new double[p];
        for (int s = 0; s < n; s++) {
            int[] t = sets[s];
            double w = weights[s];
            int[] outer = t;
            if (2 * t.length > p) {
                outer = complement(t, p);
                everywhere += w;
                for (int i : outer) {
                    lessOnce[i] += w;
                }
            }
            for (int x = 0; x < outer.length; x++) {
                int row = outer[x] * p;
                for (int y = 0; y <= x; y++) {
                    a[row + outer[y]] += w;
                }
            }
        }
        if (everywhere != 0) {
            for (int i = 0; i < p; i++) {
                int row = i * p;
                for (int j = 0; j <= i; j++) {
                    a[row + j] += everywhere - lessOnce[i] - lessOnce[j];
                }
            }
        }
        return WeightedLeastSquares.solve(a, rhs, p, 0);
    }

    /** The indices 0..p-1 not in the ascending {@code t}. */
    private static int[] complement(int[] t, int p) {
        int[] c = new int[p - t.length];
        for (int i = 0, q = 0, x = 0; i < p; i++) {
            if (q < t.length && t[q] == i) {
                q++;
            } else {
                c[x++] = i;
            }
        }
        return c;
    }

    /** Jacobi-preconditioned CG on sum_s w_s 1_T 1_T^T beta = rhs; null if it does not converge. */
    private static double[] conjugateGradient(int[][] sets, double[] weights, double[] rhs, int p) {
        double[] diag = new double[p];
        for (int s = 0; s < sets.length; s++) {
            for (int i : sets[s]) {
                diag[i] += weights[s];
            }
        }
        for (double x : diag) {
            if (!(x > 0)) {
                return null;
            }
        }
        double[] beta = new double[p];
        double[] r = rhs.clone();
        double[] zv = new double[p];
        for (int i = 0; i < p; i++) {
            zv[i] = r[i] / diag[i];
        }
        double[] dir = zv.clone();
        double[] ad = new double[p];
        double rz = dot(r, zv);
        double tolerance = 1e-12 * Math.sqrt(dot(rhs, rhs));
        for (int iter = 0; iter < 10 * p; iter++) {
            if (Math.sqrt(dot(r, r)) <= tolerance) {
                return beta;
            }
            Arrays.fill(ad, 0);
            for (int s = 0; s < sets.length; s++) {
                double sum = 0;
                for (int i : sets[s]) {
                    sum += dir[i];
                }
                sum *= weights[s];
                for (int i : sets[s]) {
                    ad[i] += sum;
                }
            }
            double alpha = rz / dot(dir, ad);
            for (int i = 0; i < p; i++) {
                beta[i] += alpha * dir[i];
                r[i] -= alpha * ad[i];
                zv[i] = r[i] / diag[i];
            }
            double next = dot(r, zv);
            double b = next / rz;
            rz = next;
            for (int i = 0; i < p; i++) {
                dir[i] = zv[i] + b * dir[i];
            }
        }
        return null;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The coalitions (neither empty nor full) and their weights. */
    private record Design(boolean[][] masks, double[] weights, boolean complete) {
    }

    private static Design design(int m, int budget, SplittableRandom rnd) {
        // kernel mass of each size s = 1..m-1, normalised to sum 1
        double[] mass = new double[m];
        double total = 0;
        for (int s = 1; s < m; s++) {
            mass[s] = (m - 1.0) / (s * (double) (m - s));
            total += mass[s];
        }
        for (int s = 1; s < m; s++) {
            mass[s] /= total;
        }
        boolean everything = m < 31 && (1L << m) - 2 <= budget;
        java.util.List<boolean[]> masks = new java.util.ArrayList<>();
        it.unimi.dsi.fastutil.doubles.DoubleArrayList weights = new it.unimi.dsi.fastutil.doubles.DoubleArrayList();
        int half = m / 2;
        double remainingMass = 1;
        int left = budget;
        int s = 1;
        for (; s <= half; s++) {
            boolean paired = s != m - s;
            double count = MaskDesign.binomial(m, s) * (paired ? 2 : 1);
            double pairMass = mass[s] * (paired ? 2 : 1);
            if (!everything && left * pairMass / remainingMass < count - 1e-8) {
                break;
            }
            addAll(m, s, mass[s] / MaskDesign.binomial(m, s), masks, weights, paired);
            left -= (int) count;
            remainingMass -= pairMass;
        }
        boolean complete = s > half;
        if (!complete) {
            // paired sampling over the sizes not enumerated, in proportion to their remaining kernel mass
            int sizes = half - s + 1;
            double[] cumulative = new double[sizes];
            double c = 0;
            for (int t = 0; t < sizes; t++) {
                int size = s + t;
                c += mass[size] * (size != m - size ? 2 : 1);
                cumulative[t] = c;
            }
            int pairs = Math.max(1, left / 2);
            double each = remainingMass / (2.0 * pairs);
            int[] perm = MaskDesign.identity(m);
            for (int p = 0; p < pairs; p++) {
                double u = rnd.nextDouble() * c;
                int t = 0;
                while (t < sizes - 1 && cumulative[t] <= u) {
                    t++;
                }
                int size = s + t;
                boolean[] z = new boolean[m];
                for (int j = 0; j < size; j++) {
                    int r = j + rnd.nextInt(m - j);
                    int tmp = perm[j];
                    perm[j] = perm[r];
                    perm[r] = tmp;
                    z[perm[j]] = true;
                }
                masks.add(z);
                weights.add(each);
                masks.add(MaskDesign.complement(z));
                weights.add(each);
            }
        }
        return new Design(masks.toArray(new boolean[0][]), weights.toDoubleArray(), complete);
    }

    /** Adds every coalition of size s (and, if paired, its complement) with the given weight each. */
    private static void addAll(int m, int s, double weight, java.util.List<boolean[]> masks,
                               it.unimi.dsi.fastutil.doubles.DoubleArrayList weights, boolean paired) {
        int[] c = MaskDesign.identity(s);
        while (true) {
            boolean[] z = new boolean[m];
            for (int j : c) {
                z[j] = true;
            }
            masks.add(z);
            weights.add(weight);
            if (paired) {
                masks.add(MaskDesign.complement(z));
                weights.add(weight);
            }
            // next combination in lexicographic order
            int i = s - 1;
            while (i >= 0 && c[i] == m - s + i) {
                i--;
            }
            if (i < 0) {
                return;
            }
            c[i]++;
            for (int j = i + 1; j < s; j++) {
                c[j] = c[j - 1] + 1;
            }
        }
    }

    private static boolean[] mask(int code, int m) {
        boolean[] z = new boolean[m];
        for (int p = 0; p < m; p++) {
            z[p] = (code >>> p & 1) != 0;
        }
        return z;
    }

    private static double[] checked(double[] v, int n) {
        if (v.length != n) {
            throw new IllegalStateException("the game returned " + v.length + " values for " + n + " coalitions");
        }
        return v;
    }
}

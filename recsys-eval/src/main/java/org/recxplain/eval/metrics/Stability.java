package org.recxplain.eval.metrics;

import it.unimi.dsi.fastutil.ints.IntArrays;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explanation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Stability of explanations across repeated runs on the same target (different seeds, or perturbed
 * inputs): each observation is the list of R ≥ 2 runs for one target, each metric is the mean over the
 * R(R−1)/2 pairs of runs (so with R = 2 it compares the two runs), and the accumulators average it over
 * targets ({@link MeanMetric}). Higher is more stable for all of them.
 *
 * <ul>
 *   <li>{@link #jaccard(int) Jaccard@k}: J(A, B) = |A ∩ B| / |A ∪ B| of the sets of the first k indices of
 *       each run (attributions ordered by importance); J(∅, ∅) = 1 (two empty explanations agree). For two
 *       independent uniformly random k-subsets of n items, E[J] = Σ_i h(i)·i/(2k − i), with h the
 *       hypergeometric probability C(k,i)C(n−k,k−i)/C(n,k).</li>
 *   <li>{@link #kendallTauB() Kendall's τ-b} between two weight vectors over the same items:
 *       (n_c − n_d) / √((n_0 − n_1)(n_0 − n_2)), with n_0 = n(n−1)/2, n_c and n_d the concordant and
 *       discordant pairs, n_1 and n_2 the pairs tied in the first and in the second vector (Kendall 1945);
 *       computed in O(n log n) (Knight 1966). Undefined for a pair of runs when n &lt; 2 or a vector is
 *       constant; such pairs are left out, and the target is undefined (skipped) if no pair is defined.</li>
 *   <li>{@link #vsi() VSI}, the variables stability index (Visani et al., "Statistical stability indices for
 *       LIME", JORS 2022): each run selects a set S_r of variables; VSI = mean over pairs r &lt; s of
 *       |S_r ∩ S_s| / max(|S_r|, |S_s|) (1 for two empty sets). When every run selects p variables, as in
 *       the paper, a pair's term is the share of the p selected variables the two runs agree on. Reported
 *       in [0, 1] (the paper multiplies by 100).</li>
 *   <li>{@link #csi() CSI}, the coefficients stability index (same paper): for each variable j, the share
 *       of pairs of runs whose 95% confidence intervals of the coefficient overlap; CSI = mean over
 *       variables. In [0, 1]. Undefined when there are no variables.</li>
 * </ul>
 * Fewer than two runs makes every metric undefined for that target (it is skipped and counted).
 * Stateless and thread-safe.
 */
public final class Stability {
    private Stability() {
    }

    /** Mean pairwise Jaccard@k of the runs' first k indices, averaged over targets. */
    public static MeanMetric<List<int[]>> jaccard(int k) {
        return new JaccardAtK(Checks.positive(k, "cutoff k"));
    }

    /** Mean pairwise Kendall τ-b of the runs' weight vectors, averaged over targets. */
    public static MeanMetric<List<double[]>> kendallTauB() {
        return new KendallTauB();
    }

    /** VSI of the runs' selected variable sets, averaged over targets. */
    public static MeanMetric<List<int[]>> vsi() {
        return new Vsi();
    }

    /** CSI of the runs' coefficient intervals, averaged over targets. */
    public static MeanMetric<List<CoefficientRun>> csi() {
        return new Csi();
    }

    // ---- per-pair and per-target functions

    /**
     * Jaccard similarity of the first k entries of two index lists: |A ∩ B| / |A ∪ B|, 1 when both are
     * empty.
     *
     * @throws IllegalArgumentException if a list holds a negative index or one twice within its first k
     */
    public static double jaccard(int[] a, int[] b, int k) {
        Checks.positive(k, "cutoff k");
        return jaccardOfSorted(sortedPrefix(a, k, "first list"), sortedPrefix(b, k, "second list"));
    }

    /**
     * VSI of a list of selected variable sets (see the class documentation); NaN for fewer than two runs.
     *
     * @throws IllegalArgumentException if a set holds a negative index or one twice
     */
    public static double vsi(List<int[]> selections) {
        int[][] sets = new int[selections.size()][];
        for (int r = 0; r < sets.length; r++) {
            sets[r] = sortedPrefix(selections.get(r), Integer.MAX_VALUE, "selection of run " + r);
        }
        return meanOverPairs(sets.length, (r, s) -> {
            int larger = Math.max(sets[r].length, sets[s].length);
            return larger == 0 ? 1 : (double) intersectionSize(sets[r], sets[s]) / larger;
        });
    }

    /**
     * CSI of a list of runs (see the class documentation); NaN for fewer than two runs or no variables.
     *
     * @throws IllegalArgumentException if the runs cover different numbers of variables
     */
    public static double csi(List<CoefficientRun> runs) {
        int r = runs.size();
        if (r < 2 || runs.get(0).size() == 0) {
            return Double.NaN;
        }
        int m = runs.get(0).size();
        for (CoefficientRun run : runs) {
            Checks.sameLength(m, run.size(), "coefficient runs");
        }
        double sum = 0;
        for (int j = 0; j < m; j++) {
            int variable = j;
            sum += meanOverPairs(r, (a, b) -> runs.get(a).overlaps(runs.get(b), variable) ? 1 : 0);
        }
        return sum / m;
    }

    /**
     * Kendall's τ-b between two weight vectors over the same items; NaN when fewer than two items or
     * either vector is constant.
     *
     * @throws IllegalArgumentException if the lengths differ or a weight is not finite
     */
    public static double kendallTauB(double[] a, double[] b) {
        Checks.sameLength(a.length, b.length, "weight vectors");
        double[] x = Checks.finite(a, "first weights");
        double[] y = Checks.finite(b, "second weights");
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // sort by (x, y); count pairs tied in x (n1) and in both (n3)
        IntArrays.mergeSort(order, (i, j) -> {
            int c = Double.compare(x[i], x[j]);
            return c != 0 ? c : Double.compare(y[i], y[j]);
        });
        long n1 = tiedPairs(order, x);
        long n3 = 0;
        for (int i = 0, j; i < n; i = j) {
            j = i + 1;
            while (j < n && x[order[j]] == x[order[i]] && y[order[j]] == y[order[i]]) {
                j++;
            }
            n3 += pairs(j - i);
        }
        // sort by y, counting the swaps (strict inversions in y): those are the discordant pairs
        long swaps = sortCountingSwaps(order, y);
        long n2 = tiedPairs(order, y);
        long n0 = pairs(n);
        if (n1 == n0 || n2 == n0) {
            return Double.NaN;
        }
        long concordantMinusDiscordant = n0 - n1 - n2 + n3 - 2 * swaps;
        return concordantMinusDiscordant / Math.sqrt((double) (n0 - n1)) / Math.sqrt((double) (n0 - n2));
    }

    /**
     * Mean pairwise τ-b over runs, leaving out undefined pairs; NaN for fewer than two runs or no defined
     * pair.
     */
    public static double kendallTauB(List<double[]> runs) {
        double[][] w = runs.toArray(new double[0][]);
        return meanOverPairs(w.length, (r, s) -> kendallTauB(w[r], w[s]));
    }

    /** Mean pairwise Jaccard@k over runs; NaN for fewer than two runs. */
    public static double jaccard(List<int[]> runs, int k) {
        Checks.positive(k, "cutoff k");
        int[][] sets = new int[runs.size()][];
        for (int r = 0; r < sets.length; r++) {
            sets[r] = sortedPrefix(runs.get(r), k, "run " + r);
        }
        return meanOverPairs(sets.length, (r, s) -> jaccardOfSorted(sets[r], sets[s]));
    }

    // ---- adapters from explanations

    /**
     * The indices of an explanation's first k attributions (its most important, as explanations keep them
     * sorted by descending absolute weight).
     *
     * @throws IllegalArgumentException if those attributions mix interactions and features (their indices
     *                                  live in different spaces)
     */
    public static int[] topIndices(Explanation e, int k) {
        List<Attribution> top = e.top(Checks.positive(k, "k"));
        int[] out = new int[top.size()];
        for (int i = 0; i < out.length; i++) {
            Attribution a = top.get(i);
            if (a.kind() != top.get(0).kind()) {
                throw new IllegalArgumentException("explanation of " + e.target().userId() + "/"
                        + e.target().itemId() + " mixes " + top.get(0).kind() + " and " + a.kind()
                        + " attributions; their indices cannot be compared");
            }
            out[i] = a.index();
        }
        return out;
    }

    /**
     * An explanation's weights over the given indices of one attribution kind, 0 for an index it does not
     * mention: aligns runs on the same items for {@link #kendallTauB(double[], double[])}.
     */
    public static double[] weightsOver(Explanation e, Attribution.Kind kind, int[] indices) {
        Objects.requireNonNull(kind, "kind");
        int[] sorted = Checks.distinctIndices(indices, "indices");
        Arrays.sort(sorted);
        double[] bySorted = new double[sorted.length];
        for (Attribution a : e.attributions()) {
            int pos = a.kind() == kind ? Arrays.binarySearch(sorted, a.index()) : -1;
            if (pos >= 0) {
                bySorted[pos] += a.weight();
            }
        }
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = bySorted[Arrays.binarySearch(sorted, indices[i])];
        }
        return out;
    }

    // ---- helpers

    /** A function of a pair of runs r &lt; s. */
    @FunctionalInterface
    private interface PairFunction {
        double apply(int r, int s);
    }

    /** Mean of f over pairs r &lt; s of {@code runs} runs, ignoring NaN terms; NaN if none is defined. */
    private static double meanOverPairs(int runs, PairFunction f) {
        double sum = 0;
        long defined = 0;
        for (int r = 0; r < runs; r++) {
            for (int s = r + 1; s < runs; s++) {
                double v = f.apply(r, s);
                if (!Double.isNaN(v)) {
                    sum += v;
                    defined++;
                }
            }
        }
        return defined == 0 ? Double.NaN : sum / defined;
    }

    /** The first min(k, length) indices, checked distinct and non-negative, sorted ascending. */
    private static int[] sortedPrefix(int[] list, int k, String what) {
        Objects.requireNonNull(list, what);
        int[] prefix = Checks.distinctIndices(Arrays.copyOf(list, Math.min(k, list.length)), what);
        Arrays.sort(prefix);
        return prefix;
    }

    /** Jaccard similarity of two ascending arrays of distinct values; 1 when both are empty. */
    private static double jaccardOfSorted(int[] a, int[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        int common = intersectionSize(a, b);
        return (double) common / (a.length + b.length - common);
    }

    /** |A ∩ B| of two ascending arrays of distinct values. */
    private static int intersectionSize(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                common++;
                i++;
                j++;
            }
        }
        return common;
    }

    private static long pairs(long t) {
        return t * (t - 1) / 2;
    }

    /** Pairs tied in v among positions of {@code order} sorted by v (ties adjacent). */
    private static long tiedPairs(int[] order, double[] v) {
        long ties = 0;
        for (int i = 0, j; i < order.length; i = j) {
            j = i + 1;
            while (j < order.length && v[order[j]] == v[order[i]]) {
                j++;
            }
            ties += pairs(j - i);
        }
        return ties;
    }

    /** Stable merge sort of {@code order} by v, returning the number of strict inversions removed. */
    private static long sortCountingSwaps(int[] order, double[] v) {
        int n = order.length;
        int[] buf = new int[n];
        long swaps = 0;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int t = lo;
                while (i < mid && j < hi) {
                    if (v[order[j]] < v[order[i]]) {
                        swaps += mid - i;
                        buf[t++] = order[j++];
                    } else {
                        buf[t++] = order[i++];
                    }
                }
                while (i < mid) {
                    buf[t++] = order[i++];
                }
                while (j < hi) {
                    buf[t++] = order[j++];
                }
                System.arraycopy(buf, lo, order, lo, hi - lo);
            }
        }
        return swaps;
    }

    // ---- metric definitions (records, so that equal parameters make equal metrics)

    private record JaccardAtK(int k) implements MeanMetric<List<int[]>> {
        @Override
        public String name() {
            return "Jaccard@" + k;
        }

        @Override
        public double value(List<int[]> runs) {
            return jaccard(runs, k);
        }
    }

    private record KendallTauB() implements MeanMetric<List<double[]>> {
        @Override
        public String name() {
            return "KendallTauB";
        }

        @Override
        public double value(List<double[]> runs) {
            return kendallTauB(runs);
        }
    }

    private record Vsi() implements MeanMetric<List<int[]>> {
        @Override
        public String name() {
            return "VSI";
        }

        @Override
        public double value(List<int[]> runs) {
            return vsi(runs);
        }
    }

    private record Csi() implements MeanMetric<List<CoefficientRun>> {
        @Override
        public String name() {
            return "CSI";
        }

        @Override
        public double value(List<CoefficientRun> runs) {
            return csi(runs);
        }
    }
}

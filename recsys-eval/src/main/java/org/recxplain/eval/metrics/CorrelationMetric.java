package org.recxplain.eval.metrics;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;

import java.util.Objects;

/**
 * Correlation between predicted and actual values over all pairs, such as the score change an influence
 * method predicts for removing an interaction against the change measured by removing it (Koh and Liang,
 * "Understanding Black-box Predictions via Influence Functions", ICML 2017, report Pearson's r).
 *
 * <ul>
 *   <li>{@link Kind#PEARSON}: r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²). The accumulator keeps the exact
 *       sufficient sums n, Σx, Σy, Σx², Σy², Σxy ({@link ExactSum}, products split exactly with FMA) and
 *       merges by adding them, so memory is constant and the result is bit-for-bit order-independent.</li>
 *   <li>{@link Kind#SPEARMAN}: Pearson's r of the ranks, with tied values given the average of the ranks
 *       they span (Spearman 1904). Ranks need all pairs, so the accumulator keeps them (two double arrays)
 *       and merges by concatenation; ranking at {@link Accumulator#result()} depends only on the multiset of
 *       pairs.</li>
 * </ul>
 * Interval: tanh(atanh(r) ± 1.96·se) with se = 1/√(n−3) for Pearson (Fisher 1921) and √(1.06/(n−3)) for
 * Spearman (Fieller, Hartley and Pearson, Biometrika 1957); undefined (NaN) for n ≤ 3.
 *
 * @param kind Pearson or Spearman
 */
public record CorrelationMetric(Kind kind) implements Metric<ScorePair, Correlation> {

    /** The correlation coefficients. */
    public enum Kind {
        PEARSON, SPEARMAN
    }

    public CorrelationMetric {
        Objects.requireNonNull(kind, "kind");
    }

    /** Pearson's r. */
    public static CorrelationMetric pearson() {
        return new CorrelationMetric(Kind.PEARSON);
    }

    /** Spearman's rho (average ranks for ties). */
    public static CorrelationMetric spearman() {
        return new CorrelationMetric(Kind.SPEARMAN);
    }

    @Override
    public String name() {
        return kind == Kind.PEARSON ? "Pearson" : "Spearman";
    }

    @Override
    public Accumulator<ScorePair, Correlation> newAccumulator() {
        return kind == Kind.PEARSON ? new PearsonAcc(this) : new SpearmanAcc(this);
    }

    /** The correlation with its Fisher interval; {@code varianceFactor} is 1 (Pearson) or 1.06 (Spearman). */
    private static Correlation withInterval(double r, long n, double varianceFactor) {
        if (Double.isNaN(r) || n <= 3) {
            return new Correlation(r, Double.NaN, Double.NaN, n);
        }
        double z = atanh(r);
        double h = StudentT.Z975 * Math.sqrt(varianceFactor / (n - 3));
        return new Correlation(r, Math.tanh(z - h), Math.tanh(z + h), n);
    }

    private static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }

    /**
     * The ranks of {@code v} (1-based), ties sharing the average of the ranks they span. A pure function of
     * the values.
     */
    static double[] averageRanks(double[] v) {
        int n = v.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        IntArrays.mergeSort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static final class PearsonAcc extends AbstractAccumulator<ScorePair, Correlation, PearsonAcc> {
        private final CoMoments moments = new CoMoments();

        PearsonAcc(CorrelationMetric metric) {
            super(metric);
        }

        @Override
        public void add(ScorePair p) {
            moments.add(p.predicted(), p.actual());
        }

        @Override
        void mergeSame(PearsonAcc other) {
            moments.merge(other.moments);
        }

        @Override
        public Correlation result() {
            return withInterval(moments.pearson(), moments.n(), 1.0);
        }
    }

    private static final class SpearmanAcc extends AbstractAccumulator<ScorePair, Correlation, SpearmanAcc> {
        private final DoubleArrayList xs = new DoubleArrayList();
        private final DoubleArrayList ys = new DoubleArrayList();

        SpearmanAcc(CorrelationMetric metric) {
            super(metric);
        }

        @Override
        public void add(ScorePair p) {
            xs.add(p.predicted());
            ys.add(p.actual());
        }

        @Override
        void mergeSame(SpearmanAcc other) {
            xs.addAll(other.xs);
            ys.addAll(other.ys);
        }

        @Override
        public Correlation result() {
            double[] rx = averageRanks(xs.toDoubleArray());
            double[] ry = averageRanks(ys.toDoubleArray());
            CoMoments m = new CoMoments();
            for (int i = 0; i < rx.length; i++) {
                m.add(rx[i], ry[i]);
            }
            return withInterval(m.pearson(), m.n(), 1.06);
        }
    }
}

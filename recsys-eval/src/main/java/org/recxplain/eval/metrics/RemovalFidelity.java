package org.recxplain.eval.metrics;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Explanation fidelity by removal (Baklanov et al., SIGIR 2025; also used by LXR, WWW 2024, and SPINRec,
 * AAAI 2026): each explained target's top-1 item is re-scored after removing its Ke most important history
 * items, Ke = 1..K (the protocol uses K = 10), and the measures below are averaged over targets.
 *
 * <p>Per target and Ke, from a {@link RemovalCurve}:
 * <ul>
 *   <li>POS@Kr = 1 if newRank ≤ Kr, else 0 (lower is better: the item left the top-Kr);</li>
 *   <li>DEL = score after removal / original score (lower is better);</li>
 *   <li>INS = score with only the top-Ke items kept / original score (higher is better);</li>
 *   <li>CDCG = 1/log2(1 + newRank) (lower is better; 1 when the item stays first).</li>
 * </ul>
 * <b>AUC convention</b>: the area under each curve is the simple mean over Ke = 1..K of the per-Ke values,
 * (1/K) Σ_{Ke=1..K} v(Ke), i.e. a unit-width rectangle rule normalised by K, so an AUC lies in the range of
 * the measure (POS AUC in [0, 1]). It is computed per target and then averaged, which equals the mean of the
 * per-Ke means and gives the AUC its own confidence interval. (A trapezoid rule would weight Ke = 1 and
 * Ke = K by half; the simple mean treats every Ke alike.)
 *
 * <p><b>NEG variants</b> remove the least important items first: feed curves measured that way to a second
 * accumulator of the same metric; for them higher POS, DEL and CDCG are better.
 *
 * <p>Every target must have a curve of exactly K points (a target with a shorter history cannot be
 * measured at every Ke: leave it out, or measure it with a smaller K, and report that).
 *
 * @param maxKe      K, the number of points of every curve (≥ 1)
 * @param posCutoffs the cutoffs Kr of POS@Kr (each ≥ 1, distinct; stored ascending)
 */
public record RemovalFidelity(int maxKe, List<Integer> posCutoffs) implements Metric<RemovalCurve, RemovalSummary> {

    public RemovalFidelity {
        Checks.positive(maxKe, "maxKe");
        posCutoffs = posCutoffs.stream().sorted().toList();
        for (int i = 0; i < posCutoffs.size(); i++) {
            Checks.positive(posCutoffs.get(i), "POS cutoff Kr");
            if (i > 0 && posCutoffs.get(i).equals(posCutoffs.get(i - 1))) {
                throw new IllegalArgumentException("POS cutoff " + posCutoffs.get(i) + " given twice");
            }
        }
    }

    /** The metric with the usual protocol settings: K = 10 and POS@5, POS@10, POS@20. */
    public static RemovalFidelity standard() {
        return new RemovalFidelity(10, List.of(5, 10, 20));
    }

    @Override
    public String name() {
        return "RemovalFidelity@" + maxKe;
    }

    @Override
    public Accumulator<RemovalCurve, RemovalSummary> newAccumulator() {
        return new Acc(this);
    }

    /** The per-Ke moments and the per-target AUC moments of one measure. */
    private static final class Series {
        final String name;
        final Moments[] perKe;
        final Moments auc = new Moments();

        Series(String name, int k) {
            this.name = name;
            perKe = new Moments[k];
            for (int i = 0; i < k; i++) {
                perKe[i] = new Moments();
            }
        }

        void add(double[] values) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                perKe[i].add(values[i]);
                sum += values[i];
            }
            auc.add(sum / values.length);
        }

        void merge(Series o) {
            for (int i = 0; i < perKe.length; i++) {
                perKe[i].merge(o.perKe[i]);
            }
            auc.merge(o.auc);
        }

        RemovalSummary.CurveSummary summary() {
            Summary[] s = new Summary[perKe.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = perKe[i].summary();
            }
            return new RemovalSummary.CurveSummary(name, List.of(s), auc.summary());
        }
    }

    private static final class Acc extends AbstractAccumulator<RemovalCurve, RemovalSummary, Acc> {
        private final int k;
        private final int[] cutoffs;
        private final Series[] pos;
        private final Series del;
        private final Series ins;
        private final Series cdcg;
        private long n;

        Acc(RemovalFidelity metric) {
            super(metric);
            k = metric.maxKe;
            cutoffs = metric.posCutoffs.stream().mapToInt(Integer::intValue).toArray();
            pos = new Series[cutoffs.length];
            for (int c = 0; c < cutoffs.length; c++) {
                pos[c] = new Series("POS@" + cutoffs[c], k);
            }
            del = new Series("DEL", k);
            ins = new Series("INS", k);
            cdcg = new Series("CDCG", k);
        }

        /** @throws IllegalArgumentException if the curve does not have exactly K points */
        @Override
        public void add(RemovalCurve curve) {
            Objects.requireNonNull(curve, "curve");
            if (curve.length() != k) {
                throw new IllegalArgumentException("removal curve has " + curve.length() + " points, expected K = "
                        + k + " (Ke = 1.." + k + ")");
            }
            for (int i = 0; i < k; i++) {
                if (!(Math.abs(curve.delAt(i)) < Moments.MAX_ABS) || !(Math.abs(curve.insAt(i)) < Moments.MAX_ABS)) {
                    throw new IllegalArgumentException("DEL or INS at Ke=" + (i + 1) + " out of range (|v| < 1e150)");
                }
            }
            double[] v = new double[k];
            for (int c = 0; c < cutoffs.length; c++) {
                for (int i = 0; i < k; i++) {
                    v[i] = curve.rankAt(i) <= cutoffs[c] ? 1 : 0;
                }
                pos[c].add(v);
            }
            for (int i = 0; i < k; i++) {
                v[i] = curve.delAt(i);
            }
            del.add(v);
            for (int i = 0; i < k; i++) {
                v[i] = curve.insAt(i);
            }
            ins.add(v);
            for (int i = 0; i < k; i++) {
                v[i] = RankingMetric.discount(curve.rankAt(i));
            }
            cdcg.add(v);
            n++;
        }

        @Override
        void mergeSame(Acc other) {
            for (int c = 0; c < pos.length; c++) {
                pos[c].merge(other.pos[c]);
            }
            del.merge(other.del);
            ins.merge(other.ins);
            cdcg.merge(other.cdcg);
            n += other.n;
        }

        @Override
        public RemovalSummary result() {
            SortedMap<Integer, RemovalSummary.CurveSummary> p = new TreeMap<>();
            for (int c = 0; c < cutoffs.length; c++) {
                p.put(cutoffs[c], pos[c].summary());
            }
            return new RemovalSummary(n, p, del.summary(), ins.summary(), cdcg.summary());
        }
    }
}

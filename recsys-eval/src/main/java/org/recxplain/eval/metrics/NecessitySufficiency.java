package org.recxplain.eval.metrics;

/**
 * Feature fidelity of counterfactual explanations (Tan et al., "Counterfactual Explainable
 * Recommendation", CountER, CIKM 2021): over the explained recommendations,
 * PN = (1/n) Σ necessary, PS = (1/n) Σ sufficient (see {@link NsCheck}) and F_NS = 2·PN·PS/(PN + PS).
 * Feed only recommendations that received an explanation; the share that did is {@link ExplainedShare}.
 * The metric is immutable; its accumulator keeps exact sums of the two indicators, so merging is exact.
 */
public record NecessitySufficiency() implements Metric<NsCheck, NsSummary> {

    @Override
    public String name() {
        return "PN/PS/F_NS";
    }

    @Override
    public Accumulator<NsCheck, NsSummary> newAccumulator() {
        return new Acc(this);
    }

    /** The harmonic mean of two rates: 2ab/(a+b), 0 when both are 0. */
    static double harmonicMean(double a, double b) {
        return a + b == 0 ? 0 : 2 * a * b / (a + b);
    }

    private static final class Acc extends AbstractAccumulator<NsCheck, NsSummary, Acc> {
        private final Moments pn = new Moments();
        private final Moments ps = new Moments();

        Acc(NecessitySufficiency metric) {
            super(metric);
        }

        @Override
        public void add(NsCheck check) {
            pn.add(check.necessary() ? 1 : 0);
            ps.add(check.sufficient() ? 1 : 0);
        }

        @Override
        void mergeSame(Acc other) {
            pn.merge(other.pn);
            ps.merge(other.ps);
        }

        @Override
        public NsSummary result() {
            Summary n = pn.summary();
            Summary s = ps.summary();
            return new NsSummary(n, s, harmonicMean(n.mean(), s.mean()));
        }
    }
}

package org.recxplain.eval.metrics;

import java.util.Arrays;

/**
 * The 95% confidence intervals of a surrogate's coefficients from one run of an explainer (such as LIME),
 * over the same variables in every run; the observation of {@link Stability#csi()} is one list of runs.
 *
 * @param low  lower ends, one per variable
 * @param high upper ends, one per variable
 */
public record CoefficientRun(double[] low, double[] high) {

    /**
     * Checks the components (and copies arrays).
     *
     * @throws IllegalArgumentException if the lengths differ, a bound is not finite or {@code low > high}
     */
    public CoefficientRun {
        low = Checks.finite(low, "interval low");
        high = Checks.finite(high, "interval high");
        Checks.sameLength(low.length, high.length, "interval low and high");
        for (int j = 0; j < low.length; j++) {
            if (low[j] > high[j]) {
                throw new IllegalArgumentException("interval of variable " + j + " is empty: [" + low[j] + ", "
                        + high[j] + "]");
            }
        }
    }

    @Override
    public double[] low() {
        return low.clone();
    }

    @Override
    public double[] high() {
        return high.clone();
    }

    /** The number of variables. */
    public int size() {
        return low.length;
    }

    /** Whether the intervals of variable {@code j} in this run and {@code other} overlap (closed intervals). */
    boolean overlaps(CoefficientRun other, int j) {
        return Math.max(low[j], other.low[j]) <= Math.min(high[j], other.high[j]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoefficientRun c && Arrays.equals(low, c.low) && Arrays.equals(high, c.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "CoefficientRun[low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + "]";
    }
}

package org.recxplain.eval.metrics;

import java.util.Arrays;
import java.util.Objects;

/** Argument checks shared by the metrics; each error names what was expected and where. Stateless. */
final class Checks {
    private Checks() {
    }

    /** A copy of {@code items}, after checking it holds distinct non-negative indices. */
    static int[] distinctIndices(int[] items, String what) {
        Objects.requireNonNull(items, what);
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0) {
                throw new IllegalArgumentException(what + " holds a negative index: " + sorted[i]);
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(what + " holds index " + sorted[i] + " more than once");
            }
        }
        return items.clone();
    }

    /** A copy of {@code values}, after checking they are finite; −0.0 becomes 0.0. */
    static double[] finite(double[] values, String what) {
        Objects.requireNonNull(values, what);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = finite(values[i], what + "[" + i + "]");
        }
        return out;
    }

    /** {@code x} after checking it is finite; −0.0 becomes 0.0. */
    static double finite(double x, String what) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(what + " must be finite, got " + x);
        }
        return x + 0.0;
    }

    static int positive(int k, String what) {
        if (k < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + k);
        }
        return k;
    }

    static void sameLength(int a, int b, String what) {
        if (a != b) {
            throw new IllegalArgumentException(what + " must have equal lengths, got " + a + " and " + b);
        }
    }
}

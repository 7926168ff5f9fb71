package org.recxplain.eval.automl;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The values one hyper-parameter may take in a search: a list of values, or an integer or real range drawn
 * uniformly or log-uniformly. Values are produced as the strings a {@link org.recxplain.model.ModelSpec}
 * holds; real values are rounded to three significant digits so that specs stay readable.
 *
 * <p>Immutable values; sampling uses only the generator it is given.
 */
public sealed interface ParamRange {

    /** A value drawn with {@code rnd}. */
    String sample(SplittableRandom rnd);

    /** The number of distinct values, or {@link Long#MAX_VALUE} for a real range. */
    long size();

    /**
     * One of a list of values, each equally likely.
     *
     * @param values the values (at least one), as strings
     */
    record Choice(List<String> values) implements ParamRange {
        /** @throws IllegalArgumentException if the list is empty or holds a blank value */
        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a list of values needs at least one value");
            }
            for (String v : values) {
                if (v.isBlank()) {
                    throw new IllegalArgumentException("blank value in " + values);
                }
            }
        }

        /** A choice among the string forms of {@code values}. */
        public static Choice of(Object... values) {
            return new Choice(java.util.Arrays.stream(values).map(String::valueOf).toList());
        }

        @Override
        public String sample(SplittableRandom rnd) {
            return values.get(rnd.nextInt(values.size()));
        }

        @Override
        public long size() {
            return values.size();
        }
    }

    /**
     * An integer in {@code [min, max]}, uniform or (with {@code log}) log-uniform.
     *
     * @throws IllegalArgumentException if {@code min > max}, or {@code log} with {@code min < 1}
     */
    record IntRange(int min, int max, boolean log) implements ParamRange {
        public IntRange {
            if (min > max) {
                throw new IllegalArgumentException("integer range [" + min + ", " + max + "] is empty");
            }
            if (log && min < 1) {
                throw new IllegalArgumentException("a log-uniform integer range needs min >= 1, got " + min);
            }
        }

        @Override
        public String sample(SplittableRandom rnd) {
            if (!log) {
                return Integer.toString(min + rnd.nextInt(max - min + 1));
            }
            double v = Math.exp(Math.log(min) + rnd.nextDouble() * (Math.log(max + 1.0) - Math.log(min)));
            return Integer.toString(Math.min(max, (int) Math.floor(v)));
        }

        @Override
        public long size() {
            return (long) max - min + 1;
        }
    }

    /**
     * A real number in {@code [min, max]}, uniform or (with {@code log}) log-uniform, rounded to three
     * significant digits.
     *
     * @throws IllegalArgumentException if the bounds are not finite, {@code min > max}, or {@code log} with
     *                                  {@code min <= 0}
     */
    record DoubleRange(double min, double max, boolean log) implements ParamRange {
        public DoubleRange {
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException("real range [" + min + ", " + max + "] is empty or not finite");
            }
            if (log && min <= 0) {
                throw new IllegalArgumentException("a log-uniform real range needs min > 0, got " + min);
            }
        }

        @Override
        public String sample(SplittableRandom rnd) {
            double u = rnd.nextDouble();
            double v = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
            double rounded = new BigDecimal(v).round(new MathContext(3)).doubleValue();
            return Double.toString(Math.max(min, Math.min(max, rounded)));
        }

        @Override
        public long size() {
            return min == max ? 1 : Long.MAX_VALUE;
        }
    }
}

package org.recxplain.cli;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting for people: locale-independent, no scientific notation for ordinary values. Stateless. */
final class Numbers {
    private Numbers() {
    }

    /**
     * The shortest plain decimal of {@code v}, never in scientific notation: {@code 0.1}, {@code 40}, and
     * {@code 1.5E-7} as {@code 0.00000015}.
     */
    static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** The shortest plain decimal of a float, as written: {@code 3.7f} gives {@code 3.7}. */
    static String plain(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            return Float.toString(v);
        }
        return new BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** An integer with thousands separators: {@code 100,836}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Seconds with one decimal: {@code 2.3 s}. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}

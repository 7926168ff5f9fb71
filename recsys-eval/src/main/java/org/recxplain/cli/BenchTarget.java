package org.recxplain.cli;

import java.util.Locale;

/**
 * One performance target of the project and whether a run met it, for example "p50 of the prepared removal
 * kernel at most 0.5 ms".
 *
 * @param suite     the suite that measured it
 * @param measure   what was measured (as in the suite's table)
 * @param statistic the statistic compared: {@code p50}, {@code VSI}, ...
 * @param relation  {@code <=} or {@code >=}
 * @param goal      the target value
 * @param unit      the unit of goal and value ({@code ms}, or empty)
 * @param value     the measured value
 * @param met       whether the value satisfies the relation
 */
record BenchTarget(String suite, String measure, String statistic, String relation, double goal, String unit,
                   double value, boolean met) {

    /** A target {@code statistic <= goal}. */
    static BenchTarget atMost(BenchSuite suite, String measure, String statistic, double goal, String unit,
                              double value) {
        return new BenchTarget(suite.label(), measure, statistic, "<=", goal, unit, value, value <= goal);
    }

    /** A target {@code statistic >= goal}. */
    static BenchTarget atLeast(BenchSuite suite, String measure, String statistic, double goal, String unit,
                               double value) {
        return new BenchTarget(suite.label(), measure, statistic, ">=", goal, unit, value, value >= goal);
    }

    /** {@code p50 <= 0.5 ms: met}. */
    String verdict() {
        return String.format(Locale.ROOT, "%s %s %s%s: %s", statistic, relation, Numbers.plain(goal),
                unit.isEmpty() ? "" : " " + unit, met ? "met" : "MISSED");
    }
}

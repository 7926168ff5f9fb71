package org.recxplain.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The table layout shared by the suites of {@code recxplain bench}: one row per measure with its count,
 * mean, p50 and p95, and the verdict of the target it has, if any. Stateless.
 */
final class BenchTable {
    private BenchTable() {
    }

    /** The header row. */
    static void header(PrintWriter o) {
        o.println(String.format(Locale.ROOT, "%-46s %6s %10s %10s %10s", "measure", "n", "mean", "p50", "p95"));
    }

    /** A single duration in seconds (a training run). */
    static void seconds(PrintWriter o, String label, double seconds) {
        o.println(String.format(Locale.ROOT, "%-46s %6d %10.2f", label, 1, seconds));
    }

    /** A timing series without a target. */
    static void row(PrintWriter o, String label, Percentiles p) {
        row(o, label, p, null);
    }

    /** A timing series, with the verdict of its target when {@code target} is not null. */
    static void row(PrintWriter o, String label, Percentiles p, BenchTarget target) {
        o.println(String.format(Locale.ROOT, "%-46s %6d %10.3f %10.3f %10.3f%s", label, p.n(), p.mean(), p.p50(),
                p.p95(), target == null ? "" : "   " + target.verdict()));
    }

    /** {@code 2 threads} or {@code 1 thread}. */
    static String threads(int n) {
        return n + " thread" + (n == 1 ? "" : "s");
    }
}

package org.recxplain.cli;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;

/**
 * A growing sample of wall-clock timings in milliseconds, summarised by {@link Percentiles}. Not
 * thread-safe: one per measured series.
 */
final class BenchTimes {
    private final DoubleArrayList millis = new DoubleArrayList();

    /** Records the time since {@code startNanos} (a {@link System#nanoTime()} reading). */
    void since(long startNanos) {
        millis.add((System.nanoTime() - startNanos) / 1e6);
    }

    /** Number of timings recorded. */
    int size() {
        return millis.size();
    }

    /**
     * Count, mean and percentiles of the timings.
     *
     * @throws IllegalArgumentException if nothing was recorded
     */
    Percentiles percentiles() {
        return Percentiles.of(millis.toDoubleArray());
    }
}

package org.recxplain.eval.metrics;

/**
 * Exact first and second moments of a stream of finite values (count, Σx, Σx² as {@link ExactSum}s) and a
 * count of undefined observations; merging is exact, so {@link #summary()} is the same for any order and
 * partition. Not thread-safe.
 */
final class Moments {
    /** Values must be smaller than this in magnitude, so that squares and their sums cannot overflow. */
    static final double MAX_ABS = 1e150;
    private long n;
    private long skipped;
    private final ExactSum sum = new ExactSum();
    private final ExactSum sumSquares = new ExactSum();

    /**
     * Adds one value; NaN counts as undefined (skipped).
     *
     * @throws IllegalArgumentException if {@code |x|} is infinite or at least {@value #MAX_ABS} (too large to
     *                                  square exactly); the state is then unchanged
     */
    void add(double x) {
        if (Double.isNaN(x)) {
            skipped++;
            return;
        }
        if (!(Math.abs(x) < MAX_ABS)) {
            throw new IllegalArgumentException("metric value out of range (|x| < 1e150 expected): " + x);
        }
        sum.add(x);
        sumSquares.addProduct(x, x);
        n++;
    }

    void merge(Moments other) {
        n += other.n;
        skipped += other.skipped;
        sum.add(other.sum);
        sumSquares.add(other.sumSquares);
    }

    long n() {
        return n;
    }

    /** Mean and 95% t interval; see {@link Summary}. */
    Summary summary() {
        if (n == 0) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, 0, skipped);
        }
        double mean = sum.doubleValue() / n;
        if (n == 1) {
            return new Summary(mean, Double.NaN, Double.NaN, 1, skipped);
        }
        double ss = ExactSum.centredCrossSum(sumSquares, sum, sum, mean, mean, n);
        double halfWidth = StudentT.critical975(n - 1) * Math.sqrt(ss / (n - 1) / n);
        return new Summary(mean, mean - halfWidth, mean + halfWidth, n, skipped);
    }
}

package org.recxplain.eval.metrics;

/**
 * Exact sufficient sums of paired values (n, Σx, Σy, Σx², Σy², Σxy as {@link ExactSum}s), from which the
 * Pearson correlation is computed; merging adds the sums, which is exact, so the correlation is the same
 * for any order and partition. Not thread-safe.
 */
final class CoMoments {
    private long n;
    private final ExactSum sx = new ExactSum();
    private final ExactSum sy = new ExactSum();
    private final ExactSum sxx = new ExactSum();
    private final ExactSum syy = new ExactSum();
    private final ExactSum sxy = new ExactSum();

    /**
     * Adds one pair.
     *
     * @throws IllegalArgumentException if a value is not finite or its magnitude is at least
     *                                  {@value Moments#MAX_ABS}; the state is then unchanged
     */
    void add(double x, double y) {
        if (!(Math.abs(x) < Moments.MAX_ABS) || !(Math.abs(y) < Moments.MAX_ABS)) {
            throw new IllegalArgumentException("pair (" + x + ", " + y + ") out of range (|v| < 1e150 expected)");
        }
        n++;
        sx.add(x);
        sy.add(y);
        sxx.addProduct(x, x);
        syy.addProduct(y, y);
        sxy.addProduct(x, y);
    }

    void merge(CoMoments o) {
        n += o.n;
        sx.add(o.sx);
        sy.add(o.sy);
        sxx.add(o.sxx);
        syy.add(o.syy);
        sxy.add(o.sxy);
    }

    long n() {
        return n;
    }

    /**
     * Pearson's r = Sxy/√(Sxx·Syy) over the centred sums, clamped to [−1, 1]; NaN when n &lt; 2 or either
     * variable is constant.
     */
    double pearson() {
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx.doubleValue() / n;
        double my = sy.doubleValue() / n;
        double cxx = ExactSum.centredCrossSum(sxx, sx, sx, mx, mx, n);
        double cyy = ExactSum.centredCrossSum(syy, sy, sy, my, my, n);
        double cxy = ExactSum.centredCrossSum(sxy, sx, sy, mx, my, n);
        if (cxx == 0 || cyy == 0) {
            return Double.NaN;
        }
        double r = cxy / Math.sqrt(cxx) / Math.sqrt(cyy);
        return Math.max(-1, Math.min(1, r));
    }
}

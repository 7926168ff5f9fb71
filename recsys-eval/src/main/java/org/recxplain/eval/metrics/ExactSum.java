package org.recxplain.eval.metrics;

import java.util.Arrays;

/**
 * An exact sum of doubles, rounded once when read: the sum of any multiset of finite doubles is the same
 * double whatever the order of addition or the way partial sums were split and merged.
 *
 * <p>The state is Shewchuk's list of non-overlapping partials ("Adaptive precision floating-point
 * arithmetic and fast robust geometric predicates", Discrete Comput. Geom. 18, 1997), which together hold
 * the exact real sum; {@link #doubleValue()} rounds it to nearest, ties to even, with the half-way
 * correction across partials used by Python's {@code math.fsum}. Because the exact sum does not depend on
 * order and the rounding is correct, neither does the result. {@link #addProduct} adds a product exactly by
 * splitting it into a rounded product and its error with {@link Math#fma}.
 *
 * <p>Errors: adding a NaN or infinite value throws {@link IllegalArgumentException}; a partial that would
 * overflow (magnitudes near {@link Double#MAX_VALUE}) throws {@link ArithmeticException}, after which the
 * sum is no longer usable. Products whose
 * error term falls below the smallest normal double (factors under about 1e-150 in magnitude) lose that
 * term; the result then stays deterministic, as all terms are functions of the inputs alone.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class ExactSum {
    private double[] partials = new double[4];
    private int size;

    /** An empty sum (zero). */
    public ExactSum() {
    }

    /** A copy of {@code other}. */
    public ExactSum(ExactSum other) {
        partials = Arrays.copyOf(other.partials, Math.max(4, other.size));
        size = other.size;
    }

    /**
     * Adds {@code x} exactly.
     *
     * @throws IllegalArgumentException if {@code x} is NaN or infinite
     * @throws ArithmeticException      if the exact sum cannot be held (a partial overflows)
     */
    public void add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("cannot sum a non-finite value: " + x);
        }
        int i = 0;
        for (int j = 0; j < size; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[i++] = lo;
            }
            x = hi;
        }
        if (!Double.isFinite(x)) {
            throw new ArithmeticException("exact sum overflows the double range");
        }
        if (x != 0.0) {
            if (i == partials.length) {
                partials = Arrays.copyOf(partials, 2 * i);
            }
            partials[i++] = x;
        }
        size = i;
    }

    /** Adds the product {@code a·b} exactly (see the class note on underflow). */
    public void addProduct(double a, double b) {
        double p = a * b;
        if (!Double.isFinite(p)) {
            throw new ArithmeticException("product " + a + " * " + b + " overflows");
        }
        add(p);
        add(Math.fma(a, b, -p));
    }

    /** Adds the product {@code a·b·c} exactly (see the class note on underflow). */
    public void addProduct(double a, double b, double c) {
        double p = a * b;
        if (!Double.isFinite(p)) {
            throw new ArithmeticException("product " + a + " * " + b + " overflows");
        }
        addProduct(p, c);
        addProduct(Math.fma(a, b, -p), c);
    }

    /**
     * Adds {@code factor} times the exact value of {@code other} (exactly, see the class note on underflow).
     * The other sum is expanded canonically first, so the result depends only on its exact value.
     */
    public void addScaled(ExactSum other, double factor) {
        for (double c : other.canonical()) {
            addProduct(c, factor);
        }
    }

    /** Adds the exact value of {@code other}; {@code other} is unchanged (it may be this sum). */
    public void add(ExactSum other) {
        double[] p = Arrays.copyOf(other.partials, other.size);
        for (double x : p) {
            add(x);
        }
    }

    /** The exact sum rounded to the nearest double (ties to even). */
    public double doubleValue() {
        int n = size;
        if (n == 0) {
            return 0.0;
        }
        double hi = partials[--n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        // when the dropped remainder and the next partial point the same way, the rounding of hi + lo was
        // a half-way case that must go away from hi
        if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }

    /**
     * The canonical expansion of the exact value: s1 = round(S), s2 = round(S − s1), ... until the
     * remainder is zero. It is a function of the exact value alone (unlike the internal partials) and its
     * terms sum exactly to it.
     */
    double[] canonical() {
        ExactSum rest = new ExactSum(this);
        double[] out = new double[4];
        int n = 0;
        while (true) {
            double s = rest.doubleValue();
            if (s == 0.0) {
                return Arrays.copyOf(out, n);
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, 2 * n);
            }
            out[n++] = s;
            rest.add(-s);
        }
    }

    /**
     * The centred cross sum Σ(x−mx)(y−my) = Σxy − my·Σx − mx·Σy + n·mx·my, computed exactly from exact
     * sums and rounded once; with {@code sumX == sumY} and {@code mx == my} it is the centred sum of
     * squares. Exact whatever mx and my are, so it is never negative for a sum of squares.
     */
    static double centredCrossSum(ExactSum sumXY, ExactSum sumX, ExactSum sumY, double mx, double my, long n) {
        ExactSum c = new ExactSum(sumXY);
        c.addScaled(sumX, -my);
        c.addScaled(sumY, -mx);
        c.addProduct(n, mx, my);
        return c.doubleValue();
    }

    @Override
    public String toString() {
        return "ExactSum[" + doubleValue() + "]";
    }
}

package org.recxplain.eval.metrics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExactSumTest {

    private static double sum(double... xs) {
        ExactSum s = new ExactSum();
        for (double x : xs) {
            s.add(x);
        }
        return s.doubleValue();
    }

    @Test
    void cancellationKeepsSmallTerms() {
        // 1e100 + 1 − 1e100: naive left-to-right summation gives 0, the exact sum is 1
        assertEquals(1.0, sum(1e100, 1.0, -1e100));
        assertEquals(0.0, sum());
        // ten times the double nearest 0.1 is 1.0000000000000000555: rounds to 1.0 (naive: 0.9999999999999999)
        assertEquals(1.0, sum(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1));
    }

    @Test
    void roundsHalfWayCasesCorrectlyAcrossPartials() {
        double half = Math.scalb(1.0, -53); // half an ulp of 1.0
        double tiny = Math.scalb(1.0, -100);
        // exactly half-way: ties to even, stays 1.0
        assertEquals(1.0, sum(1.0, half));
        // just above half-way (by 2^-100): rounds up to 1 + 2^-52
        assertEquals(1.0 + Math.ulp(1.0), sum(1.0, half, tiny));
        assertEquals(1.0 + Math.ulp(1.0), sum(tiny, half, 1.0));
        // just below: stays 1.0
        assertEquals(1.0, sum(1.0, half, -tiny));
    }

    @Test
    void equalsCorrectlyRoundedBigDecimalSumInAnyOrder() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(60);
            double[] xs = new double[n];
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                // wide exponent range and both signs, to force cancellation
                xs[i] = (rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(-60, 60));
                exact = exact.add(new BigDecimal(xs[i]));
            }
            double expected = exact.doubleValue();
            assertEquals(expected, sum(xs), "trial " + trial);
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                double t = xs[i];
                xs[i] = xs[j];
                xs[j] = t;
            }
            assertEquals(expected, sum(xs), "trial " + trial + " shuffled");
        }
    }

    @Test
    void naiveSummationIsOrderDependentOnSuchData() {
        // the property the class exists for is not vacuous: plain summation of the same kind of data differs
        SplittableRandom rnd = new SplittableRandom(11);
        double[] xs = new double[1000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rnd.nextDouble();
        }
        double forward = 0;
        double backward = 0;
        for (int i = 0; i < xs.length; i++) {
            forward += xs[i];
            backward += xs[xs.length - 1 - i];
        }
        assertNotEquals(forward, backward);
    }

    @Test
    void productsAndScaledSumsAreExact() {
        SplittableRandom rnd = new SplittableRandom(3);
        ExactSum s = new ExactSum();
        ExactSum other = new ExactSum();
        BigDecimal exact = BigDecimal.ZERO;
        BigDecimal otherExact = BigDecimal.ZERO;
        for (int i = 0; i < 100; i++) {
            double a = rnd.nextDouble() * 1e3 - 500;
            double b = rnd.nextDouble() * 1e-3;
            double c = rnd.nextDouble() + 0.5;
            s.addProduct(a, b);
            s.addProduct(a, b, c);
            exact = exact.add(new BigDecimal(a).multiply(new BigDecimal(b)))
                    .add(new BigDecimal(a).multiply(new BigDecimal(b)).multiply(new BigDecimal(c)));
            other.add(a);
            otherExact = otherExact.add(new BigDecimal(a));
        }
        assertEquals(exact.doubleValue(), s.doubleValue());
        double f = 0.1;
        s.addScaled(other, f);
        exact = exact.add(otherExact.multiply(new BigDecimal(f)));
        assertEquals(exact.doubleValue(), s.doubleValue());
    }

    @Test
    void canonicalExpansionDependsOnlyOnTheValue() {
        ExactSum a = new ExactSum();
        ExactSum b = new ExactSum();
        double[] xs = {1e20, 3.0, Math.scalb(1.0, -80), -1e20, 0.1, 7e-30};
        for (double x : xs) {
            a.add(x);
        }
        for (int i = xs.length - 1; i >= 0; i--) {
            b.add(xs[i]);
        }
        assertArrayEquals(a.canonical(), b.canonical());
        BigDecimal fromTerms = BigDecimal.ZERO;
        for (double t : a.canonical()) {
            fromTerms = fromTerms.add(new BigDecimal(t));
        }
        BigDecimal exact = BigDecimal.ZERO;
        for (double x : xs) {
            exact = exact.add(new BigDecimal(x));
        }
        assertEquals(0, exact.compareTo(fromTerms));
    }

    @Test
    void mergeAddsTheOtherWithoutChangingIt() {
        ExactSum a = new ExactSum();
        a.add(1e16);
        ExactSum b = new ExactSum();
        b.add(1.0);
        b.add(1.0);
        a.add(b);
        assertEquals(1e16 + 2, a.doubleValue());
        assertEquals(2.0, b.doubleValue());
        a.add(a); // adding itself doubles it
        assertEquals(2e16 + 4, a.doubleValue());
    }

    @Test
    void rejectsNonFiniteAndOverflow() {
        ExactSum s = new ExactSum();
        assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.add(Double.POSITIVE_INFINITY));
        assertThrows(ArithmeticException.class, () -> s.addProduct(1e200, 1e200));
        ExactSum big = new ExactSum();
        big.add(Double.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> big.add(Double.MAX_VALUE));
    }
}

package org.recxplain.eval.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    private static Summary of(double... xs) {
        Moments m = new Moments();
        for (double x : xs) {
            m.add(x);
        }
        return m.summary();
    }

    @Test
    void studentCriticalValuesMatchClosedFormsAndTables() {
        // nu = 1: t = tan(0.95·π/2); nu = 2: t = 0.95·√(2/(1 − 0.95²)) (closed forms of the CDF)
        assertEquals(Math.tan(0.475 * Math.PI), StudentT.critical975(1), 1e-12);
        assertEquals(0.95 * Math.sqrt(2 / (1 - 0.95 * 0.95)), StudentT.critical975(2), 1e-12);
        // tabulated values of t(0.975; nu)
        assertEquals(3.182446, StudentT.critical975(3), 1e-6);
        assertEquals(2.228139, StudentT.critical975(10), 1e-6);
        assertEquals(2.042272, StudentT.critical975(30), 1e-6);
        assertEquals(1.983972, StudentT.critical975(100), 1e-6);
        // the two methods agree where they meet, and the limit is the normal value
        assertEquals(StudentT.critical975(StudentT.EXACT_MAX_DF), StudentT.cornishFisher(StudentT.EXACT_MAX_DF),
                1e-11);
        assertEquals(StudentT.Z975, StudentT.critical975(1L << 40), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> StudentT.critical975(0));
        for (int nu = 1; nu < 1200; nu++) {
            assertTrue(StudentT.critical975(nu + 1) < StudentT.critical975(nu), "decreasing at " + nu);
        }
    }

    @Test
    void meanAndTIntervalByHand() {
        // 1,2,3,4: mean 2.5, s² = (2.25+0.25+0.25+2.25)/3 = 5/3, se = √(5/12), t(3) = 3.182446305
        Summary s = of(1, 2, 3, 4);
        assertEquals(2.5, s.mean());
        assertEquals(0.445739743, s.ciLow(), 1e-8);
        assertEquals(4.554260257, s.ciHigh(), 1e-8);
        assertEquals(4, s.n());
        assertEquals(0, s.skipped());
    }

    @Test
    void varianceIsExactDespiteALargeOffset() {
        // 1e8+1, 1e8+2, 1e8+3: s² = 1 exactly; Σx² − (Σx)²/n in doubles loses it entirely
        Summary s = of(1e8 + 1, 1e8 + 2, 1e8 + 3);
        assertEquals(1e8 + 2, s.mean());
        // (the interval ends are rounded at the magnitude of 1e8, whose ulp is 1.5e-8)
        assertEquals(StudentT.critical975(2) * Math.sqrt(1.0 / 3), s.halfWidth(), 3e-8);
    }

    @Test
    void edgeCases() {
        Summary empty = of();
        assertTrue(Double.isNaN(empty.mean()) && Double.isNaN(empty.ciLow()) && empty.n() == 0);
        Summary one = of(0.7);
        assertEquals(0.7, one.mean());
        assertTrue(Double.isNaN(one.ciLow()) && Double.isNaN(one.ciHigh()));
        Summary constant = of(0.25, 0.25, 0.25);
        assertEquals(0.25, constant.ciLow());
        assertEquals(0.25, constant.ciHigh());
        // 0.1 is not representable and 7·0.1 rounds, so the mean is off by an ulp and the interval is not
        // exactly empty, but it is as narrow as the rounding
        Summary tenths = of(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
        assertEquals(0.1, tenths.mean(), 1e-16);
        assertTrue(tenths.halfWidth() >= 0 && tenths.halfWidth() < 1e-15);
        Summary withUndefined = of(1, Double.NaN, 3, Double.NaN);
        assertEquals(2, withUndefined.mean());
        assertEquals(2, withUndefined.n());
        assertEquals(2, withUndefined.skipped());
        assertThrows(IllegalArgumentException.class, () -> of(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> of(1e200));
    }
}

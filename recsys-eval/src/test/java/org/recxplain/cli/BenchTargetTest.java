package org.recxplain.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdicts of {@link BenchTarget}, boundaries included. */
class BenchTargetTest {

    @Test
    void atMostIsMetUpToTheGoalInclusive() {
        assertTrue(BenchTarget.atMost(BenchSuite.ALS, "x", "p50", 0.2, "ms", 0.2).met());
        assertTrue(BenchTarget.atMost(BenchSuite.ALS, "x", "p50", 0.2, "ms", 0.01).met());
        BenchTarget missed = BenchTarget.atMost(BenchSuite.REMOVAL, "x", "p50", 0.5, "ms", 0.51);
        assertFalse(missed.met());
        assertEquals("p50 <= 0.5 ms: MISSED", missed.verdict());
        assertEquals("removal", missed.suite());
    }

    @Test
    void atLeastIsMetFromTheGoalInclusive() {
        BenchTarget met = BenchTarget.atLeast(BenchSuite.STABILITY, "x", "VSI", 0.9, "", 0.9);
        assertTrue(met.met());
        assertEquals("VSI >= 0.9: met", met.verdict());
        assertFalse(BenchTarget.atLeast(BenchSuite.STABILITY, "x", "VSI", 0.9, "", 0.899).met());
        assertFalse(BenchTarget.atLeast(BenchSuite.STABILITY, "x", "VSI", 0.9, "", Double.NaN).met(),
                "an undefined value does not meet a target");
    }
}

package org.recxplain.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's small helpers: progress policy, percentiles, CSV quoting, one-line errors. */
class SupportTest {

    @Test
    void progressDrawsOnlyOnAConsoleOutsideCi() {
        assertTrue(ProgressLine.shouldDraw(true, Map.of()));
        assertTrue(ProgressLine.shouldDraw(true, Map.of("HOME", "/root")));
        assertFalse(ProgressLine.shouldDraw(true, Map.of("CI", "true")));
        assertFalse(ProgressLine.shouldDraw(true, Map.of("CI", "")));
        assertFalse(ProgressLine.shouldDraw(false, Map.of()));
    }

    @Test
    void quietProgressWritesNothing() {
        StringWriter sw = new StringWriter();
        // in a test JVM there is no console, so the indicator is silent
        try (ProgressLine p = ProgressLine.start(new PrintWriter(sw), "work")) {
            assertFalse(p.drawing());
            p.step(1, 2);
        }
        assertEquals("", sw.toString());
    }

    @Test
    void percentilesMatchASortedBruteForce() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n : new int[] {1, 2, 19, 20, 21, 100, 1001}) {
            double[] v = rnd.doubles(n).toArray();
            Percentiles p = Percentiles.of(v);
            double[] s = v.clone();
            Arrays.sort(s);
            // nearest rank: the smallest value with at least q*n values at or below it
            assertEquals(smallestCovering(s, 0.5), p.p50());
            assertEquals(smallestCovering(s, 0.95), p.p95());
            assertEquals(s[n - 1], p.max());
            assertEquals(Arrays.stream(v).sum() / n, p.mean(), 1e-12);
            assertEquals(n, p.n());
        }
        assertEquals(3.0, Percentiles.of(new double[] {5, 1, 3, 2, 4}).p50());
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[0]));
    }

    private static double smallestCovering(double[] sorted, double q) {
        for (double x : sorted) {
            long atOrBelow = Arrays.stream(sorted).filter(y -> y <= x).count();
            if (atOrBelow >= q * sorted.length) {
                return x;
            }
        }
        throw new AssertionError();
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() {
        assertEquals("Heat (1995)", Csv.field("Heat (1995)"));
        assertEquals("\"American President, The (1995)\"", Csv.field("American President, The (1995)"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"a\nb\"", Csv.field("a\nb"));
    }

    @Test
    void errorsAreFoldedOntoOneLine() {
        assertEquals("a b c", ErrorReporter.oneLine("a\n  b\r\nc\n"));
        assertEquals("no such file: /x/y", ErrorReporter.describe(new java.nio.file.NoSuchFileException("/x/y")));
        assertEquals("ratings.csv:3: column 3: expected a number",
                ErrorReporter.describe(new org.recxplain.data.DataFormatException("ratings.csv", 3, 3,
                        "expected a number")));
        assertTrue(ErrorReporter.describe(new NullPointerException()).contains("--verbose"));
    }

    @Test
    void numbersAreLocaleIndependent() {
        assertEquals("0.1", Numbers.plain(0.1));
        assertEquals("40", Numbers.plain(40.0));
        assertEquals("0.00000015", Numbers.plain(1.5e-7));
        assertEquals("100,836", Numbers.count(100836));
        assertEquals("2.3 s", Numbers.seconds(2_340_000_000L));
    }
}

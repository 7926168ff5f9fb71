package org.recxplain.cli;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.als.ImplicitAls;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sampling of {@link BenchContext} on synthetic data, against a brute-force scan of the degrees. */
class BenchContextTest {
    private static final Dataset DATA = SyntheticData.small(7).generate().dataset();

    private static BenchContext context(Integer users, long seed) {
        ImplicitAls.Config als = ImplicitAls.Config.defaults().withFactors(2).withIterations(1);
        als = new ImplicitAls.Config(als.factors(), als.lambda(), als.alpha(), als.iterations(), seed, 1);
        PrintWriter w = new PrintWriter(new StringWriter());
        return new BenchContext(DATA, new BenchContext.Settings(als, users, 3, 2, 1, 2, 1, 0.01, List.of(20), 2), w, w);
    }

    /** Users whose degree is in min..max, ascending, by brute force. */
    private static int[] band(int min, int max) {
        Interactions x = DATA.interactions();
        return IntStream.range(0, x.numUsers()).filter(u -> x.userDegree(u) >= min && x.userDegree(u) <= max)
                .toArray();
    }

    @Test
    void aSampleOfTheBandIsDistinctSeededAndInsideTheBand() {
        int[] band = band(18, 22);
        assertTrue(band.length > 20, "the synthetic data has users in the band: " + band.length);
        int[] sample = context(10, 3).sampleUsersWithHistory(BenchSuite.REMOVAL, 18, 22);
        assertEquals(10, sample.length);
        assertEquals(10, Arrays.stream(sample).distinct().count());
        for (int u : sample) {
            assertTrue(Arrays.binarySearch(band, u) >= 0, "user " + u + " outside the band");
        }
        assertArrayEquals(sample, context(10, 3).sampleUsersWithHistory(BenchSuite.REMOVAL, 18, 22));
        assertFalse(Arrays.equals(sample, context(10, 4).sampleUsersWithHistory(BenchSuite.REMOVAL, 18, 22)),
                "another seed draws another sample");
    }

    @Test
    void askingForAtLeastTheWholeBandGivesAllOfItAscending() {
        int[] band = band(18, 22);
        assertArrayEquals(band, context(band.length, 3).sampleUsersWithHistory(BenchSuite.BPR, 18, 22));
        assertArrayEquals(band, context(null, 3).sampleUsersWithHistory(BenchSuite.BPR, 18, 22),
                "the default 100 users exceed the band");
    }

    @Test
    void theMeanHistoryIsTheMeanDegree() {
        int[] users = {0, 5, 9};
        double expected = (DATA.interactions().userDegree(0) + DATA.interactions().userDegree(5)
                + DATA.interactions().userDegree(9)) / 3.0;
        assertEquals(expected, context(null, 1).meanHistory(users), 1e-12);
    }

    @Test
    void anEmptyBandIsAnErrorNamingItAndTheData() {
        CliException e = assertThrows(CliException.class,
                () -> context(null, 1).sampleUsersWithHistory(BenchSuite.REMOVAL, 500, 600));
        assertTrue(e.getMessage().contains("500..600 interactions") && e.getMessage().contains(DATA.name()),
                e.getMessage());
    }

    @Test
    void eachSuiteSamplesItsDefaultUnlessUsersIsGiven() {
        assertEquals(100, context(null, 1).users(BenchSuite.ALS));
        assertEquals(10, context(null, 1).users(BenchSuite.STABILITY));
        assertEquals(7, context(7, 1).users(BenchSuite.STABILITY));
    }
}

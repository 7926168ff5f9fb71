package org.recxplain.eval.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageAndErrorTest {

    @Test
    void coverageByHand() {
        // catalogue of 10, k = 2: lists [0,1,2] -> {0,1}, [2,3] -> {2,3}, [9] -> {9}: 5 distinct items, 0.5
        CatalogueCoverage m = new CatalogueCoverage(10, 2);
        Coverage c = m.evaluate(List.of(new int[]{0, 1, 2}, new int[]{2, 3}, new int[]{9}));
        assertEquals(new Coverage(5, 10, 3, 0.5), c);
        assertEquals(new Coverage(0, 10, 0, 0.0), m.evaluate(List.of()));
    }

    @Test
    void coverageRejectsItemsOutsideTheCatalogueAndKeepsItsState() {
        Accumulator<int[], Coverage> acc = new CatalogueCoverage(5, 3).newAccumulator();
        acc.add(new int[]{0, 1});
        assertThrows(IllegalArgumentException.class, () -> acc.add(new int[]{2, 5}));
        assertThrows(IllegalArgumentException.class, () -> acc.add(new int[]{-1}));
        assertEquals(new Coverage(2, 5, 1, 0.4), acc.result());
        // beyond k the list is not looked at
        acc.add(new int[]{3, 4, 2, 99});
        assertEquals(new Coverage(5, 5, 2, 1.0), acc.result());
    }

    @Test
    void coverageMergesAsSetUnion() {
        SplittableRandom rnd = new SplittableRandom(1);
        List<int[]> lists = new ArrayList<>();
        for (int u = 0; u < 200; u++) {
            lists.add(rnd.ints(0, 1000).distinct().limit(10).toArray());
        }
        Coverage c = MergeChecks.assertMergeInvariant(new CatalogueCoverage(1000, 5), lists, 2, 20);
        assertTrue(c.distinct() > 500 && c.distinct() <= 1000);
        assertThrows(IllegalArgumentException.class,
                () -> new CatalogueCoverage(1000, 5).newAccumulator().merge(new CatalogueCoverage(999, 5).newAccumulator()));
    }

    @Test
    void ratingErrorsByHand() {
        // (p, a) = (3, 1), (2, 2), (4, 5): errors 2, 0, −1
        List<ScorePair> obs = List.of(new ScorePair(3, 1), new ScorePair(2, 2), new ScorePair(4, 5));
        // MAE = (2 + 0 + 1) / 3 = 1
        assertEquals(1.0, RatingError.mae().evaluate(obs).mean(), 1e-15);
        // MSE = (4 + 0 + 1) / 3 = 5/3, RMSE = √(5/3) = 1.2909944487358056; the MSE values 4, 0, 1 have
        // s² = 13/3, so the MSE interval is 5/3 ± t(2)·√(13/9) = [−3.50, 6.84]: RMSE interval [0, 2.6149]
        Summary rmse = RatingError.rmse().evaluate(obs);
        assertEquals(1.2909944487358056, rmse.mean(), 1e-15);
        assertEquals(0.0, rmse.ciLow());
        assertEquals(2.614920969973841, rmse.ciHigh(), 1e-9);
        assertEquals(3, rmse.n());
        assertThrows(IllegalArgumentException.class, () -> new ScorePair(Double.NaN, 1));
    }

    @Test
    void ratingErrorsMergeExactly() {
        SplittableRandom rnd = new SplittableRandom(9);
        List<ScorePair> obs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double actual = 1 + rnd.nextInt(5);
            obs.add(new ScorePair(actual + rnd.nextGaussian() * 0.9, actual));
        }
        Summary rmse = MergeChecks.assertMergeInvariant(RatingError.rmse(), obs, 3, 25);
        Summary mae = MergeChecks.assertMergeInvariant(RatingError.mae(), obs, 4, 25);
        // errors are N(0, 0.81): RMSE ≈ 0.9, MAE ≈ 0.9·√(2/π) = 0.718
        assertEquals(0.9, rmse.mean(), 0.03);
        assertEquals(0.9 * Math.sqrt(2 / Math.PI), mae.mean(), 0.03);
    }
}

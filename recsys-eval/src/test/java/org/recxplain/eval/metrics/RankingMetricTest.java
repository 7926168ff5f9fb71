package org.recxplain.eval.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankingMetricTest {
    private static final double EPS = 1e-12;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static UserRanking u(int[] ranked, int... relevant) {
        return new UserRanking(ranked, relevant);
    }

    @Test
    void relNonRelWithTwoRelevant() {
        // ranked [7 (rel), 3, 5 (rel)], relevant {5, 7}, k = 3
        UserRanking user = u(new int[]{7, 3, 5}, 5, 7);
        // NDCG = (1 + 1/log2(4)) / (1 + 1/log2(3)) = 1.5 / 1.6309297535714575 = 0.9197207891481876
        assertEquals(0.9197207891481876, RankingMetric.ndcg(3).value(user), EPS);
        assertEquals((1 + 1 / log2(4)) / (1 + 1 / log2(3)), RankingMetric.ndcg(3).value(user), EPS);
        assertEquals(1.0, RankingMetric.recall(3).value(user), EPS);
        assertEquals(2.0 / 3, RankingMetric.precision(3).value(user), EPS);
        assertEquals(1.0, RankingMetric.hitRate(3).value(user), EPS);
        // AP = (P@1 + P@3) / min(3, 2) = (1 + 2/3) / 2 = 5/6
        assertEquals(5.0 / 6, RankingMetric.map(3).value(user), EPS);
        assertEquals(1.0, RankingMetric.mrr(3).value(user), EPS);
    }

    @Test
    void firstRelevantSecondOfThreeRelevant() {
        // ranked [1, 2 (rel), 3], relevant {2, 8, 9}, k = 3
        UserRanking user = u(new int[]{1, 2, 3}, 2, 8, 9);
        // NDCG = (1/log2 3) / (1 + 1/log2 3 + 1/log2 4) = 0.2960819109658652
        assertEquals(0.2960819109658652, RankingMetric.ndcg(3).value(user), EPS);
        assertEquals(1.0 / 3, RankingMetric.recall(3).value(user), EPS);
        assertEquals(1.0 / 3, RankingMetric.precision(3).value(user), EPS);
        // AP = (P@2 = 1/2) / min(3, 3) = 1/6
        assertEquals(1.0 / 6, RankingMetric.map(3).value(user), EPS);
        assertEquals(0.5, RankingMetric.mrr(3).value(user), EPS);
    }

    @Test
    void cutoffTruncatesTheList() {
        // the only relevant item is third, k = 2: nothing counts
        UserRanking user = u(new int[]{4, 5, 6}, 6);
        for (RankingMetric m : RankingMetric.all(2)) {
            assertEquals(0.0, m.value(user), m.name());
        }
        assertEquals(1.0 / 3, RankingMetric.mrr(3).value(user), EPS);
    }

    @Test
    void idealIsOverMinOfKAndRelevant() {
        // five relevant items, k = 2, both top positions relevant: perfect NDCG and AP, recall 2/5
        UserRanking user = u(new int[]{1, 2}, 1, 2, 3, 4, 5);
        assertEquals(1.0, RankingMetric.ndcg(2).value(user), EPS);
        assertEquals(1.0, RankingMetric.map(2).value(user), EPS);
        assertEquals(0.4, RankingMetric.recall(2).value(user), EPS);
    }

    @Test
    void shortListsAreNotRewarded() {
        // one recommendation (relevant), two relevant items, k = 5
        UserRanking user = u(new int[]{1}, 1, 2);
        assertEquals(1 / (1 + 1 / log2(3)), RankingMetric.ndcg(5).value(user), EPS); // 0.6131471927654584
        assertEquals(0.2, RankingMetric.precision(5).value(user), EPS);
        assertEquals(0.5, RankingMetric.map(5).value(user), EPS);
        assertEquals(0.5, RankingMetric.recall(5).value(user), EPS);
        UserRanking empty = u(new int[0], 1);
        for (RankingMetric m : RankingMetric.all(5)) {
            assertEquals(0.0, m.value(empty), m.name());
        }
    }

    @Test
    void usersWithoutRelevantItemsAreSkippedAndCounted() {
        for (RankingMetric m : RankingMetric.all(3)) {
            assertTrue(Double.isNaN(m.value(u(new int[]{1, 2}))));
            Summary s = m.evaluate(List.of(u(new int[]{1, 2}, 1), u(new int[]{1, 2}), u(new int[]{3}, 3)));
            assertEquals(2, s.n(), m.name());
            assertEquals(1, s.skipped(), m.name());
        }
    }

    @Test
    void invalidInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> u(new int[]{1, 2, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> u(new int[]{-1}, 1));
        assertThrows(IllegalArgumentException.class, () -> u(new int[]{1}, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> RankingMetric.ndcg(0));
        int[] ranked = {1, 2};
        UserRanking user = u(ranked, 2);
        ranked[1] = 9; // the record copied its input
        assertEquals(0.5, RankingMetric.mrr(2).value(user), EPS);
        assertEquals("NDCG@10", RankingMetric.ndcg(10).name());
    }

    @Test
    void randomRankingsScoreAtChance() {
        // one relevant item among n = 100, random top-10 lists: E[HR] = 10/100,
        // E[MRR] = (1/100) Σ_{i≤10} 1/i = 0.02928968, E[NDCG] = (1/100) Σ_{i≤10} 1/log2(i+1) = 0.04543559
        int n = 100;
        int k = 10;
        int users = 20000;
        SplittableRandom rnd = new SplittableRandom(42);
        List<UserRanking> obs = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            obs.add(u(java.util.Arrays.copyOf(perm, k), rnd.nextInt(n)));
        }
        double hr = 0.1;
        double mrr = 0;
        double ndcg = 0;
        double mrr2 = 0;
        double ndcg2 = 0;
        for (int i = 1; i <= k; i++) {
            mrr += 1.0 / i / n;
            mrr2 += 1.0 / i / i / n;
            ndcg += 1 / log2(i + 1) / n;
            ndcg2 += 1 / log2(i + 1) / log2(i + 1) / n;
        }
        assertNear(hr, Math.sqrt(hr * (1 - hr)), RankingMetric.hitRate(k).evaluate(obs), users);
        assertNear(hr, Math.sqrt(hr * (1 - hr)), RankingMetric.recall(k).evaluate(obs), users);
        assertNear(mrr, Math.sqrt(mrr2 - mrr * mrr), RankingMetric.mrr(k).evaluate(obs), users);
        assertNear(mrr, Math.sqrt(mrr2 - mrr * mrr), RankingMetric.map(k).evaluate(obs), users);
        assertNear(ndcg, Math.sqrt(ndcg2 - ndcg * ndcg), RankingMetric.ndcg(k).evaluate(obs), users);
    }

    /** |mean − expected| within 4 standard errors, and the analytic value inside a widened interval. */
    private static void assertNear(double expected, double sd, Summary s, int n) {
        assertEquals(expected, s.mean(), 4 * sd / Math.sqrt(n), s.toString());
        assertEquals(s.halfWidth() / 1.96, sd / Math.sqrt(n), 0.1 * sd / Math.sqrt(n), "standard error");
    }

    @Test
    void mergedEqualsSequential() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<UserRanking> obs = new ArrayList<>();
        for (int u = 0; u < 300; u++) {
            int[] ranked = rnd.ints(0, 50).distinct().limit(rnd.nextInt(0, 15)).toArray();
            int[] relevant = rnd.ints(0, 50).distinct().limit(rnd.nextInt(0, 8)).toArray();
            obs.add(u(ranked, relevant));
        }
        for (RankingMetric m : RankingMetric.all(10)) {
            Summary s = MergeChecks.assertMergeInvariant(m, obs, 17, 25);
            assertTrue(s.n() > 200 && s.skipped() > 0 && s.mean() > 0, m.name() + " " + s);
        }
    }

    @Test
    void mergeRejectsOtherMetricsAndItself() {
        Accumulator<UserRanking, Summary> a = RankingMetric.ndcg(10).newAccumulator();
        Accumulator<UserRanking, Summary> b = RankingMetric.ndcg(5).newAccumulator();
        Accumulator<UserRanking, Summary> c = RankingMetric.recall(10).newAccumulator();
        assertThrows(IllegalArgumentException.class, () -> a.merge(b));
        assertThrows(IllegalArgumentException.class, () -> a.merge(c));
        assertThrows(IllegalArgumentException.class, () -> a.merge(a));
        Accumulator<UserRanking, Summary> d = RankingMetric.ndcg(10).newAccumulator();
        d.add(u(new int[]{1}, 1));
        Summary before = d.result();
        a.merge(d);
        assertEquals(before, d.result(), "merge must not change the other accumulator");
        assertEquals(before, a.result());
    }
}

package org.recxplain.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class RankingsTest {

    /** The documented order, written independently: higher score first, then lower index; NaN last. */
    private static int compare(float[] s, int a, int b) {
        boolean na = Float.isNaN(s[a]);
        boolean nb = Float.isNaN(s[b]);
        if (na != nb) {
            return na ? 1 : -1;
        }
        if (!na && s[a] != s[b]) {
            return s[a] > s[b] ? -1 : 1;
        }
        return Integer.compare(a, b);
    }

    private static List<Integer> bruteOrder(float[] s, int[] excluded, boolean dropNaN) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            int item = i;
            if (Arrays.stream(excluded).noneMatch(e -> e == item) && !(dropNaN && Float.isNaN(s[i]))) {
                all.add(i);
            }
        }
        all.sort((a, b) -> compare(s, a, b));
        return all;
    }

    /** Scores drawn from a few values, so ties are common, with some NaN. */
    private static float[] randomScores(SplittableRandom rnd, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(12);
            s[i] = r == 0 ? Float.NaN : r == 1 ? rnd.nextFloat() * 100 - 50 : (r % 5) * 0.5f - 1f;
        }
        return s;
    }

    private static int[] randomExcluded(SplittableRandom rnd, int n) {
        return rnd.ints(rnd.nextInt(n / 2 + 1), 0, n + 3).distinct().sorted().toArray();
    }

    @Test
    void topKMatchesBruteForceSort() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int trial = 0; trial < 2000; trial++) {
            int n = rnd.nextInt(60);
            float[] s = randomScores(rnd, n);
            int[] excluded = randomExcluded(rnd, n);
            int k = rnd.nextInt(n + 5);
            List<Integer> order = bruteOrder(s, excluded, true);
            int[] expected = order.subList(0, Math.min(k, order.size())).stream().mapToInt(Integer::intValue).toArray();
            int[] got = Rankings.topK(s, k, excluded);
            assertArrayEquals(expected, got, () -> "scores " + Arrays.toString(s) + " excluded "
                    + Arrays.toString(excluded) + " k " + k);
        }
    }

    @Test
    void rankOfMatchesBruteForcePosition() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int trial = 0; trial < 1000; trial++) {
            int n = 1 + rnd.nextInt(50);
            float[] s = randomScores(rnd, n);
            int[] excluded = randomExcluded(rnd, n);
            for (int item = 0; item < n; item++) {
                if (Float.isNaN(s[item])) {
                    continue;   // the rank of an unscored item is not specified
                }
                int it = item;
                // the rank the item would have among the non-excluded items, itself included
                List<Integer> order = bruteOrder(s, Arrays.stream(excluded).filter(e -> e != it).toArray(), false);
                assertEquals(order.indexOf(item) + 1, Rankings.rankOf(s, item, excluded),
                        "item " + item + " of " + Arrays.toString(s) + " excluded " + Arrays.toString(excluded));
            }
        }
    }

    @Test
    void rankOfAgreesWithTopK() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(100);
            float[] s = randomScores(rnd, n);
            int[] excluded = randomExcluded(rnd, n);
            int[] top = Rankings.topK(s, n, excluded);
            for (int r = 0; r < top.length; r++) {
                assertEquals(r + 1, Rankings.rankOf(s, top[r], excluded));
            }
        }
    }

    @Test
    void tiesGoToTheLowerIndex() {
        float[] s = {1f, 3f, 3f, 2f, 3f};
        assertArrayEquals(new int[] {1, 2, 4, 3}, Rankings.topK(s, 4, new int[0]));
        assertArrayEquals(new int[] {2, 4}, Rankings.topK(s, 2, new int[] {1}));
        assertEquals(1, Rankings.rankOf(s, 1, new int[0]));
        assertEquals(3, Rankings.rankOf(s, 4, new int[0]));
        assertEquals(2, Rankings.rankOf(s, 4, new int[] {1}));
        assertEquals(1, Rankings.rankOf(s, 4, new int[] {1, 2}));
        assertEquals(2, Rankings.rankOf(s, 2, new int[] {2}), "an excluded item gets the rank it would have");
    }

    @Test
    void edgeCases() {
        float[] s = {0.5f, Float.NaN, 0.7f};
        assertArrayEquals(new int[0], Rankings.topK(s, 0, new int[0]));
        assertArrayEquals(new int[] {2, 0}, Rankings.topK(s, 10, new int[0]), "NaN is skipped, k capped");
        assertArrayEquals(new int[0], Rankings.topK(new float[0], 3, new int[0]));
        assertArrayEquals(new int[0], Rankings.topK(s, 3, new int[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Rankings.topK(s, -1, new int[0]));
        float[] inf = {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0f};
        assertArrayEquals(new int[] {1, 2, 0}, Rankings.topK(inf, 3, new int[0]));
    }
}

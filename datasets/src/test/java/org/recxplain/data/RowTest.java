package org.recxplain.data;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class RowTest {

    private static final Row TIMED = new Row(new int[] {1, 3, 5, 8}, new float[] {10f, 30f, 50f, 80f},
            new long[] {100, 300, 500, 800});

    @Test
    void withoutRemovesListedIndicesInAnyOrderIgnoringAbsentOnes() {
        Row r = TIMED.without(8, 2, 1, 1);
        assertEquals(new Row(new int[] {3, 5}, new float[] {30f, 50f}, new long[] {300, 500}), r);
        assertEquals(TIMED, TIMED.without(7));
        assertEquals(TIMED, TIMED.without());
        assertEquals(0, TIMED.without(1, 3, 5, 8).size());
        assertNotNull(TIMED.without(1, 3, 5, 8).timestamps());
    }

    @Test
    void onlyKeepsListedIndices() {
        Row r = TIMED.only(5, 1, 42);
        assertEquals(new Row(new int[] {1, 5}, new float[] {10f, 50f}, new long[] {100, 500}), r);
        assertEquals(0, TIMED.only().size());
        Row untimed = new Row(new int[] {2, 4}, new float[] {1f, 2f}, null);
        assertEquals(new Row(new int[] {4}, new float[] {2f}, null), untimed.only(4));
        assertNull(untimed.without(4).timestamps());
    }

    @Test
    void withoutAndOnlyAgreeWithBruteForce() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 200; trial++) {
            int n = rnd.nextInt(20);
            int[] idx = rnd.ints(0, 40).distinct().limit(n).sorted().toArray();
            float[] val = new float[idx.length];
            for (int p = 0; p < idx.length; p++) {
                val[p] = rnd.nextInt(5);
            }
            Row row = new Row(idx, val, null);
            int[] sel = rnd.ints(rnd.nextInt(10), 0, 40).toArray();
            Row without = row.without(sel);
            Row only = row.only(sel);
            assertEquals(row.size(), without.size() + only.size());
            for (int p = 0; p < row.size(); p++) {
                int i = idx[p];
                boolean selected = java.util.Arrays.stream(sel).anyMatch(s -> s == i);
                Row has = selected ? only : without;
                Row hasNot = selected ? without : only;
                int q = has.find(i);
                assertTrue(q >= 0);
                assertEquals(val[p], has.values()[q]);
                assertTrue(hasNot.find(i) < 0);
            }
        }
    }

    @Test
    void filteringDoesNotTouchTheSource() {
        Row copy = new Row(TIMED.indices().clone(), TIMED.values().clone(), TIMED.timestamps().clone());
        Row r = copy.only(3);
        r.values()[0] = -1f;
        assertEquals(TIMED, copy);
    }

    @Test
    void findAndEquality() {
        assertEquals(2, TIMED.find(5));
        assertTrue(TIMED.find(4) < 0);
        Row untimed = new Row(TIMED.indices(), TIMED.values(), null);
        assertNotEquals(TIMED, untimed);
        assertEquals(untimed, new Row(TIMED.indices().clone(), TIMED.values().clone(), null));
        assertEquals(untimed.hashCode(), new Row(TIMED.indices().clone(), TIMED.values().clone(), null).hashCode());
        assertThrows(IllegalArgumentException.class, () -> new Row(new int[2], new float[1], null));
        assertThrows(IllegalArgumentException.class, () -> new Row(new int[2], new float[2], new long[1]));
    }
}

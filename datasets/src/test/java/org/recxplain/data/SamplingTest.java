package org.recxplain.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SamplingTest {

    @Test
    void permutationsAreSeededPermutations() {
        int[] p = Sampling.permutation(50, new SplittableRandom(3));
        assertArrayEquals(p, Sampling.permutation(50, new SplittableRandom(3)));
        assertFalse(Arrays.equals(p, Sampling.permutation(50, new SplittableRandom(4))));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void samplesAreDistinctSubsetsAndAllWhenAskedForMore() {
        int[] candidates = {10, 20, 30, 40, 50, 60, 70};
        int[] s = Sampling.sample(candidates, 4, 9);
        assertEquals(4, Arrays.stream(s).distinct().count());
        assertTrue(Arrays.stream(s).allMatch(x -> Arrays.stream(candidates).anyMatch(c -> c == x)));
        assertArrayEquals(s, Sampling.sample(candidates, 4, 9));
        assertArrayEquals(candidates, Sampling.sample(candidates, 9, 9));
        assertArrayEquals(new int[] {10, 20, 30, 40, 50, 60, 70}, candidates, "the input is not modified");
    }

    @Test
    void usersWithHistorySkipsUsersWithoutInteractions() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.addUser("empty");
        b.add("a", "x", 1f);
        b.add("b", "x", 1f);
        b.add("c", "y", 1f);
        Interactions x = b.build();
        assertArrayEquals(new int[] {1, 2, 3}, Sampling.usersWithHistory(x, 0, 1));
        int[] two = Sampling.usersWithHistory(x, 2, 1);
        assertEquals(2, two.length);
        assertTrue(Arrays.stream(two).noneMatch(u -> u == 0));
        assertThrows(IllegalArgumentException.class, () -> Sampling.usersWithHistory(x, -1, 1));
    }
}

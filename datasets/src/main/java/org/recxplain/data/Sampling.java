package org.recxplain.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Seeded sampling of users for evaluations and benchmarks. Stateless and thread-safe. */
public final class Sampling {
    private Sampling() {
    }

    /**
     * Up to {@code n} distinct users with at least one interaction, drawn without replacement by a partial
     * Fisher-Yates shuffle seeded with {@code seed}, in the order drawn; all of them (ascending) when
     * {@code n} is 0 or at least their number.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static int[] usersWithHistory(Interactions data, int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("sample size must be >= 0, got " + n);
        }
        int[] candidates = IntStream.range(0, data.numUsers()).filter(u -> data.userDegree(u) > 0).toArray();
        if (n == 0 || n >= candidates.length) {
            return candidates;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(candidates.length - i);
            int t = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = t;
        }
        return Arrays.copyOf(candidates, n);
    }
}

package org.recxplain.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Seeded shuffles and samples for models, evaluations and benchmarks. Stateless and thread-safe. */
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
        return n == 0 ? candidates : sample(candidates, n, seed);
    }

    /**
     * Up to {@code n} of {@code candidates}, drawn without replacement by a partial Fisher-Yates shuffle seeded
     * with {@code seed}, in the order drawn; a copy of all of them, in their order, when {@code n} is at least
     * their number. {@code candidates} is not modified.
     */
    public static int[] sample(int[] candidates, int n, long seed) {
        if (n >= candidates.length) {
            return candidates.clone();
        }
        int[] a = candidates.clone();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.copyOf(a, n);
    }

    /** Shuffles {@code a} in place (Fisher-Yates from the last position down, one draw per position). */
    public static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A random permutation of {@code 0..n-1} ({@link #shuffle} of the identity). */
    public static int[] permutation(int n, SplittableRandom rnd) {
        int[] a = IntStream.range(0, n).toArray();
        shuffle(a, rnd);
        return a;
    }
}

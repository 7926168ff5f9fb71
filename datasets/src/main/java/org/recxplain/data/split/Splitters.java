package org.recxplain.data.split;

import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrays;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;

import java.util.SplittableRandom;

/**
 * Factories of the standard {@link Splitter}s. Every splitter returned is an immutable, thread-safe value
 * whose {@code toString} names it with its parameters.
 *
 * <p>Common rules: every interaction lands in exactly one half with its value and timestamp; both halves
 * keep the input's user and item ID maps (see {@link Split}); the per-user rules ({@link #randomHoldout}
 * and {@link #leaveLastOut}) never hold out a user's last remaining interaction, so every user with at
 * least one interaction keeps at least one in train (a user with a single interaction keeps it in train).
 */
public final class Splitters {
    private Splitters() {
    }

    /**
     * Random hold-out, user by user. A user with {@code d} interactions holds out
     * {@code min(round(testFraction * d), d - 1)} of them (rounding half up), chosen uniformly at random
     * without replacement. The random choice for user index {@code u} uses a {@link SplittableRandom}
     * seeded from a mix of {@code seed} and {@code u} alone, so a user's held-out items depend only on the
     * seed, the user index and the user's row, not on the order in which users are visited or on any other
     * user.
     *
     * @param testFraction the share of each user's interactions to hold out, in {@code [0, 1)}
     * @param seed         the random seed: the same seed gives the same split
     * @throws IllegalArgumentException if {@code testFraction} is not in {@code [0, 1)}
     */
    public static Splitter randomHoldout(double testFraction, long seed) {
        return new RandomHoldout(Partitioner.checkFraction(testFraction), seed);
    }

    /**
     * Leave-last-out, user by user: each user's {@code n} latest interactions go to test, where "latest"
     * orders entries by timestamp and, among equal timestamps, by item index (the higher item index counts
     * as later). A user with {@code d <= n} interactions holds out only {@code d - 1}, so it keeps its
     * earliest one in train. Entries without a timestamp inside timestamped data count as the earliest.
     *
     * <p>The returned splitter throws {@link IllegalArgumentException} from {@link Splitter#split} when
     * the data has no timestamps.
     *
     * @param n how many interactions per user to hold out, at least 1
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static Splitter leaveLastOut(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("leave-last-out needs n >= 1, got " + n);
        }
        return new LeaveLastOut(n);
    }

    /**
     * A global temporal split at one point in time. With {@code N} interactions and
     * {@code k = round(testFraction * N)} (rounding half up), the cutoff {@code T} is the timestamp of
     * the k-th latest interaction; every interaction at or after {@code T} goes to test and every one
     * before it to train. Thus no training interaction is later than, or as late as, a test interaction;
     * when several interactions share the cutoff timestamp all of them go to test, so the test half can
     * exceed {@code k} by those ties. With {@code k = 0} the test half is empty. Unlike the per-user rules,
     * a user whose whole history is at or after {@code T} has nothing in train.
     *
     * <p>The returned splitter throws {@link IllegalArgumentException} from {@link Splitter#split} when
     * the data has no timestamps.
     *
     * @param testFraction the share of all interactions to hold out, in {@code [0, 1)}
     * @throws IllegalArgumentException if {@code testFraction} is not in {@code [0, 1)}
     */
    public static Splitter temporal(double testFraction) {
        return new Temporal(Partitioner.checkFraction(testFraction));
    }

    /** How many of {@code degree} entries a per-user rule holds out: never the user's last one. */
    private static int heldOut(long wanted, int degree) {
        return (int) Math.max(0, Math.min(wanted, degree - 1L));
    }

    /** The per-user random stream of {@link #randomHoldout}: a function of the seed and the user only. */
    static SplittableRandom userRandom(long seed, int user) {
        return new SplittableRandom(mix64(seed ^ mix64(user + 0x9E3779B97F4A7C15L)));
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: a bijective 64-bit mix. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private record RandomHoldout(double testFraction, long seed) implements Splitter {
        @Override
        public Split split(Interactions data) {
            return Partitioner.partition(data, (user, row) -> {
                int d = row.size();
                boolean[] held = new boolean[d];
                int k = heldOut(Math.round(testFraction * d), d);
                if (k == 0) {
                    return held;
                }
                SplittableRandom rnd = userRandom(seed, user);
                int[] pos = new int[d];
                for (int p = 0; p < d; p++) {
                    pos[p] = p;
                }
                for (int j = 0; j < k; j++) {   // a partial Fisher-Yates shuffle picks k distinct positions
                    int s = j + rnd.nextInt(d - j);
                    int chosen = pos[s];
                    pos[s] = pos[j];
                    pos[j] = chosen;
                    held[chosen] = true;
                }
                return held;
            });
        }
    }

    private record LeaveLastOut(int n) implements Splitter {
        @Override
        public Split split(Interactions data) {
            Partitioner.requireTimestamps(data, "leave-last-out");
            return Partitioner.partition(data, (user, row) -> {
                int d = row.size();
                boolean[] held = new boolean[d];
                int k = heldOut(n, d);
                if (k == 0) {
                    return held;
                }
                long[] ts = row.timestamps();
                int[] byTime = new int[d];
                for (int p = 0; p < d; p++) {
                    byTime[p] = p;
                }
                // positions are in item order, so comparing positions breaks timestamp ties by item index
                IntArrays.quickSort(byTime, (a, b) -> a == b ? 0
                        : ts[a] != ts[b] ? Long.compare(ts[a], ts[b]) : Integer.compare(a, b));
                for (int j = d - k; j < d; j++) {
                    held[byTime[j]] = true;
                }
                return held;
            });
        }
    }

    private record Temporal(double testFraction) implements Splitter {
        @Override
        public Split split(Interactions data) {
            Partitioner.requireTimestamps(data, "temporal split");
            long k = Math.round(testFraction * data.size());
            if (k == 0) {
                return Partitioner.partition(data, (user, row) -> new boolean[row.size()]);
            }
            long cutoff = kthLatestTime(data, (int) k);
            return Partitioner.partition(data, (user, row) -> {
                boolean[] held = new boolean[row.size()];
                for (int p = 0; p < held.length; p++) {
                    held[p] = row.timestamps()[p] >= cutoff;
                }
                return held;
            });
        }

        private static long kthLatestTime(Interactions data, int k) {
            long[] all = new long[data.size()];
            int n = 0;
            for (int u = 0; u < data.numUsers(); u++) {
                Row row = data.userRow(u);
                System.arraycopy(row.timestamps(), 0, all, n, row.size());
                n += row.size();
            }
            LongArrays.radixSort(all, 0, n);
            return all[n - k];
        }
    }
}

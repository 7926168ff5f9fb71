package org.recxplain.data;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongArrays;

/**
 * Collects (user, item, value[, timestamp]) entries and builds an immutable {@link CsrInteractions}.
 *
 * <p>Users and items get dense indices in order of first appearance; {@link #addUser(String)} and
 * {@link #addItem(String)} register IDs that may have no interactions (a movie catalogue, say). Values
 * must be finite; duplicate pairs are merged by the {@link DuplicatePolicy} (default
 * {@link DuplicatePolicy#LATEST}) and counted in {@link #report()}.
 *
 * <p>Not thread-safe. {@link #build()} may be called more than once; later additions do not affect
 * earlier results.
 */
public final class InteractionsBuilder {
    /** The timestamp of an entry that has none. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final IdMap.Builder users = new IdMap.Builder();
    private final IdMap.Builder items = new IdMap.Builder();
    private final IntArrayList rowUser = new IntArrayList();
    private final IntArrayList rowItem = new IntArrayList();
    private final FloatArrayList rowValue = new FloatArrayList();
    private final LongArrayList rowTime = new LongArrayList();
    private DuplicatePolicy duplicatePolicy = DuplicatePolicy.LATEST;
    private boolean anyTime;
    private long duplicates;

    /**
     * A builder whose users and items are those of the given maps, registered in index order, so that the
     * built matrix shares their indices (for splits, filters and decoding).
     */
    public static InteractionsBuilder over(IdMap users, IdMap items) {
        InteractionsBuilder b = new InteractionsBuilder();
        for (String id : users.ids()) {
            b.users.add(id);
        }
        for (String id : items.ids()) {
            b.items.add(id);
        }
        return b;
    }

    /** Sets the rule for repeated (user, item) pairs. */
    public InteractionsBuilder duplicatePolicy(DuplicatePolicy policy) {
        this.duplicatePolicy = java.util.Objects.requireNonNull(policy);
        return this;
    }

    /** Registers a user ID and returns its index. */
    public int addUser(String id) {
        return users.add(id);
    }

    /** Registers an item ID and returns its index. */
    public int addItem(String id) {
        return items.add(id);
    }

    /** Adds an entry by external IDs, without a timestamp. */
    public InteractionsBuilder add(String user, String item, float value) {
        return add(user, item, value, NO_TIME);
    }

    /**
     * Adds an entry by external IDs.
     *
     * @param time epoch seconds, or {@link #NO_TIME}
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public InteractionsBuilder add(String user, String item, float value, long time) {
        return add(users.add(user), items.add(item), value, time);
    }

    /**
     * Adds an entry by dense indices; indices beyond those registered get IDs equal to their decimal string
     * (convenient for synthetic data).
     */
    public InteractionsBuilder add(int user, int item, float value, long time) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("value of (user " + user + ", item " + item
                    + ") must be finite, got " + value);
        }
        if (user < 0 || item < 0) {
            throw new IllegalArgumentException("negative index: user " + user + ", item " + item);
        }
        while (users.size() <= user) {
            users.add(Integer.toString(users.size()));
        }
        while (items.size() <= item) {
            items.add(Integer.toString(items.size()));
        }
        rowUser.add(user);
        rowItem.add(item);
        rowValue.add(value);
        rowTime.add(time);
        anyTime |= time != NO_TIME;
        return this;
    }

    /** Number of entries added so far (before merging duplicates). */
    public int entries() {
        return rowUser.size();
    }

    /**
     * Builds the matrix.
     *
     * @throws IllegalArgumentException under {@link DuplicatePolicy#ERROR} if a pair repeats; the message
     *                                  names the user and item IDs
     */
    public CsrInteractions build() {
        IdMap userMap = users.build();
        IdMap itemMap = items.build();
        int n = rowUser.size();
        long[] keys = new long[n];
        long[] order = new long[n];
        for (int p = 0; p < n; p++) {
            keys[p] = ((long) rowUser.getInt(p) << 32) | rowItem.getInt(p);
            order[p] = p;
        }
        LongArrays.radixSort(keys, order);
        int[] u = new int[n];
        int[] it = new int[n];
        float[] v = new float[n];
        long[] t = anyTime ? new long[n] : null;
        int m = 0;
        duplicates = 0;
        for (int s = 0; s < n; s++) {
            int p = (int) order[s];
            float value = rowValue.getFloat(p);
            long time = rowTime.getLong(p);
            if (m > 0 && keys[s] == keys[s - 1]) {
                duplicates++;
                int q = m - 1;
                switch (duplicatePolicy) {
                    case ERROR -> throw new IllegalArgumentException("duplicate interaction of user '"
                            + userMap.id(u[q]) + "' with item '" + itemMap.id(it[q]) + "'");
                    case FIRST -> { }
                    case LATEST -> {
                        if (t == null || time >= t[q]) {
                            v[q] = value;
                            if (t != null) {
                                t[q] = time;
                            }
                        }
                    }
                    case SUM -> {
                        v[q] += value;
                        if (t != null) {
                            t[q] = Math.max(t[q], time);
                        }
                    }
                    case MAX -> {
                        if (value > v[q]) {
                            v[q] = value;
                            if (t != null) {
                                t[q] = time;
                            }
                        }
                    }
                }
                continue;
            }
            u[m] = rowUser.getInt(p);
            it[m] = rowItem.getInt(p);
            v[m] = value;
            if (t != null) {
                t[m] = time;
            }
            m++;
        }
        return new CsrInteractions(userMap, itemMap, java.util.Arrays.copyOf(u, m), java.util.Arrays.copyOf(it, m),
                java.util.Arrays.copyOf(v, m), t == null ? null : java.util.Arrays.copyOf(t, m));
    }

    /** Duplicates merged by the last {@link #build()}, as a report (rows read = entries added). */
    public LoadReport report() {
        return new LoadReport(rowUser.size(), 0, duplicates, 0, java.util.List.of());
    }
}

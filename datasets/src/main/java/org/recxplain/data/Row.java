package org.recxplain.data;

import java.util.Arrays;

/**
 * One row (a user's history) or one column (an item's raters) of an interaction matrix, or one entity's
 * side features: parallel arrays of indices in ascending order and their values, and, where the data has
 * them, timestamps (epoch seconds).
 *
 * <p>Every {@code Row} handed out by this library is a fresh copy, so the caller may keep or modify its
 * arrays without affecting the source. {@code timestamps} is {@code null} when the data has none.
 *
 * @param indices   item indices (for a user row), user indices (for an item column) or feature indices,
 *                  strictly ascending
 * @param values    the value of each entry (rating, count or feature value), same length as {@code indices}
 * @param timestamps the time of each entry, or {@code null}
 */
public record Row(int[] indices, float[] values, long[] timestamps) {

    /** An empty row without timestamps. */
    public static final Row EMPTY = new Row(new int[0], new float[0], null);

    public Row {
        if (indices.length != values.length || (timestamps != null && timestamps.length != indices.length)) {
            throw new IllegalArgumentException("row arrays differ in length: " + indices.length + " indices, "
                    + values.length + " values" + (timestamps == null ? "" : ", " + timestamps.length + " timestamps"));
        }
        for (int p = 1; p < indices.length; p++) {
            if (indices[p] <= indices[p - 1]) {
                throw new IllegalArgumentException("row indices must be strictly ascending, got " + indices[p - 1]
                        + " then " + indices[p] + " at position " + p);
            }
        }
    }

    /** Number of entries. */
    public int size() {
        return indices.length;
    }

    /** Position of {@code index} in this row, or a negative number if absent (binary search). */
    public int find(int index) {
        return Arrays.binarySearch(indices, index);
    }

    /**
     * This row without the entries whose index is in {@code removed} (which need not be sorted, and may
     * contain indices that are absent).
     */
    public Row without(int... removed) {
        return filter(removed, false);
    }

    /** This row restricted to the entries whose index is in {@code kept} (in any order). */
    public Row only(int... kept) {
        return filter(kept, true);
    }

    private Row filter(int[] selection, boolean keepSelected) {
        int[] sorted = selection.clone();
        Arrays.sort(sorted);
        int n = 0;
        int[] idx = new int[indices.length];
        float[] val = new float[indices.length];
        long[] ts = timestamps == null ? null : new long[indices.length];
        for (int p = 0; p < indices.length; p++) {
            if ((Arrays.binarySearch(sorted, indices[p]) >= 0) == keepSelected) {
                idx[n] = indices[p];
                val[n] = values[p];
                if (ts != null) {
                    ts[n] = timestamps[p];
                }
                n++;
            }
        }
        return new Row(Arrays.copyOf(idx, n), Arrays.copyOf(val, n), ts == null ? null : Arrays.copyOf(ts, n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && Arrays.equals(indices, r.indices) && Arrays.equals(values, r.values)
                && Arrays.equals(timestamps, r.timestamps);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(indices) + Arrays.hashCode(values)) + Arrays.hashCode(timestamps);
    }

    @Override
    public String toString() {
        return "Row" + Arrays.toString(indices);
    }
}

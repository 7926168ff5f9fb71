package org.recxplain.data;

import java.util.Arrays;

/**
 * The compressed implementation of {@link Interactions}: entries sorted by user (compressed sparse rows)
 * and, separately, by item (compressed sparse columns), in primitive arrays. Build with
 * {@link InteractionsBuilder}.
 *
 * <p>Thread-safety: immutable.
 */
public final class CsrInteractions implements Interactions {
    private final IdMap users;
    private final IdMap items;
    private final int[] userPtr;
    private final int[] userItems;
    private final float[] userValues;
    private final long[] userTimes;
    private final int[] itemPtr;
    private final int[] itemUsers;
    private final float[] itemValues;
    private final long[] itemTimes;

    /**
     * Builds from entries already sorted by (user, item) without duplicates. Package-private: use
     * {@link InteractionsBuilder}.
     */
    CsrInteractions(IdMap users, IdMap items, int[] rowUser, int[] rowItem, float[] rowValue, long[] rowTime) {
        this.users = users;
        this.items = items;
        int nu = users.size();
        int ni = items.size();
        int nnz = rowUser.length;
        userPtr = new int[nu + 1];
        itemPtr = new int[ni + 1];
        for (int p = 0; p < nnz; p++) {
            userPtr[rowUser[p] + 1]++;
            itemPtr[rowItem[p] + 1]++;
        }
        for (int u = 0; u < nu; u++) {
            userPtr[u + 1] += userPtr[u];
        }
        for (int i = 0; i < ni; i++) {
            itemPtr[i + 1] += itemPtr[i];
        }
        userItems = rowItem.clone();
        userValues = rowValue.clone();
        userTimes = rowTime == null ? null : rowTime.clone();
        itemUsers = new int[nnz];
        itemValues = new float[nnz];
        itemTimes = rowTime == null ? null : new long[nnz];
        int[] fill = Arrays.copyOf(itemPtr, ni);
        // entries are sorted by user, so each item's users come out ascending
        for (int p = 0; p < nnz; p++) {
            int q = fill[rowItem[p]]++;
            itemUsers[q] = rowUser[p];
            itemValues[q] = rowValue[p];
            if (itemTimes != null) {
                itemTimes[q] = rowTime[p];
            }
        }
    }

    @Override
    public IdMap users() {
        return users;
    }

    @Override
    public IdMap items() {
        return items;
    }

    @Override
    public int size() {
        return userItems.length;
    }

    @Override
    public boolean hasTimestamps() {
        return userTimes != null;
    }

    @Override
    public Row userRow(int user) {
        return slice(userPtr, user, users.size(), userItems, userValues, userTimes);
    }

    @Override
    public Row itemColumn(int item) {
        return slice(itemPtr, item, items.size(), itemUsers, itemValues, itemTimes);
    }

    @Override
    public int userDegree(int user) {
        return userPtr[user + 1] - userPtr[user];
    }

    @Override
    public int itemDegree(int item) {
        return itemPtr[item + 1] - itemPtr[item];
    }

    @Override
    public float value(int user, int item) {
        int p = Arrays.binarySearch(userItems, userPtr[user], userPtr[user + 1], item);
        return p < 0 ? Float.NaN : userValues[p];
    }

    private static Row slice(int[] ptr, int k, int n, int[] idx, float[] val, long[] ts) {
        if (k < 0 || k >= n) {
            throw new IndexOutOfBoundsException("index " + k + " not in 0.." + (n - 1));
        }
        int from = ptr[k];
        int to = ptr[k + 1];
        return new Row(Arrays.copyOfRange(idx, from, to), Arrays.copyOfRange(val, from, to),
                ts == null ? null : Arrays.copyOfRange(ts, from, to));
    }

    @Override
    public String toString() {
        return "Interactions[" + users.size() + " users x " + items.size() + " items, " + size() + " entries]";
    }
}

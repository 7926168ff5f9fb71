package org.recxplain.data;

import java.util.Arrays;

/**
 * A view of an {@link Interactions} in which one user's history is replaced (typically by a subset of it).
 * Nothing but that user's row is stored: every other row and column is read from the base, and columns
 * are patched on the fly. Created through {@link Interactions#without(int, int...)} and
 * {@link Interactions#withUserRow(int, Row)}.
 *
 * <p>Thread-safety: immutable.
 */
final class MaskedInteractions implements Interactions {
    private final Interactions base;
    private final int user;
    private final Row row;
    private final Row baseRow;
    private final int size;

    private MaskedInteractions(Interactions base, int user, Row row) {
        if (user < 0 || user >= base.numUsers()) {
            throw new IndexOutOfBoundsException("user index " + user + " not in 0.." + (base.numUsers() - 1));
        }
        for (int p = 0; p < row.size(); p++) {
            int i = row.indices()[p];
            if (i < 0 || i >= base.numItems() || (p > 0 && i <= row.indices()[p - 1])) {
                throw new IllegalArgumentException("history of user " + user
                        + " must hold ascending item indices in 0.." + (base.numItems() - 1) + ", got " + i);
            }
        }
        this.base = base;
        this.user = user;
        this.row = row;
        this.baseRow = base.userRow(user);
        this.size = base.size() - base.userDegree(user) + row.size();
    }

    static Interactions of(Interactions base, int user, int[] removedItems) {
        return new MaskedInteractions(base, user, base.userRow(user).without(removedItems));
    }

    static Interactions replacing(Interactions base, int user, Row history) {
        Row copy = new Row(history.indices().clone(), history.values().clone(),
                history.timestamps() == null ? null : history.timestamps().clone());
        return new MaskedInteractions(base, user, copy);
    }

    @Override
    public IdMap users() {
        return base.users();
    }

    @Override
    public IdMap items() {
        return base.items();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean hasTimestamps() {
        return base.hasTimestamps();
    }

    @Override
    public Row userRow(int u) {
        if (u != user) {
            return base.userRow(u);
        }
        return new Row(row.indices().clone(), row.values().clone(),
                row.timestamps() == null ? null : row.timestamps().clone());
    }

    @Override
    public int userDegree(int u) {
        return u == user ? row.size() : base.userDegree(u);
    }

    @Override
    public Row itemColumn(int item) {
        Row col = base.itemColumn(item);
        int inBase = col.find(user);
        int inRow = row.find(item);
        if (inBase < 0 && inRow < 0) {
            return col;
        }
        if (inRow < 0) {
            return col.without(user);
        }
        float v = row.values()[inRow];
        long t = row.timestamps() == null ? 0 : row.timestamps()[inRow];
        if (inBase >= 0) {
            col.values()[inBase] = v;
            if (col.timestamps() != null) {
                col.timestamps()[inBase] = t;
            }
            return col;
        }
        int at = -inBase - 1;
        int n = col.size();
        int[] idx = insert(col.indices(), at, user);
        float[] val = Arrays.copyOf(col.values(), n + 1);
        System.arraycopy(col.values(), at, val, at + 1, n - at);
        val[at] = v;
        long[] ts = null;
        if (col.timestamps() != null) {
            ts = Arrays.copyOf(col.timestamps(), n + 1);
            System.arraycopy(col.timestamps(), at, ts, at + 1, n - at);
            ts[at] = t;
        }
        return new Row(idx, val, ts);
    }

    private static int[] insert(int[] a, int at, int x) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        System.arraycopy(a, at, b, at + 1, a.length - at);
        b[at] = x;
        return b;
    }

    @Override
    public int itemDegree(int item) {
        int d = base.itemDegree(item);
        boolean was = baseRow.find(item) >= 0;
        boolean is = row.find(item) >= 0;
        return d - (was ? 1 : 0) + (is ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Interactions[view of " + base + " with user " + user + " holding " + row.size() + " items]";
    }
}

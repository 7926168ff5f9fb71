package org.recxplain.data;

/**
 * An immutable users x items interaction matrix: each observed (user, item) pair has a value (a rating,
 * a count, or 1 for a unary event) and, optionally, a timestamp. Users and items are dense indices; the
 * {@link #users()} and {@link #items()} maps translate to and from the data set's own IDs.
 *
 * <p>Rows are read by user ({@link #userRow(int)}) and by item ({@link #itemColumn(int)}); both come back
 * sorted by index, as fresh copies. {@link #without(int, int...)} gives a cheap view of the same data
 * without some of one user's interactions, without copying the matrix.
 *
 * <p>Thread-safety: implementations are immutable and safe to share between threads.
 */
public interface Interactions {

    /** External user IDs; its size is the number of users (some may have no interactions). */
    IdMap users();

    /** External item IDs; its size is the number of items (some may have no interactions). */
    IdMap items();

    default int numUsers() {
        return users().size();
    }

    default int numItems() {
        return items().size();
    }

    /** Number of observed (user, item) pairs. */
    int size();

    /** Whether entries carry timestamps. */
    boolean hasTimestamps();

    /**
     * The items of one user, ascending, with values and timestamps (a fresh copy).
     *
     * @throws IndexOutOfBoundsException if {@code user} is not in {@code 0..numUsers()-1}
     */
    Row userRow(int user);

    /**
     * The users of one item, ascending, with values and timestamps (a fresh copy).
     *
     * @throws IndexOutOfBoundsException if {@code item} is not in {@code 0..numItems()-1}
     */
    Row itemColumn(int item);

    /** Number of interactions of one user. */
    int userDegree(int user);

    /** Number of interactions of one item. */
    int itemDegree(int item);

    /** The value of (user, item), or {@code NaN} if the pair is not observed. */
    default float value(int user, int item) {
        Row r = userRow(user);
        int p = r.find(item);
        return p < 0 ? Float.NaN : r.values()[p];
    }

    /**
     * A view of this data without the listed interactions of {@code user} (items not in the user's history
     * are ignored). Costs O(|removed| + degree of the user); nothing else is copied. Views compose: a view
     * of a view removes both sets.
     */
    default Interactions without(int user, int... removedItems) {
        return MaskedInteractions.of(this, user, removedItems);
    }

    /**
     * A view of this data in which {@code user}'s history is replaced by {@code history} (whose indices must
     * be items of this data). Used for fold-in and for "what if the user had only these interactions".
     */
    default Interactions withUserRow(int user, Row history) {
        return MaskedInteractions.replacing(this, user, history);
    }
}

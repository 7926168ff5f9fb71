package org.recxplain.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains why a model scores an item as it does for a user. Users and items are dense indices of the
 * model's data.
 *
 * <p>Thread-safety: implementations are immutable and safe to share; many threads may explain at once and
 * get exactly what one thread gets. Explainers that use randomness take their seed at construction and
 * record it in the {@link Provenance}, so that the same seed gives the same explanation.
 */
public interface Explainer {

    /** A short stable name such as {@code neighbourhood}, used in the CLI, JSON and reports. */
    String name();

    /**
     * Explains the model's score of {@code item} for {@code user}. A user with no history gets an
     * explanation with no attributions and a {@link Explanation#note() note} that says why.
     *
     * @throws IndexOutOfBoundsException if the user or item index is out of range
     */
    Explanation explain(int user, int item);

    /**
     * Explains several items for one user. Implementations share per-user work (a factorisation, say)
     * across the items; the default simply loops.
     */
    default List<Explanation> explain(int user, int[] items) {
        List<Explanation> out = new ArrayList<>(items.length);
        for (int item : items) {
            out.add(explain(user, item));
        }
        return out;
    }
}

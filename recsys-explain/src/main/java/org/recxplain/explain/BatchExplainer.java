package org.recxplain.explain;

import java.util.List;

/**
 * An explainer whose natural unit is a batch of one user's items (it prepares per-user work once: a
 * factorisation, a Hessian), so that explaining one item is explaining a batch of one.
 *
 * <p>Thread-safety and errors: as {@link Explainer}.
 */
public interface BatchExplainer extends Explainer {

    /** Explains a batch of one. */
    @Override
    default Explanation explain(int user, int item) {
        return explain(user, new int[] {item}).get(0);
    }

    /**
     * Explains several items for one user, sharing the per-user work.
     *
     * @throws IndexOutOfBoundsException if the user or an item index is out of range
     */
    @Override
    List<Explanation> explain(int user, int[] items);
}

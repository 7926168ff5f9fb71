package org.recxplain.model;

import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;

/**
 * A recommender whose scores read side features of items and, where the data has them, of users
 * (a factorisation machine, say). Besides {@link #scoreAll(int, float[])} it scores inputs whose feature
 * rows have been replaced, which is what feature explainers (LIME over features, KernelSHAP over
 * features, permutation importance) perturb.
 *
 * <p>Feature rows use the index space and the raw units of {@link #itemFeatures()} and
 * {@link #userFeatures()}: indices of their {@link org.recxplain.data.FeatureDictionary}, value 1 for a
 * categorical or multi-valued feature that is present, the number itself (for example 1995) for a numeric
 * one. A feature absent from a row is "switched off"; what that means for a numeric feature is the
 * model's to document. The user's and the items' identities are kept: only their side features change.
 *
 * <p>Thread-safety: as {@link Recommender}; the batch call only reads its arguments.
 */
public interface FeatureRecommender extends Recommender {

    /** The item side features the model was trained with (one entity per item). */
    default SideFeatures itemFeatures() {
        return data().itemFeatures();
    }

    /** The user side features the model was trained with (one entity per user; may have no features). */
    default SideFeatures userFeatures() {
        return data().userFeatures();
    }

    /**
     * The one batch entry point for perturbed inputs: for every position p, writes into {@code out[p]} the
     * score of item {@code items[p]} for {@code user} when the user's side features are
     * {@code userFeatures[p]} and the item's are {@code itemFeatures[p]}. With the model's own rows this
     * equals {@link #scoreAll(int, float[])} up to floating-point rounding.
     *
     * <p>Implementations may reuse per-user work when consecutive positions pass the same {@code Row}
     * instance for the user, so callers should pass one instance for an unchanged user row.
     *
     * @param user         the user index
     * @param userFeatures the user's feature row at each position (same length as {@code items})
     * @param items        the item index at each position
     * @param itemFeatures the item's feature row at each position (same length as {@code items})
     * @param out          receives the scores; length at least {@code items.length}
     * @throws IndexOutOfBoundsException if the user or an item index is out of range
     * @throws IllegalArgumentException  if the arrays differ in length or a row names a feature index that
     *                                   the model does not know (the message names it)
     */
    void scoreWithFeatures(int user, Row[] userFeatures, int[] items, Row[] itemFeatures, float[] out);

    /**
     * {@link #scoreWithFeatures(int, Row[], int[], Row[], float[])} with one user row for every position
     * (for example the user's own row, or a row with a feature group shuffled).
     */
    default void scoreWithFeatures(int user, Row userFeatures, int[] items, Row[] itemFeatures, float[] out) {
        Row[] rows = new Row[items.length];
        java.util.Arrays.fill(rows, userFeatures);
        scoreWithFeatures(user, rows, items, itemFeatures, out);
    }
}

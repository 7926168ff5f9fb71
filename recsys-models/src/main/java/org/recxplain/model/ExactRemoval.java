package org.recxplain.model;

/**
 * Exact "what if the user had not interacted with these items", prepared for one user of a model whose
 * user solve is a ridge system (implicit ALS, explicit biased MF): every answer equals a fold-in refit on
 * the reduced history, to rounding, without refitting.
 *
 * <p>Thread-safety: immutable; {@link Downdate}s are single-threaded.
 */
public interface ExactRemoval {

    /** The user's history items, ascending; positions in it index the arrays below. */
    int[] historyItems();

    /** The model's score of {@code item} with the full history (double precision). */
    double score(int item);

    /** The model's score of {@code item} after removing each history entry alone (history order). */
    double[] scoresAfterSingleRemovals(int item);

    /**
     * The change of score(a) - score(b) that removing each history entry alone causes (history order;
     * negative values narrow the gap).
     */
    double[] gapChangesOfSingleRemovals(int a, int b);

    /** Every item's score after removing {@code removedItems} at once (Woodbury), into {@code out}. */
    void scoreAllWithout(float[] out, int... removedItems);

    /** Starts one-at-a-time exact removals. */
    Downdate downdate();

    /** A sequence of exact removals, each O(k^2). Not thread-safe. */
    interface Downdate {
        /** Removes the history entry at {@code position}. */
        void remove(int position);

        /** The model's current score of {@code item}. */
        double score(int item);
    }
}

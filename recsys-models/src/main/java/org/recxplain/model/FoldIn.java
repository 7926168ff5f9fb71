package org.recxplain.model;

import org.recxplain.data.Row;

/**
 * A recommender that can re-fit one user's parameters to a different history with every other parameter
 * fixed (for matrix factorisation, an exact half-step of the user solve). Counterfactual explainers and
 * removal-based evaluation use it to answer "what would this user's scores be without these interactions".
 *
 * <p>Thread-safety: as {@link Recommender}.
 */
public interface FoldIn extends Recommender {

    /**
     * Writes the scores of every item for {@code user}, as if the user's training history were
     * {@code history} (item indices ascending, with values), into {@code out}. For the user's own
     * training history this equals {@link #scoreAll(int, float[])} up to floating-point rounding.
     */
    void scoreAllFolded(int user, Row history, float[] out);

    /**
     * The folded-in scores of several histories of one user: {@code out[b]} receives what
     * {@link #scoreAllFolded(int, Row, float[])} gives for {@code histories[b]}, up to float rounding (a batch
     * may sum in another order, so a result can depend on the batch's other histories in the last bits).
     * Models that refit many histories in one pass override it (NeuMF fits them as one batch); the default
     * refits one after the other.
     *
     * @throws IllegalArgumentException if {@code out} does not have one array per history
     */
    default void scoreAllFolded(int user, Row[] histories, float[][] out) {
        if (out.length != histories.length) {
            throw new IllegalArgumentException(histories.length + " histories but " + out.length + " score arrays");
        }
        for (int b = 0; b < histories.length; b++) {
            scoreAllFolded(user, histories[b], out[b]);
        }
    }

    /**
     * The folded-in scores of just {@code items} (in that order) into {@code out}: the same values as
     * {@link #scoreAllFolded}, for callers that need a few items per history (coalitions, removal curves).
     * Models override it when a partial scoring is cheaper.
     */
    default void scoreFolded(int user, Row history, int[] items, float[] out) {
        float[] all = new float[numItems()];
        scoreAllFolded(user, history, all);
        for (int p = 0; p < items.length; p++) {
            out[p] = all[items[p]];
        }
    }
}

package org.recxplain.model;

import org.recxplain.data.Dataset;
import org.recxplain.data.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained recommender. Its one scoring entry point is {@link #scoreAll(int, float[])}, which fills the
 * scores of every item for one user in a single call; ranking, top-k and every explainer are built on it.
 *
 * <p>Users and items are the dense indices of {@link #data()}; {@link #recommend(String, int)} takes and
 * gives the data set's own external IDs.
 *
 * <p>Thread-safety: implementations are immutable once trained; many threads may score at once and get
 * exactly what one thread gets.
 */
public interface Recommender {

    /** Who this model is: family, configuration, seed and a fingerprint of its parameters. */
    ModelInfo info();

    /** The training data, with ID maps, side features and titles (what an explainer needs). */
    Dataset data();

    /** Number of items scored by {@link #scoreAll(int, float[])}. */
    default int numItems() {
        return data().interactions().numItems();
    }

    /**
     * Writes the score of every item for {@code user} into {@code out}; higher is better.
     *
     * @param out an array of length at least {@link #numItems()}
     * @throws IndexOutOfBoundsException if {@code user} is not a user index of {@link #data()}
     */
    void scoreAll(int user, float[] out);

    /**
     * The {@code k} best items for {@code user}, excluding items in the user's training history; ties go to
     * the lower item index.
     */
    default List<ScoredItem> recommend(int user, int k) {
        float[] scores = new float[numItems()];
        scoreAll(user, scores);
        Row seen = data().interactions().userRow(user);
        int[] top = Rankings.topK(scores, k, seen.indices());
        List<ScoredItem> out = new ArrayList<>(top.length);
        for (int i : top) {
            out.add(new ScoredItem(i, data().interactions().items().id(i), scores[i]));
        }
        return out;
    }

    /**
     * Top-k by external user ID.
     *
     * @throws java.util.NoSuchElementException if the user ID is unknown
     */
    default List<ScoredItem> recommend(String userId, int k) {
        return recommend(data().interactions().users().require(userId, "user"), k);
    }
}

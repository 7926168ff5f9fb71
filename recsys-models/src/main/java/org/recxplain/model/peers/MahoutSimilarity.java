package org.recxplain.model.peers;

import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.UncenteredCosineSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.similarity.ItemSimilarity;
import org.recxplain.data.Interactions;
import org.recxplain.model.ModelSpec;

import java.util.Objects;

/**
 * A Mahout item-item similarity over our interactions, addressed by our item indices.
 *
 * <ul>
 *   <li>{@link Kind#LOGLIKELIHOOD}: {@code 1 - 1 / (1 + LLR)}, with LLR Dunning's log-likelihood ratio of the
 *       2x2 table of users who have both items, one of them, or neither (values are ignored: co-occurrence
 *       only).</li>
 *   <li>{@link Kind#COSINE} over a data model with values: Mahout's {@code UncenteredCosineSimilarity},
 *       {@code sum x_u y_u / sqrt(sum x_u^2 * sum y_u^2)} over the users who have both items, with the
 *       interaction values (the cosine of explicit ratings).</li>
 *   <li>{@link Kind#COSINE} over a boolean-preference data model: the binary cosine
 *       {@code |U_i ∩ U_j| / sqrt(|U_i| |U_j|)} of the items' 0/1 user vectors ({@code MahoutBinaryCosine}, an
 *       {@code ItemSimilarity} over Mahout's data model; Mahout has none, and its uncentered cosine of all-ones
 *       vectors over co-rated users would be 1 for every overlapping pair).</li>
 * </ul>
 * All are undefined (NaN) for two items that no user shares, and for an item without interactions.
 *
 * <p>Thread-safety: immutable; Mahout's similarities are safe for concurrent reads of a data model that does
 * not change. Each call recomputes the similarity from the data (Mahout caches nothing here).
 */
public final class MahoutSimilarity {

    /** The similarities on offer. */
    public enum Kind {
        /** Mahout's {@code LogLikelihoodSimilarity}. */
        LOGLIKELIHOOD,
        /**
         * Mahout's {@code UncenteredCosineSimilarity} over values; the binary cosine ({@code MahoutBinaryCosine})
         * over boolean preferences.
         */
        COSINE
    }

    private final Kind kind;
    private final int numItems;
    private final boolean[] known;
    private final ItemSimilarity similarity;

    /**
     * The similarity of {@code kind} over {@code model}, a Mahout model of {@code x}; for {@link Kind#COSINE}
     * the binary cosine when the model has no preference values (a boolean-preference model).
     */
    MahoutSimilarity(Kind kind, Interactions x, DataModel model) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.numItems = x.numItems();
        this.known = new boolean[numItems];
        for (int i = 0; i < numItems; i++) {
            known[i] = x.itemDegree(i) > 0;
        }
        this.similarity = MahoutData.call("build the " + ModelSpec.label(kind) + " similarity",
                () -> kind == Kind.LOGLIKELIHOOD ? new LogLikelihoodSimilarity(model)
                        : model.hasPreferenceValues() ? new UncenteredCosineSimilarity(model)
                        : new MahoutBinaryCosine(model));
    }

    /** The similarity of {@code kind} over {@code x} (builds a Mahout data model of it). */
    public static MahoutSimilarity of(Interactions x, Kind kind) {
        return new MahoutSimilarity(kind, x, MahoutData.of(x));
    }

    /** Which similarity this is. */
    public Kind kind() {
        return kind;
    }

    /** The underlying Mahout similarity (item IDs are our item indices as longs). */
    public ItemSimilarity mahout() {
        return similarity;
    }

    /**
     * The similarity of two items, NaN where Mahout leaves it undefined (no shared user, an item without
     * interactions).
     *
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double similarity(int item, int other) {
        Objects.checkIndex(item, numItems);
        Objects.checkIndex(other, numItems);
        if (!known[item] || !known[other]) {
            return Double.NaN;
        }
        return MahoutData.call("compute the similarity of items " + item + " and " + other,
                () -> similarity.itemSimilarity(item, other));
    }
}

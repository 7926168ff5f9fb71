package org.recxplain.model.peers;

import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.similarity.AbstractItemSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.UncenteredCosineSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;

/**
 * The cosine of two items' binary user vectors, as a Mahout {@link org.apache.mahout.cf.taste.similarity.ItemSimilarity}:
 * {@code |U_i ∩ U_j| / sqrt(|U_i| |U_j|)}, with U_i the users who have item i. This is what cosine means for
 * unary (0/1) data: the uncentered cosine over all users, a missing preference counting 0. Mahout 0.13 has no
 * such class: its {@link UncenteredCosineSimilarity} sums over the users who have <em>both</em> items only,
 * which for all-ones vectors is 1 for every overlapping pair (and it refuses a boolean data model).
 *
 * <p>The counts come from Mahout's own data model ({@link DataModel#getNumUsersWithPreferenceFor(long)} and
 * {@link DataModel#getNumUsersWithPreferenceFor(long, long)}, an intersection of the two items' user
 * {@code FastIDSet}s in Mahout's in-memory models), the same counts Mahout's {@code LogLikelihoodSimilarity}
 * reads. Preference values, if the model has any, are ignored. As Mahout's log-likelihood similarity, it is
 * undefined ({@link Double#NaN}) for two items that no user shares (the cosine would be 0): so such pairs add
 * nothing to the sums of Mahout's boolean-preference recommender and are left out of
 * {@link #allSimilarItemIDs(long)}, exactly as with Mahout's own similarities. An item unknown to the model
 * raises Mahout's {@code NoSuchItemException}.
 *
 * <p>Thread-safety: stateless over the model; safe for concurrent use on a data model that does not change.
 */
final class MahoutBinaryCosine extends AbstractItemSimilarity {

    /** The binary cosine over {@code model}'s items (their values, if any, are ignored). */
    MahoutBinaryCosine(DataModel model) {
        super(model);
    }

    @Override
    public double itemSimilarity(long itemID1, long itemID2) throws TasteException {
        DataModel model = getDataModel();
        int both = model.getNumUsersWithPreferenceFor(itemID1, itemID2);
        if (both == 0) {
            return Double.NaN;
        }
        double first = model.getNumUsersWithPreferenceFor(itemID1);
        double second = model.getNumUsersWithPreferenceFor(itemID2);
        return both / Math.sqrt(first * second);
    }

    @Override
    public double[] itemSimilarities(long itemID1, long[] itemID2s) throws TasteException {
        double[] result = new double[itemID2s.length];
        for (int p = 0; p < itemID2s.length; p++) {
            result[p] = itemSimilarity(itemID1, itemID2s[p]);
        }
        return result;
    }

    @Override
    public String toString() {
        return "MahoutBinaryCosine[" + getDataModel() + "]";
    }
}

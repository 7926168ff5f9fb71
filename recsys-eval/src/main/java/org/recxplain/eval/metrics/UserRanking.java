package org.recxplain.eval.metrics;

import java.util.Arrays;

/**
 * One user's recommendations and held-out relevant items, the observation of a {@link RankingMetric}.
 *
 * <p>Both arrays are copied on construction and on access, so the record is immutable. Membership tests
 * use a sorted copy of the relevant items.
 *
 * @param ranked   the recommended item indices, best first (at least the top k; longer lists are cut at k)
 * @param relevant the user's held-out relevant items, in any order
 */
public record UserRanking(int[] ranked, int[] relevant) {

    /**
     * Checks the components (and copies arrays).
     *
     * @throws IllegalArgumentException if an array holds a negative index or the same index twice
     */
    public UserRanking {
        ranked = Checks.distinctIndices(ranked, "ranked list");
        relevant = Checks.distinctIndices(relevant, "relevant items");
        Arrays.sort(relevant);
    }

    @Override
    public int[] ranked() {
        return ranked.clone();
    }

    /** The relevant items in ascending order. */
    @Override
    public int[] relevant() {
        return relevant.clone();
    }

    /** Whether {@code item} is relevant. */
    public boolean isRelevant(int item) {
        return Arrays.binarySearch(relevant, item) >= 0;
    }

    /** The number of relevant items. */
    public int relevantCount() {
        return relevant.length;
    }

    /** The number of ranked items considered at cutoff {@code k}: min(k, |ranked|). */
    int depth(int k) {
        return Math.min(k, ranked.length);
    }

    /** The item at 0-based position {@code i} of the ranked list. */
    int itemAt(int i) {
        return ranked[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserRanking u && Arrays.equals(ranked, u.ranked) && Arrays.equals(relevant, u.relevant);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ranked) + Arrays.hashCode(relevant);
    }

    @Override
    public String toString() {
        return "UserRanking[ranked=" + Arrays.toString(ranked) + ", relevant=" + Arrays.toString(relevant) + "]";
    }
}

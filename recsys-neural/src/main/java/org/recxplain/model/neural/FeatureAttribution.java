package org.recxplain.model.neural;

import java.util.Arrays;

/**
 * Integrated gradients (Sundararajan, Taly and Yan, ICML 2017) of one prediction f(u, i) over the side-feature
 * inputs of the item and of the user, against the baseline with every side feature switched off (a zero
 * pooled feature embedding). The path integral is the trapezoid rule over {@code steps} equal intervals.
 *
 * <p>Completeness: the attributions sum to {@code score - baselineScore} up to the quadrature error, which
 * {@link #completenessError()} reports (f is piecewise linear along the path, so the error comes only from
 * the intervals where a ReLU of the network switches).
 *
 * @param user             the user index
 * @param item             the item index
 * @param itemFeatures     the item's feature indices (of the item {@link org.recxplain.data.FeatureDictionary})
 * @param itemAttributions the attribution of each item feature, in score (logit) units
 * @param userFeatures     the user's feature indices (empty when the data has no user features)
 * @param userAttributions the attribution of each user feature
 * @param score            f(u, i) with all features, as computed on the path's end point
 * @param baselineScore    f(u, i) with every side feature switched off
 * @param steps            the number of trapezoid intervals
 */
public record FeatureAttribution(int user, int item, int[] itemFeatures, double[] itemAttributions,
                                 int[] userFeatures, double[] userAttributions, double score, double baselineScore,
                                 int steps) {

    public FeatureAttribution {
        if (itemFeatures.length != itemAttributions.length || userFeatures.length != userAttributions.length) {
            throw new IllegalArgumentException("features and attributions differ in length");
        }
        itemFeatures = itemFeatures.clone();
        itemAttributions = itemAttributions.clone();
        userFeatures = userFeatures.clone();
        userAttributions = userAttributions.clone();
    }

    /** The sum of all attributions. */
    public double sum() {
        return Arrays.stream(itemAttributions).sum() + Arrays.stream(userAttributions).sum();
    }

    /** |sum of attributions - (score - baselineScore)|: how far completeness is from holding exactly. */
    public double completenessError() {
        return Math.abs(sum() - (score - baselineScore));
    }

    @Override
    public int[] itemFeatures() {
        return itemFeatures.clone();
    }

    @Override
    public double[] itemAttributions() {
        return itemAttributions.clone();
    }

    @Override
    public int[] userFeatures() {
        return userFeatures.clone();
    }

    @Override
    public double[] userAttributions() {
        return userAttributions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureAttribution a && user == a.user && item == a.item && steps == a.steps
                && Double.compare(score, a.score) == 0 && Double.compare(baselineScore, a.baselineScore) == 0
                && Arrays.equals(itemFeatures, a.itemFeatures) && Arrays.equals(itemAttributions, a.itemAttributions)
                && Arrays.equals(userFeatures, a.userFeatures) && Arrays.equals(userAttributions, a.userAttributions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * user + item) + Arrays.hashCode(itemAttributions);
    }

    @Override
    public String toString() {
        return "FeatureAttribution[user=" + user + ", item=" + item + ", itemFeatures=" + Arrays.toString(itemFeatures)
                + ", itemAttributions=" + Arrays.toString(itemAttributions) + ", userFeatures="
                + Arrays.toString(userFeatures) + ", userAttributions=" + Arrays.toString(userAttributions)
                + ", score=" + score + ", baselineScore=" + baselineScore + ", steps=" + steps + "]";
    }
}

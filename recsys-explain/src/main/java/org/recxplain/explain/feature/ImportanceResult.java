package org.recxplain.explain.feature;

import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link PermutationImportance}: the model's ranking quality on a test split and, per
 * feature group, how much it drops when that group is shuffled.
 *
 * @param modelId  the model's {@link org.recxplain.model.ModelInfo#id()}
 * @param metric   the metric, for example {@code NDCG@10}
 * @param baseline the metric with the features as they are
 * @param users    test users the metric is averaged over
 * @param repeats  shuffles per group
 * @param seed     the seed of the shuffles
 * @param groups   one entry per feature group, in the order asked for
 */
public record ImportanceResult(String modelId, String metric, double baseline, int users, int repeats, long seed,
                               List<GroupImportance> groups) {

    public ImportanceResult {
        groups = List.copyOf(groups);
    }

    /** Which entities a feature group belongs to. */
    public enum Side {
        /** Item side features, shuffled across items. */
        ITEM,
        /** User side features, shuffled across users. */
        USER
    }

    /**
     * The importance of one feature group.
     *
     * @param side  item or user features
     * @param group the group's name in its dictionary, e.g. {@code genre}
     * @param mean  the mean drop of the metric over the shuffles (positive: the model needs the group)
     * @param std   the standard deviation of the drop over the shuffles (population, as ELI5 reports it)
     * @param drops the drop of each shuffle
     */
    public record GroupImportance(Side side, String group, double mean, double std, double[] drops) {
        public GroupImportance {
            drops = drops.clone();
        }

        @Override
        public double[] drops() {
            return drops.clone();
        }

        /** The label used in charts and reports: {@code genre}, or {@code user:age} for a user group. */
        public String label() {
            return side == Side.USER ? FeatureAttributions.USER_PREFIX + group : group;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupImportance g && side == g.side && group.equals(g.group)
                    && Double.compare(mean, g.mean) == 0 && Double.compare(std, g.std) == 0
                    && Arrays.equals(drops, g.drops);
        }

        @Override
        public int hashCode() {
            return group.hashCode() * 31 + Arrays.hashCode(drops);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s: %.4f ± %.4f", label(), mean, std);
        }
    }

    /** The entry of a group, or null. */
    public GroupImportance group(Side side, String name) {
        for (GroupImportance g : groups) {
            if (g.side() == side && g.group().equals(name)) {
                return g;
            }
        }
        return null;
    }
}

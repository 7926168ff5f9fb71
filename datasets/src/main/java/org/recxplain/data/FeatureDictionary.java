package org.recxplain.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of side features. Each feature has a dense index, a group (such as {@code genre}) with a
 * {@link FeatureKind}, and a readable name: {@code group=value} for categorical and multi-valued features
 * ({@code genre=Comedy}), the bare group name for numeric ones ({@code year}).
 *
 * <p>Thread-safety: immutable. Unknown names give {@code -1} from {@link #index(String)}.
 */
public final class FeatureDictionary {
    private final IdMap names;
    private final int[] groupOf;
    private final List<String> groups;
    private final List<FeatureKind> kinds;

    private FeatureDictionary(IdMap names, int[] groupOf, List<String> groups, List<FeatureKind> kinds) {
        this.names = names;
        this.groupOf = groupOf;
        this.groups = List.copyOf(groups);
        this.kinds = List.copyOf(kinds);
    }

    /** A dictionary with no features. */
    public static FeatureDictionary empty() {
        return new Builder().build();
    }

    public int size() {
        return names.size();
    }

    /** The readable name of a feature, for example {@code genre=Comedy}. */
    public String name(int feature) {
        return names.id(feature);
    }

    /** The index of a feature name, or -1 if unknown. */
    public int index(String name) {
        return names.index(name);
    }

    /** The group of a feature, for example {@code genre}. */
    public String group(int feature) {
        return groups.get(groupOf[feature]);
    }

    /** The kind of a feature's group. */
    public FeatureKind kind(int feature) {
        return kinds.get(groupOf[feature]);
    }

    /** All group names, in order of first appearance. */
    public List<String> groups() {
        return groups;
    }

    /** The indices of the features in one group (empty if the group is unknown). */
    public int[] featuresOf(String group) {
        int g = groups.indexOf(group);
        return java.util.stream.IntStream.range(0, size()).filter(f -> groupOf[f] == g).toArray();
    }

    /** Assigns feature indices in order of first appearance. Not thread-safe. */
    public static final class Builder {
        private final IdMap.Builder names = new IdMap.Builder();
        private final it.unimi.dsi.fastutil.ints.IntArrayList groupOf = new it.unimi.dsi.fastutil.ints.IntArrayList();
        private final Map<String, FeatureKind> groups = new LinkedHashMap<>();

        /**
         * The index of a feature, adding it if new.
         *
         * @param value the category (ignored for {@link FeatureKind#NUMERIC})
         * @throws IllegalArgumentException if the group was declared with another kind, or its name is empty
         *                                  or contains '=' (which would make names ambiguous)
         */
        public int add(String group, FeatureKind kind, String value) {
            if (group.isEmpty() || group.indexOf('=') >= 0) {
                throw new IllegalArgumentException("feature group name must be non-empty and free of '=', got '"
                        + group + "'");
            }
            FeatureKind known = groups.putIfAbsent(group, kind);
            if (known != null && known != kind) {
                throw new IllegalArgumentException("feature group '" + group + "' is " + known + ", not " + kind);
            }
            String name = kind == FeatureKind.NUMERIC ? group : group + "=" + value;
            int before = names.size();
            int f = names.add(name);
            if (f == before) {
                groupOf.add(new ArrayList<>(groups.keySet()).indexOf(group));
            }
            return f;
        }

        public FeatureDictionary build() {
            return new FeatureDictionary(names.build(), groupOf.toIntArray(), new ArrayList<>(groups.keySet()),
                    new ArrayList<>(groups.values()));
        }
    }
}

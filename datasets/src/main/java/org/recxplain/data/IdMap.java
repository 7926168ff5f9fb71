package org.recxplain.data;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, bidirectional map between a data set's own external IDs (strings such as {@code "2571"})
 * and dense indices {@code 0..size()-1}.
 *
 * <p>Indices are assigned in order of first appearance while building. Unknown IDs map to {@code -1}
 * (see {@link #index(String)}); {@link #require(String, String)} throws instead.
 *
 * <p>Thread-safety: immutable, safe to share. Build with {@link Builder}, which is not thread-safe.
 */
public final class IdMap {
    private final List<String> ids;
    private final Object2IntOpenHashMap<String> index;

    private IdMap(List<String> ids) {
        this.ids = Collections.unmodifiableList(new ArrayList<>(ids));
        this.index = new Object2IntOpenHashMap<>(ids.size());
        this.index.defaultReturnValue(-1);
        for (int i = 0; i < ids.size(); i++) {
            if (index.put(ids.get(i), i) != -1) {
                throw new IllegalArgumentException("duplicate ID '" + ids.get(i) + "' at index " + i);
            }
        }
    }

    /** An ID map over the given IDs, in order; they must be distinct. */
    public static IdMap of(List<String> ids) {
        return new IdMap(ids);
    }

    /** An ID map whose external IDs are the decimal strings {@code "0".."n-1"}. */
    public static IdMap sequential(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Integer.toString(i));
        }
        return new IdMap(ids);
    }

    /** Number of IDs. */
    public int size() {
        return ids.size();
    }

    /** The dense index of an external ID, or {@code -1} if the ID is unknown. */
    public int index(String id) {
        return index.getInt(id);
    }

    /**
     * The dense index of an external ID.
     *
     * @param what what the ID names, for the error message (for example {@code "user"})
     * @throws java.util.NoSuchElementException if the ID is unknown; the message names the ID
     */
    public int require(String id, String what) {
        int i = index.getInt(id);
        if (i < 0) {
            throw new java.util.NoSuchElementException("unknown " + what + " ID '" + id + "'");
        }
        return i;
    }

    /**
     * The external ID of a dense index.
     *
     * @throws IndexOutOfBoundsException if the index is not in {@code 0..size()-1}
     */
    public String id(int index) {
        return ids.get(index);
    }

    /** All external IDs, in index order (unmodifiable). */
    public List<String> ids() {
        return ids;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdMap other && ids.equals(other.ids);
    }

    @Override
    public int hashCode() {
        return ids.hashCode();
    }

    @Override
    public String toString() {
        return "IdMap[size=" + size() + "]";
    }

    /** Assigns dense indices to external IDs in order of first appearance. Not thread-safe. */
    public static final class Builder {
        private final List<String> ids = new ArrayList<>();
        private final Object2IntOpenHashMap<String> index = new Object2IntOpenHashMap<>();

        public Builder() {
            index.defaultReturnValue(-1);
        }

        /** The index of {@code id}, adding it if it is new. */
        public int add(String id) {
            Objects.requireNonNull(id, "id");
            int i = index.getInt(id);
            if (i < 0) {
                i = ids.size();
                ids.add(id);
                index.put(id, i);
            }
            return i;
        }

        /** The index of {@code id}, or -1 if it has not been added. */
        public int index(String id) {
            return index.getInt(id);
        }

        public int size() {
            return ids.size();
        }

        public IdMap build() {
            return new IdMap(ids);
        }
    }
}

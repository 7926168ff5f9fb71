package org.recxplain.model.io;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.recxplain.data.Dataset;
import org.recxplain.data.DuplicatePolicy;
import org.recxplain.data.FeatureDictionary;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.IdMap;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.LoadReport;
import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores a whole {@link Dataset} inside a model payload and reads it back exactly: name, user and item
 * ID maps, interactions with their values and timestamps (or none), item and user side features with
 * their dictionaries (feature names, groups and kinds, in index order), item titles and the load report.
 * A model file can thus carry the training data its explanations need.
 *
 * <p>The section starts with the tag {@code "dataset"} and its own version ({@value #VERSION}), so it can
 * sit anywhere in a payload and evolve independently of the model family around it. Interactions are
 * stored per user (degrees, item indices, values, timestamps); side features as their dictionary (group
 * names and kinds; each feature's group and value) and per-entity rows, rebuilt through the public
 * builders on reading. What is read back is a {@code CsrInteractions} even if the original was a view.
 *
 * <p>One degenerate case does not round-trip: interactions that report timestamps but have no entry at
 * all read back as having none (there is no builder path to the former).
 *
 * <p>Stateless and thread-safe (the writer and reader passed in are not).
 */
public final class DatasetCodec {
    /** The version of this section's layout. */
    public static final int VERSION = 1;
    private static final String TAG = "dataset";
    private static final FeatureKind[] KINDS = FeatureKind.values();

    private DatasetCodec() {
    }

    /**
     * Writes {@code data}.
     *
     * @throws IllegalArgumentException if a feature dictionary cannot be rebuilt through the public
     *                                  builders exactly as it is (a feature whose name collides with another
     *                                  group's, or a categorical feature whose value is not 1)
     */
    public static void write(ModelWriter w, Dataset data) {
        w.writeString(TAG).writeInt(VERSION);
        w.writeString(data.name());
        Interactions x = data.interactions();
        w.writeStrings(x.users().ids()).writeStrings(x.items().ids());
        writeInteractions(w, x);
        writeFeatures(w, data.itemFeatures(), "item");
        writeFeatures(w, data.userFeatures(), "user");
        w.writeStrings(data.itemTitles());
        LoadReport r = data.report();
        w.writeLong(r.rowsRead()).writeLong(r.rowsSkipped()).writeLong(r.duplicates()).writeLong(r.rowsFiltered());
        w.writeStrings(r.messages());
    }

    /**
     * Reads a data set written by {@link #write}.
     *
     * @throws ModelFormatException if the section is missing, of an unknown version, or inconsistent
     *                              (the message names the source and what does not fit)
     */
    public static Dataset read(ModelReader r) throws ModelFormatException {
        String tag = r.readString();
        if (!tag.equals(TAG)) {
            throw r.error("expected a '" + TAG + "' section, found '" + tag + "'");
        }
        int version = r.readInt();
        if (version != VERSION) {
            throw r.error("dataset section version " + version + " is not supported (this library reads "
                    + VERSION + ")");
        }
        String name = r.readString();
        IdMap users = idMap(r, "user");
        IdMap items = idMap(r, "item");
        Interactions x = readInteractions(r, users, items);
        SideFeatures itemFeatures = readFeatures(r, items.size(), "item");
        SideFeatures userFeatures = readFeatures(r, users.size(), "user");
        List<String> titles = r.readStrings();
        LoadReport report = new LoadReport(r.readLong(), r.readLong(), r.readLong(), r.readLong(), r.readStrings());
        try {
            return new Dataset(name, x, itemFeatures, userFeatures, titles, report);
        } catch (IllegalArgumentException e) {
            throw r.error("inconsistent dataset '" + name + "': " + e.getMessage());
        }
    }

    private static void writeInteractions(ModelWriter w, Interactions x) {
        int n = x.size();
        boolean timed = x.hasTimestamps();
        int[] degrees = new int[x.numUsers()];
        int[] items = new int[n];
        float[] values = new float[n];
        long[] times = timed ? new long[n] : null;
        int at = 0;
        for (int u = 0; u < degrees.length; u++) {
            Row row = x.userRow(u);
            degrees[u] = row.size();
            System.arraycopy(row.indices(), 0, items, at, row.size());
            System.arraycopy(row.values(), 0, values, at, row.size());
            if (timed) {
                System.arraycopy(row.timestamps(), 0, times, at, row.size());
            }
            at += row.size();
        }
        w.writeBoolean(timed).writeInts(degrees).writeInts(items).writeFloats(values);
        if (timed) {
            w.writeLongs(times);
        }
    }

    private static Interactions readInteractions(ModelReader r, IdMap users, IdMap items)
            throws ModelFormatException {
        boolean timed = r.readBoolean();
        int[] degrees = r.readInts();
        int[] itemOf = r.readInts();
        float[] values = r.readFloats();
        long[] times = timed ? r.readLongs() : null;
        if (degrees.length != users.size() || values.length != itemOf.length
                || (times != null && times.length != itemOf.length)) {
            throw r.error("interaction arrays do not fit: " + degrees.length + " degrees for " + users.size()
                    + " users, " + itemOf.length + " items, " + values.length + " values"
                    + (times == null ? "" : ", " + times.length + " timestamps"));
        }
        InteractionsBuilder b = InteractionsBuilder.over(users, items).duplicatePolicy(DuplicatePolicy.ERROR);
        int p = 0;
        for (int u = 0; u < degrees.length; u++) {
            if (degrees[u] < 0 || degrees[u] > itemOf.length - p) {
                throw r.error("user " + u + " ('" + users.id(u) + "') claims " + degrees[u]
                        + " interactions, only " + (itemOf.length - p) + " remain");
            }
            for (int end = p + degrees[u]; p < end; p++) {
                int i = itemOf[p];
                if (i < 0 || i >= items.size() || (p > end - degrees[u] && i <= itemOf[p - 1])) {
                    throw r.error("user " + u + " ('" + users.id(u) + "'): item index " + i
                            + " is out of range or not ascending");
                }
                if (!Float.isFinite(values[p])) {
                    throw r.error("user " + u + " ('" + users.id(u) + "'): value " + values[p] + " is not finite");
                }
                b.add(u, i, values[p], timed ? times[p] : InteractionsBuilder.NO_TIME);
            }
        }
        if (p != itemOf.length) {
            throw r.error("user degrees add up to " + p + ", but " + itemOf.length + " interactions are stored");
        }
        return b.build();
    }

    private static IdMap idMap(ModelReader r, String what) throws ModelFormatException {
        List<String> ids = r.readStrings();
        try {
            return IdMap.of(ids);
        } catch (IllegalArgumentException e) {
            throw r.error(what + " IDs: " + e.getMessage());
        }
    }

    private static void writeFeatures(ModelWriter w, SideFeatures f, String what) {
        FeatureDictionary d = f.dictionary();
        int[] kinds = new int[d.groups().size()];
        for (int g = 0; g < kinds.length; g++) {
            int[] members = d.featuresOf(d.groups().get(g));
            if (members.length == 0) {
                throw new IllegalArgumentException(what + " feature group '" + d.groups().get(g)
                        + "' has no feature of its own, so it cannot be rebuilt");
            }
            kinds[g] = d.kind(members[0]).ordinal();
        }
        int[] groupOf = new int[d.size()];
        List<String> values = new ArrayList<>(d.size());
        for (int k = 0; k < d.size(); k++) {
            groupOf[k] = d.groups().indexOf(d.group(k));
            values.add(valueOf(d, k, what));
        }
        // rebuilding declares features in index order, which registers groups in order of first feature
        for (int k = 0, seen = 0; k < d.size(); k++) {
            if (groupOf[k] > seen) {
                throw new IllegalArgumentException(what + " feature group '" + d.groups().get(groupOf[k])
                        + "' appears before its turn, so the dictionary cannot be rebuilt in the same order");
            }
            seen = Math.max(seen, groupOf[k] + 1);
        }
        w.writeStrings(d.groups()).writeInts(kinds).writeInts(groupOf).writeStrings(values);
        int n = f.numEntities();
        int[] degrees = new int[n];
        IntArrayList features = new IntArrayList();
        FloatArrayList featureValues = new FloatArrayList();
        for (int e = 0; e < n; e++) {
            Row row = f.of(e);
            for (int q = 0; q < row.size(); q++) {
                if (d.kind(row.indices()[q]) != FeatureKind.NUMERIC && row.values()[q] != 1f) {
                    throw new IllegalArgumentException(what + " " + e + ": categorical feature '"
                            + d.name(row.indices()[q]) + "' has value " + row.values()[q] + ", only 1 can be rebuilt");
                }
            }
            degrees[e] = row.size();
            features.addElements(features.size(), row.indices());
            featureValues.addElements(featureValues.size(), row.values());
        }
        w.writeInts(degrees).writeInts(features.toIntArray()).writeFloats(featureValues.toFloatArray());
    }

    /** The value part of a feature's name ({@code Comedy} of {@code genre=Comedy}; empty for numeric). */
    private static String valueOf(FeatureDictionary d, int k, String what) {
        String group = d.group(k);
        String name = d.name(k);
        if (d.kind(k) == FeatureKind.NUMERIC) {
            if (!name.equals(group)) {
                throw new IllegalArgumentException(what + " feature '" + name + "' is numeric but not named after"
                        + " its group '" + group + "'");
            }
            return "";
        }
        if (!name.startsWith(group + "=")) {
            throw new IllegalArgumentException(what + " feature '" + name + "' is not named '" + group + "=...'");
        }
        return name.substring(group.length() + 1);
    }

    private static SideFeatures readFeatures(ModelReader r, int numEntities, String what)
            throws ModelFormatException {
        List<String> groups = r.readStrings();
        int[] kinds = r.readInts();
        int[] groupOf = r.readInts();
        List<String> values = r.readStrings();
        int[] degrees = r.readInts();
        int[] features = r.readInts();
        float[] featureValues = r.readFloats();
        if (kinds.length != groups.size() || values.size() != groupOf.length || degrees.length != numEntities
                || featureValues.length != features.length) {
            throw r.error(what + " features do not fit: " + groups.size() + " groups, " + kinds.length + " kinds, "
                    + groupOf.length + " features, " + values.size() + " feature values, " + degrees.length
                    + " rows for " + numEntities + " " + what + "s, " + features.length + " entries, "
                    + featureValues.length + " entry values");
        }
        for (int kind : kinds) {
            if (kind < 0 || kind >= KINDS.length) {
                throw r.error(what + " feature kind " + kind + " is unknown");
            }
        }
        SideFeatures.Builder b = new SideFeatures.Builder();
        for (int k = 0; k < groupOf.length; k++) {
            int g = groupOf[k];
            if (g < 0 || g >= groups.size()) {
                throw r.error(what + " feature " + k + " is in group " + g + ", not in 0.." + (groups.size() - 1));
            }
            FeatureKind kind = KINDS[kinds[g]];
            int got;
            try {
                got = b.declare(groups.get(g), kind, kind == FeatureKind.NUMERIC ? null : values.get(k));
            } catch (IllegalArgumentException e) {
                throw r.error(what + " feature " + k + ": " + e.getMessage());
            }
            if (got != k) {
                throw r.error(what + " feature " + k + " of group '" + groups.get(g) + "' rebuilds at index " + got);
            }
        }
        int p = 0;
        for (int e = 0; e < numEntities; e++) {
            if (degrees[e] < 0 || degrees[e] > features.length - p) {
                throw r.error(what + " " + e + " claims " + degrees[e] + " features, only " + (features.length - p)
                        + " remain");
            }
            for (int end = p + degrees[e]; p < end; p++) {
                int k = features[p];
                if (k < 0 || k >= groupOf.length || (p > end - degrees[e] && k <= features[p - 1])) {
                    throw r.error(what + " " + e + ": feature index " + k + " is out of 0.." + (groupOf.length - 1)
                            + " or not ascending");
                }
                String group = groups.get(groupOf[k]);
                FeatureKind kind = KINDS[kinds[groupOf[k]]];
                try {
                    if (kind == FeatureKind.NUMERIC) {
                        b.addNumeric(e, group, featureValues[p]);
                    } else if (featureValues[p] == 1f) {
                        b.add(e, group, kind, values.get(k));
                    } else {
                        throw r.error(what + " " + e + ": " + kind + " feature " + k + " has value "
                                + featureValues[p] + ", expected 1");
                    }
                } catch (IllegalArgumentException ex) {
                    throw r.error(what + " " + e + ": " + ex.getMessage());
                }
            }
        }
        if (p != features.length) {
            throw r.error(what + " feature rows add up to " + p + " entries, but " + features.length + " are stored");
        }
        SideFeatures out = b.build(numEntities);
        if (!out.dictionary().groups().equals(groups)) {
            throw r.error(what + " feature groups rebuild as " + out.dictionary().groups() + ", stored " + groups);
        }
        return out;
    }
}

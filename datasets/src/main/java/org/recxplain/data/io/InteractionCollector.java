package org.recxplain.data.io;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import org.recxplain.data.CsrInteractions;
import org.recxplain.data.Dataset;
import org.recxplain.data.DuplicatePolicy;
import org.recxplain.data.IdMap;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.SideFeatures;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Collects the interactions of one load: registers users and items (from a roster file, which then makes
 * unknown IDs an error, or on first sight), resolves IDs in rows with errors naming line and column, and
 * applies the duplicate policy. Under {@link DuplicatePolicy#ERROR} repeats are detected here, while reading,
 * so that the error names both lines. Not thread-safe.
 *
 * <p>Every check happens before anything is registered, so a row that fails leaves no trace (lenient mode
 * never creates a user or item from a skipped row).
 */
final class InteractionCollector {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionCollector.class);
    private final InteractionsBuilder builder;
    private final IdMap.Builder users = new IdMap.Builder();
    private final IdMap.Builder items = new IdMap.Builder();
    private final String userNoun;
    private final String itemNoun;
    private final Long2LongOpenHashMap firstLine;
    private String userRoster;
    private String itemRoster;

    /**
     * @param userNoun what a user ID is called in messages, e.g. {@code "user ID"}
     * @param itemNoun what an item ID is called in messages, e.g. {@code "movie ID"}
     */
    InteractionCollector(LoadOptions options, String userNoun, String itemNoun) {
        this.builder = new InteractionsBuilder().duplicatePolicy(options.duplicates());
        this.userNoun = userNoun;
        this.itemNoun = itemNoun;
        this.firstLine = options.duplicates() == DuplicatePolicy.ERROR ? new Long2LongOpenHashMap() : null;
    }

    /** Registers a user (from a roster); returns its index. */
    int registerUser(String id) {
        int i = users.add(id);
        builder.addUser(id);
        return i;
    }

    /** Registers an item (from a catalogue); returns its index. */
    int registerItem(String id) {
        int i = items.add(id);
        builder.addItem(id);
        return i;
    }

    /** Registers a user read from a roster row; an ID seen before is a malformed row. */
    int registerNewUser(DelimitedReader row, int column, String id) {
        if (users.index(id) >= 0) {
            throw row.error(column, userNoun + " " + Text.show(id) + " appears more than once");
        }
        return registerUser(id);
    }

    /** Registers an item read from a catalogue row; an ID seen before is a malformed row. */
    int registerNewItem(DelimitedReader row, int column, String id) {
        if (items.index(id) >= 0) {
            throw row.error(column, itemNoun + " " + Text.show(id) + " appears more than once");
        }
        return registerItem(id);
    }

    /** From now on, interactions with unregistered users are errors; {@code roster} names the source. */
    void closeUsers(String roster) {
        userRoster = roster;
    }

    /** From now on, interactions with unregistered items are errors; {@code catalogue} names the source. */
    void closeItems(String catalogue) {
        itemRoster = catalogue;
    }

    /** The index of a registered user, or -1. */
    int userIndex(String id) {
        return users.index(id);
    }

    /** The index of a registered item, or -1. */
    int itemIndex(String id) {
        return items.index(id);
    }

    /** The index of the item whose ID is in {@code column}; it must be registered. */
    int requireItem(DelimitedReader row, int column) {
        String id = row.id(column, itemNoun);
        int i = items.index(id);
        if (i < 0) {
            throw unknown(row, column, itemNoun, id, itemRoster);
        }
        return i;
    }

    private static org.recxplain.data.DataFormatException unknown(DelimitedReader row, int column, String noun,
                                                                  String id, String roster) {
        return row.error(column, "unknown " + noun + " " + Text.show(id)
                + (roster == null ? "" : " (not in " + roster + ")"));
    }

    /**
     * Adds the interaction of the row's user and item (IDs in the given columns).
     *
     * @param time epoch seconds or {@link InteractionsBuilder#NO_TIME}
     * @throws org.recxplain.data.DataFormatException for an empty or unknown ID (closed roster), or a repeated
     *                                                pair under {@link DuplicatePolicy#ERROR}
     */
    void add(DelimitedReader row, int userColumn, int itemColumn, float value, long time) {
        String itemId = row.id(itemColumn, itemNoun);
        String userId = row.id(userColumn, userNoun);
        int item = items.index(itemId);
        if (item < 0 && itemRoster != null) {
            throw unknown(row, itemColumn, itemNoun, itemId, itemRoster);
        }
        int user = users.index(userId);
        if (user < 0 && userRoster != null) {
            throw unknown(row, userColumn, userNoun, userId, userRoster);
        }
        if (firstLine != null && user >= 0 && item >= 0) {
            long first = firstLine.getOrDefault(((long) user << 32) | item, -1L);
            if (first >= 0) {
                throw row.error(-1, "duplicate interaction of " + userNoun + " " + Text.show(userId) + " with "
                        + itemNoun + " " + Text.show(itemId) + " (first on line " + first + ")");
            }
        }
        if (user < 0) {
            user = registerUser(userId);
        }
        if (item < 0) {
            item = registerItem(itemId);
        }
        if (firstLine != null) {
            firstLine.put(((long) user << 32) | item, row.line());
        }
        builder.add(user, item, value, time);
    }

    int numUsers() {
        return users.size();
    }

    int numItems() {
        return items.size();
    }

    /**
     * Builds the data set.
     *
     * @param titles one title per item index, or {@code null} to use the item IDs
     */
    Dataset dataset(String name, LoadCounter counter, SideFeatures.Builder itemFeatures,
                    SideFeatures.Builder userFeatures, List<String> titles) {
        CsrInteractions m = builder.build();
        Dataset d = new Dataset(name, m, itemFeatures.build(m.numItems()), userFeatures.build(m.numUsers()),
                titles == null ? m.items().ids() : titles, counter.report(builder.report().duplicates()));
        LOG.info("loaded {}: {}; {}", name, m, d.report().summary());
        return d;
    }
}

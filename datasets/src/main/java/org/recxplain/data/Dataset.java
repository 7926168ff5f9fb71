package org.recxplain.data;

import java.util.List;
import java.util.Objects;

/**
 * A loaded data set: its interactions, side features of items and users (possibly empty), readable item
 * titles, and the report of what loading did.
 *
 * @param name          a short name such as {@code ml-latest-small}
 * @param interactions  the interaction matrix
 * @param itemFeatures  item side features, one entity per item index
 * @param userFeatures  user side features, one entity per user index
 * @param itemTitles    a readable title per item index (the external ID where the data has no title)
 * @param report        rows read, skipped, merged and filtered while loading
 */
public record Dataset(String name, Interactions interactions, SideFeatures itemFeatures, SideFeatures userFeatures,
                      List<String> itemTitles, LoadReport report) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interactions, "interactions");
        itemTitles = List.copyOf(itemTitles);
        if (itemFeatures.numEntities() != interactions.numItems()) {
            throw new IllegalArgumentException("item features cover " + itemFeatures.numEntities()
                    + " items, the data has " + interactions.numItems());
        }
        if (userFeatures.numEntities() != interactions.numUsers()) {
            throw new IllegalArgumentException("user features cover " + userFeatures.numEntities()
                    + " users, the data has " + interactions.numUsers());
        }
        if (itemTitles.size() != interactions.numItems()) {
            throw new IllegalArgumentException(itemTitles.size() + " item titles for "
                    + interactions.numItems() + " items");
        }
    }

    /** A data set with interactions only: no side features, titles equal to the item IDs. */
    public static Dataset of(String name, Interactions interactions) {
        return new Dataset(name, interactions, SideFeatures.none(interactions.numItems()),
                SideFeatures.none(interactions.numUsers()), interactions.items().ids(), LoadReport.EMPTY);
    }

    /** The same data set with other interactions over the same users and items (a split, a view). */
    public Dataset withInteractions(Interactions other) {
        if (!other.users().equals(interactions.users()) || !other.items().equals(interactions.items())) {
            throw new IllegalArgumentException("interactions must share this data set's user and item IDs");
        }
        return new Dataset(name, other, itemFeatures, userFeatures, itemTitles, report);
    }

    /** The readable title of an item index. */
    public String itemTitle(int item) {
        return itemTitles.get(item);
    }
}

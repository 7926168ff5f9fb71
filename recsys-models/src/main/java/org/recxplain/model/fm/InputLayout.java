package org.recxplain.model.fm;

import java.util.Objects;

/**
 * The input space of a {@link FactorizationMachine}: one slot per user ID (one-hot), one per item ID
 * (one-hot), one per item side feature and one per user side feature, in that order. An input index is a
 * position in this space; {@link #block(int)} and {@link #local(int)} map it back to a user, an item or a
 * feature index of the item or user {@link org.recxplain.data.FeatureDictionary}.
 *
 * @param users        number of users
 * @param items        number of items
 * @param itemFeatures number of item side features
 * @param userFeatures number of user side features
 */
public record InputLayout(int users, int items, int itemFeatures, int userFeatures) {

    /** The four blocks of the input space. */
    public enum Block {
        /** The one-hot user ID. */
        USER_ID,
        /** The one-hot item ID. */
        ITEM_ID,
        /** An item side feature. */
        ITEM_FEATURE,
        /** A user side feature. */
        USER_FEATURE
    }

    public InputLayout {
        if (users < 0 || items < 0 || itemFeatures < 0 || userFeatures < 0) {
            throw new IllegalArgumentException("negative block size in " + users + "/" + items + "/"
                    + itemFeatures + "/" + userFeatures);
        }
    }

    /** Total number of inputs. */
    public int size() {
        return users + items + itemFeatures + userFeatures;
    }

    /** The input of user {@code u}'s ID. */
    public int userInput(int u) {
        return Objects.checkIndex(u, users);
    }

    /** The input of item {@code i}'s ID. */
    public int itemInput(int i) {
        return users + Objects.checkIndex(i, items);
    }

    /** The input of item side feature {@code f}. */
    public int itemFeatureInput(int f) {
        return users + items + Objects.checkIndex(f, itemFeatures);
    }

    /** The input of user side feature {@code f}. */
    public int userFeatureInput(int f) {
        return users + items + itemFeatures + Objects.checkIndex(f, userFeatures);
    }

    /** The block an input belongs to. */
    public Block block(int input) {
        Objects.checkIndex(input, size());
        if (input < users) {
            return Block.USER_ID;
        }
        if (input < users + items) {
            return Block.ITEM_ID;
        }
        return input < users + items + itemFeatures ? Block.ITEM_FEATURE : Block.USER_FEATURE;
    }

    /** The user, item or feature index of an input within its block. */
    public int local(int input) {
        return switch (block(input)) {
            case USER_ID -> input;
            case ITEM_ID -> input - users;
            case ITEM_FEATURE -> input - users - items;
            case USER_FEATURE -> input - users - items - itemFeatures;
        };
    }
}

package org.recxplain.explain;

/**
 * What is explained: one user's score for one item.
 *
 * @param user      dense user index
 * @param userId    the data set's own user ID
 * @param item      dense item index
 * @param itemId    the data set's own item ID
 * @param itemLabel readable title of the item
 * @param score     the model's score for the pair
 */
public record Target(int user, String userId, int item, String itemId, String itemLabel, double score) {
}

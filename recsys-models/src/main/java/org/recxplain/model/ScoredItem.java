package org.recxplain.model;

/**
 * An item with its score, as recommended to a user.
 *
 * @param item  the dense item index
 * @param id    the data set's own item ID
 * @param score the model's score (higher is better)
 */
public record ScoredItem(int item, String id, float score) {
}

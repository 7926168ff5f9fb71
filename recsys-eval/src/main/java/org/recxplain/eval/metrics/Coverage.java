package org.recxplain.eval.metrics;

/**
 * Catalogue coverage: the share of the catalogue recommended to at least one user.
 *
 * @param distinct      the number of distinct items recommended
 * @param catalogueSize the number of items in the catalogue
 * @param lists         the number of recommendation lists seen
 * @param ratio         distinct / catalogueSize
 */
public record Coverage(int distinct, int catalogueSize, long lists, double ratio) {
}

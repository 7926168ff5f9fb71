package org.recxplain.data;

/**
 * What to do when the same (user, item) pair occurs more than once in the input.
 *
 * <p>The default, {@link #LATEST}, keeps the row with the latest timestamp, and among rows with equal or
 * no timestamps the one that came last in the file: a re-rating replaces the earlier rating. The number
 * of merged duplicates is always counted and reported (see {@link LoadReport}).
 */
public enum DuplicatePolicy {
    /** Keep the latest (by timestamp, then by input order). */
    LATEST,
    /** Keep the first occurrence. */
    FIRST,
    /** Sum the values (for counts such as plays or clicks); the timestamp is the latest one. */
    SUM,
    /** Keep the largest value; the timestamp is the one of the row that is kept. */
    MAX,
    /** Reject the input: a duplicate is an error. */
    ERROR
}

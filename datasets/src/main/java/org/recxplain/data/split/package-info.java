/**
 * Seeded, reproducible train/test splits of an {@link org.recxplain.data.Interactions} matrix.
 *
 * <p>A {@link org.recxplain.data.split.Splitter} turns data into a {@link org.recxplain.data.split.Split}
 * whose two halves keep the input's user and item ID maps, so that indices agree across train, test and
 * the full data. {@link org.recxplain.data.split.Splitters} holds the factories: random hold-out per user,
 * leave-last-out per user, and a global temporal cutoff. Every splitter is immutable and thread-safe, and
 * the same splitter applied to the same data gives the same split, whatever the thread or run.
 */
package org.recxplain.data.split;

package org.recxplain.data.split;

import org.recxplain.data.Interactions;

import java.util.Objects;

/**
 * The two halves of a split: every interaction of the input is in exactly one of them, with its value
 * and timestamp unchanged.
 *
 * <p>Both halves have the same user and item ID maps as the input (equal {@link org.recxplain.data.IdMap}s,
 * so user and item indices agree with the input and with each other), including users and items that have
 * no interaction in that half. Because of that, either half can replace the input's interactions in its
 * {@link org.recxplain.data.Dataset} through {@link org.recxplain.data.Dataset#withInteractions}.
 *
 * <p>A half with no interaction at all reports {@code hasTimestamps() == false} even when the input has
 * timestamps (there is nothing to time).
 *
 * <p>Thread-safety: immutable.
 *
 * @param train the interactions to train on
 * @param test  the held-out interactions
 */
public record Split(Interactions train, Interactions test) {

    /**
     * @throws NullPointerException     if either half is null
     * @throws IllegalArgumentException if the halves do not share their user and item ID maps
     */
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.users().equals(test.users()) || !train.items().equals(test.items())) {
            throw new IllegalArgumentException("train (" + train.numUsers() + " users x " + train.numItems()
                    + " items) and test (" + test.numUsers() + " users x " + test.numItems()
                    + " items) must share their user and item ID maps");
        }
    }
}

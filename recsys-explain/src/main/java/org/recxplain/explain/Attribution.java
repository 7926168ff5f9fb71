package org.recxplain.explain;

import java.util.Objects;

/**
 * One part of an explanation: a past interaction or a side feature, with its signed weight.
 *
 * @param kind   what is credited
 * @param index  the dense index of the item (for {@link Kind#INTERACTION}) or feature ({@link Kind#FEATURE})
 * @param id     the data set's own item ID, or the feature name such as {@code genre=Comedy}
 * @param label  a readable label such as {@code Toy Story (1995)}
 * @param weight the signed contribution; its meaning is the explainer's (a share of the score, a change
 *               in score, a surrogate coefficient) and is stated in its documentation
 */
public record Attribution(Kind kind, int index, String id, String label, double weight) {

    /** What an attribution credits. */
    public enum Kind {
        /** One of the user's past interactions. */
        INTERACTION,
        /** A side feature of the item or the user. */
        FEATURE
    }

    public Attribution {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        if (Double.isNaN(weight)) {
            throw new IllegalArgumentException("attribution weight of " + id + " is NaN");
        }
    }

    /** A copy with another weight. */
    public Attribution withWeight(double w) {
        return new Attribution(kind, index, id, label, w);
    }
}

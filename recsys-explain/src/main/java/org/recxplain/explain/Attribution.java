package org.recxplain.explain;

import java.util.Objects;
import java.util.Optional;

/**
 * One part of an explanation: a past interaction or a side feature, with its signed weight.
 *
 * @param kind   what is credited
 * @param index  the dense index of the item (for {@link Kind#INTERACTION}) or feature ({@link Kind#FEATURE})
 * @param id     the data set's own item ID, or the feature name such as {@code genre=Comedy}
 * @param label  a readable label such as {@code Toy Story (1995)}
 * @param weight the signed contribution; its meaning is the explainer's (a share of the score, a change
 *               in score, a surrogate coefficient) and is stated in its documentation
 * @param effect for removal-based explainers, what removing this interaction does to the explained item
 */
public record Attribution(Kind kind, int index, String id, String label, double weight, Optional<Effect> effect) {

    /** What an attribution credits. */
    public enum Kind {
        /** One of the user's past interactions. */
        INTERACTION,
        /** A side feature of the item or the user. */
        FEATURE
    }

    /**
     * The explained item's score and rank once this interaction is removed (computed exactly or by a
     * fold-in, as the explainer documents).
     *
     * @param scoreAfter the item's score after the removal
     * @param rankAfter  its 1-based rank after the removal, or 0 if the explainer did not compute it
     */
    public record Effect(double scoreAfter, int rankAfter) {
    }

    /** An attribution without a removal effect. */
    public Attribution(Kind kind, int index, String id, String label, double weight) {
        this(kind, index, id, label, weight, Optional.empty());
    }

    public Attribution {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        if (Double.isNaN(weight)) {
            throw new IllegalArgumentException("attribution weight of " + id + " is NaN");
        }
    }

    /** A copy with a removal effect. */
    public Attribution withEffect(Effect e) {
        return new Attribution(kind, index, id, label, weight, Optional.of(e));
    }

    /** A copy with another weight. */
    public Attribution withWeight(double w) {
        return new Attribution(kind, index, id, label, w, effect);
    }
}

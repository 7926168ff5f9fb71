package org.recxplain.explain;

import org.recxplain.data.Dataset;
import org.recxplain.model.Recommender;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Helpers that explainers share to assemble {@link Explanation}s: targets, interaction attributions with
 * readable labels, and the canonical attribution order. Stateless and thread-safe.
 */
public final class Explanations {
    private Explanations() {
    }

    /** Descending absolute weight, then ascending index: the total, deterministic order of attributions. */
    public static final Comparator<Attribution> BY_MAGNITUDE =
            Comparator.comparingDouble((Attribution a) -> -Math.abs(a.weight())).thenComparingInt(Attribution::index);

    /** The target (user, item, score) with the data set's IDs and the item's title. */
    public static Target target(Recommender model, int user, int item, double score) {
        Dataset data = model.data();
        return new Target(user, data.interactions().users().id(user), item, data.interactions().items().id(item),
                data.itemTitle(item), score);
    }

    /** An attribution to the user's past interaction with {@code item}. */
    public static Attribution interaction(Dataset data, int item, double weight) {
        return new Attribution(Attribution.Kind.INTERACTION, item, data.interactions().items().id(item),
                data.itemTitle(item), weight);
    }

    /** Assembles an explanation, sorting the attributions by {@link #BY_MAGNITUDE}; timing from {@code startNanos}. */
    public static Explanation of(Target target, Provenance provenance, List<Attribution> attributions,
                                 Optional<Counterfactual> counterfactual, Optional<String> note, long startNanos) {
        List<Attribution> sorted = new java.util.ArrayList<>(attributions);
        sorted.sort(BY_MAGNITUDE);
        return new Explanation(target, provenance, sorted, counterfactual, note,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** The note of an empty explanation for a user without interactions. */
    public static final String NO_HISTORY = "the user has no interactions to attribute the score to";
}

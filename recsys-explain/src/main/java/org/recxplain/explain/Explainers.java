package org.recxplain.explain;

import org.recxplain.explain.baseline.CosineNeighbourhoodExplainer;
import org.recxplain.explain.baseline.PopularityExplainer;
import org.recxplain.explain.baseline.RandomExplainer;
import org.recxplain.explain.counterfactual.AlsCounterfactualExplainer;
import org.recxplain.explain.counterfactual.AlsRemovalExplainer;
import org.recxplain.explain.neighbourhood.AlsNeighbourhoodExplainer;
import org.recxplain.model.Recommender;
import org.recxplain.model.als.ImplicitAls;

import java.util.List;

/**
 * Static factories for the explainers ({@code Explainers.neighbourhood(model)}). Each factory checks that
 * the explainer supports the model and says which models it supports otherwise.
 */
public final class Explainers {
    private Explainers() {
    }

    /** The names accepted by {@link #byName(String, Recommender)}. */
    public static List<String> names() {
        return List.of(AlsNeighbourhoodExplainer.NAME, AlsRemovalExplainer.NAME, AlsCounterfactualExplainer.NAME,
                CosineNeighbourhoodExplainer.NAME, PopularityExplainer.NAME, RandomExplainer.NAME);
    }

    /**
     * The exact neighbourhood decomposition of the model's score over the user's history.
     *
     * @throws IllegalArgumentException if the model has no exact decomposition (supported: implicit ALS)
     */
    public static Explainer neighbourhood(Recommender model) {
        return new AlsNeighbourhoodExplainer(requireAls(model, AlsNeighbourhoodExplainer.NAME));
    }

    /**
     * The effect of removing each past interaction on the score; exact (Sherman-Morrison) for implicit
     * ALS. The 10 largest attributions also get the item's rank after the removal.
     *
     * @throws IllegalArgumentException if the model is not supported (supported: implicit ALS)
     */
    public static Explainer influence(Recommender model) {
        return new AlsRemovalExplainer(requireAls(model, AlsRemovalExplainer.NAME), 10);
    }

    /**
     * A minimal set of past interactions whose removal displaces the item, verified by refitting; five
     * candidate replacements and at most ten removals.
     *
     * @throws IllegalArgumentException if the model is not supported (supported: implicit ALS)
     */
    public static Explainer counterfactual(Recommender model) {
        return counterfactual(model, 5, 10);
    }

    /** A minimal counterfactual set with the given search budget. */
    public static Explainer counterfactual(Recommender model, int candidates, int maxSetSize) {
        return new AlsCounterfactualExplainer(requireAls(model, AlsCounterfactualExplainer.NAME), candidates,
                maxSetSize);
    }

    /** Model-agnostic: weights each past interaction by its item's cosine similarity to the explained item. */
    public static Explainer cosine(Recommender model) {
        return new CosineNeighbourhoodExplainer(model);
    }

    /** Baseline: weights each past interaction by its item's popularity. */
    public static Explainer popularity(Recommender model) {
        return new PopularityExplainer(model);
    }

    /** Baseline: uniform random weights, seeded. */
    public static Explainer random(Recommender model, long seed) {
        return new RandomExplainer(model, seed);
    }

    private static ImplicitAls requireAls(Recommender model, String explainer) {
        if (model instanceof ImplicitAls als) {
            return als;
        }
        throw new IllegalArgumentException("the " + explainer + " explainer supports implicit ALS models, not '"
                + model.info().family() + "'");
    }

    /**
     * An explainer by its CLI name.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or an
     *                                  unsupported model
     */
    public static Explainer byName(String name, Recommender model) {
        return byName(name, model, 42L);
    }

    /**
     * An explainer by its CLI name, with the seed for randomised explainers.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or an
     *                                  unsupported model
     */
    public static Explainer byName(String name, Recommender model, long seed) {
        return switch (name) {
            case AlsNeighbourhoodExplainer.NAME, "neighborhood" -> neighbourhood(model);
            case AlsRemovalExplainer.NAME -> influence(model);
            case AlsCounterfactualExplainer.NAME -> counterfactual(model);
            case CosineNeighbourhoodExplainer.NAME -> cosine(model);
            case PopularityExplainer.NAME -> popularity(model);
            case RandomExplainer.NAME -> random(model, seed);
            default -> throw new IllegalArgumentException("unknown explainer '" + name + "'; known: "
                    + String.join(", ", names()));
        };
    }
}

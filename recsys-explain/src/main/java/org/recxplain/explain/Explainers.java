package org.recxplain.explain;

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
        return List.of(AlsNeighbourhoodExplainer.NAME);
    }

    /**
     * The exact neighbourhood decomposition of the model's score over the user's history.
     *
     * @throws IllegalArgumentException if the model has no exact decomposition (supported: implicit ALS)
     */
    public static Explainer neighbourhood(Recommender model) {
        if (model instanceof ImplicitAls als) {
            return new AlsNeighbourhoodExplainer(als);
        }
        throw new IllegalArgumentException("the neighbourhood explainer supports implicit ALS models, not '"
                + model.info().family() + "'");
    }

    /**
     * An explainer by its CLI name.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or an
     *                                  unsupported model
     */
    public static Explainer byName(String name, Recommender model) {
        return switch (name) {
            case AlsNeighbourhoodExplainer.NAME, "neighborhood" -> neighbourhood(model);
            default -> throw new IllegalArgumentException("unknown explainer '" + name + "'; known: "
                    + String.join(", ", names()));
        };
    }
}

package org.recxplain.cli;

import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explainers;
import org.recxplain.model.Recommender;

import java.util.ArrayList;

/**
 * The explainers the CLI offers ({@link Explainers#names()}), as the completion candidates of
 * {@code --explainer} so that {@code --help} lists them, and their creation with a CLI error. Stateless.
 */
final class ExplainerChoice extends ArrayList<String> {

    ExplainerChoice() {
        super(Explainers.names());
    }

    /**
     * The named explainer for {@code model}.
     *
     * @param seed        the seed of randomised explainers
     * @param modelSource what the model is, for the error message ({@code model als.model})
     * @throws CliException if the explainer does not support the model (its reason is in the message)
     */
    static Explainer create(String name, Recommender model, long seed, String modelSource) {
        try {
            return Explainers.byName(name, model, seed);
        } catch (IllegalArgumentException e) {
            throw new CliException("explainer '" + name + "' cannot explain " + modelSource + " ("
                    + model.info().id() + "): " + e.getMessage(), e);
        }
    }
}

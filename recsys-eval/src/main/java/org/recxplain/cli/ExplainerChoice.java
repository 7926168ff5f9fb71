package org.recxplain.cli;

import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explainers;
import org.recxplain.model.Recommender;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The explainers the CLI offers, by the name used with {@code --explainer}. Also the completion-candidates class
 * of that option, so {@code --help} lists the names. Stateless.
 */
final class ExplainerChoice extends ArrayList<String> {
    private static final Map<String, Function<Recommender, Explainer>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("neighbourhood", Explainers::neighbourhood);
    }

    ExplainerChoice() {
        super(FACTORIES.keySet());
    }

    /**
     * The named explainer for {@code model}.
     *
     * @throws CliException if the explainer does not support the model (its reason is in the message)
     */
    static Explainer create(String name, Recommender model, String modelSource) {
        Function<Recommender, Explainer> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalStateException("explainer '" + name + "' was not checked against " + FACTORIES.keySet());
        }
        try {
            return f.apply(model);
        } catch (IllegalArgumentException e) {
            throw new CliException("explainer '" + name + "' cannot explain model " + model.info().id()
                    + " (" + modelSource + "): " + e.getMessage(), e);
        }
    }
}

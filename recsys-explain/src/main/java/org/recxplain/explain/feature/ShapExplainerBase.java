package org.recxplain.explain.feature;

import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Recommender;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the KernelSHAP explainers share: the budget, the seed, the provenance, and {@link #explain} through
 * {@link #explainWithValues}. Thread-safety: subclasses must be immutable.
 */
abstract class ShapExplainerBase implements Explainer {
    final int budget;
    final long seed;
    final Provenance provenance;
    private final String name;

    /**
     * @param players what the players are, for the provenance (for example {@code side-features})
     * @param absent  how an absent player is modelled, for the provenance
     */
    ShapExplainerBase(Recommender model, String name, String players, String absent, int budget, long seed) {
        Objects.requireNonNull(model, "model");
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be >= 1, got " + budget);
        }
        this.name = name;
        this.budget = budget;
        this.seed = seed;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("players", players);
        config.put("budget", Integer.toString(budget));
        config.put("absent", absent);
        this.provenance = new Provenance(name, config, seed, model.info().id());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Explanation explain(int user, int item) {
        return explainWithValues(user, item).explanation();
    }

    /**
     * Explains with the Shapley values and their reference points.
     *
     * @throws IndexOutOfBoundsException if the user or the item is out of range
     */
    public abstract ShapResult explainWithValues(int user, int item);
}

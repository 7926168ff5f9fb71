package org.recxplain.explain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an explanation came from: the explainer, its configuration, its seed and the model's ID. Two
 * explanations with equal provenance and target are equal to the byte.
 *
 * @param explainer the explainer's name
 * @param config    its configuration, sorted by key
 * @param seed      its random seed (0 for deterministic explainers)
 * @param modelId   {@link org.recxplain.model.ModelInfo#id()} of the explained model
 */
public record Provenance(String explainer, Map<String, String> config, long seed, String modelId) {
    public Provenance {
        config = Collections.unmodifiableMap(new TreeMap<>(config));
    }
}

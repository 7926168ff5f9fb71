package org.recxplain.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a trained model, carried into every explanation as provenance.
 *
 * @param family      the model family, e.g. {@code als}
 * @param config      hyper-parameters as strings, sorted by name (so that renderings are byte-stable)
 * @param seed        the seed it was trained with
 * @param fingerprint a short hex digest of the learned parameters
 */
public record ModelInfo(String family, Map<String, String> config, long seed, String fingerprint) {

    public ModelInfo {
        config = java.util.Collections.unmodifiableMap(new TreeMap<>(config));
    }

    /** A readable ID such as {@code als-k64-3f2a9c1e}. */
    public String id() {
        return family + "-" + fingerprint;
    }
}

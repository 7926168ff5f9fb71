package org.recxplain.explain.feature;

/** How a LIME explainer draws its perturbations. */
public enum LimeSampling {
    /** Vanilla LIME: independent random masks; one batched model call. */
    RANDOM,
    /**
     * Stabilised LIME: every mask when there are few players; otherwise a balanced antithetic design whose
     * size grows until the top features pass a bootstrap stability test (see {@link FeatureLimeExplainer}).
     */
    STABLE
}

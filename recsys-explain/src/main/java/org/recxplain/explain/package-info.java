/**
 * Explanations and explainers: the {@link org.recxplain.explain.Explainer} interface (and
 * {@link org.recxplain.explain.BatchExplainer} for explainers that share per-user work), the immutable
 * {@link org.recxplain.explain.Explanation} record with its attributions, provenance and optional
 * counterfactual, the {@link org.recxplain.explain.Explainers} factories, and renderings as plain text
 * ({@link org.recxplain.explain.ExplanationText}) and JSON ({@link org.recxplain.explain.ExplanationJson}).
 */
package org.recxplain.explain;

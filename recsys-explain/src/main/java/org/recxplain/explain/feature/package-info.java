/**
 * Feature explainers: LIME-RS for black boxes that do not read side features, LIME and stabilised LIME over
 * the side features of a {@link org.recxplain.model.FeatureRecommender}, KernelSHAP (and exact Shapley
 * values) over side features or over a {@link org.recxplain.model.FoldIn} model's history, global
 * permutation importance of feature groups with a PNG chart, a seed-stability check (VSI, Jaccard), and
 * integrated gradients over a NeuMF's side features (deterministic, from the model's autograd).
 *
 * <p>Feature attributions follow {@link org.recxplain.explain.feature.FeatureAttributions}: kind
 * {@code FEATURE}, index in the item (or user) feature dictionary, ID = feature name such as
 * {@code genre=Comedy} (user features prefixed {@code user:}), readable label such as {@code genre Comedy}.
 * Every randomised explainer is seeded through its constructor and scores through the batch entry points
 * ({@code scoreAll}, {@code scoreWithFeatures}, {@code scoreFolded}); none loops over single scores.
 */
package org.recxplain.explain.feature;

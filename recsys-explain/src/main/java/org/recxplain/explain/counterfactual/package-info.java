/**
 * Counterfactual and removal-based explainers: the exact effect of removing each past interaction (ALS,
 * biased MF), its prediction by influence functions ({@link org.recxplain.explain.counterfactual.InfluenceExplainer}:
 * over the user's own parameters for BPR-MF, FM and NeuMF, over all of NeuMF's parameters by conjugate
 * gradient), and minimal sets of removals that change the recommendation, verified by refitting.
 */
package org.recxplain.explain.counterfactual;

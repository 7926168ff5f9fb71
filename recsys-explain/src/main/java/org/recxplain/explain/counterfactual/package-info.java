/**
 * Counterfactual and removal-based explainers: the exact effect of removing each past interaction, and
 * minimal sets of removals that change the recommendation, verified by refitting.
 */
package org.recxplain.explain.counterfactual;

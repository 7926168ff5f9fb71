/**
 * Seeded hyper-parameter search over model families. A {@link org.recxplain.eval.automl.SearchSpace} says, as
 * data, which values each parameter of a family may take (a list or a range); {@link org.recxplain.eval.automl.AutoMl}
 * runs a budget of random-search trials on a validation split carved from the training data, ranks them by a
 * {@link org.recxplain.eval.automl.SelectionCriterion} (accuracy today, explanation fidelity tomorrow),
 * retrains the best configuration of each family on the whole training split, scores it on the test split,
 * and returns a {@link org.recxplain.eval.automl.Leaderboard} with the best trained model.
 */
package org.recxplain.eval.automl;

/**
 * Accuracy evaluation of a trained recommender on a held-out split: top-k ranking metrics, full-ranking MRR,
 * catalogue coverage, rating errors for models that predict ratings, and training and scoring times, computed
 * with the mergeable accumulators of {@link org.recxplain.eval.metrics} in parallel over users, with results
 * that do not depend on the number of threads. {@link org.recxplain.eval.accuracy.AccuracyEvaluator} runs it,
 * {@link org.recxplain.eval.accuracy.AccuracyResult} holds one model's result and
 * {@link org.recxplain.eval.accuracy.AccuracyTable} renders results as text, CSV or JSON.
 */
package org.recxplain.eval.accuracy;

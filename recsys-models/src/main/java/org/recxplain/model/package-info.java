/**
 * Recommenders: the {@link org.recxplain.model.Recommender} interface with its single batch scoring entry
 * point, the {@link org.recxplain.model.FoldIn} capability used by counterfactuals, ranking utilities, and
 * the model families.
 */
package org.recxplain.model;

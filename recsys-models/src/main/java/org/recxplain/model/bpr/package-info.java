/**
 * BPR matrix factorisation ({@link org.recxplain.model.bpr.BprMf}): seeded sequential SGD training, and a
 * convex per-user objective with Newton fold-in, gradient and Hessian for influence functions.
 */
package org.recxplain.model.bpr;

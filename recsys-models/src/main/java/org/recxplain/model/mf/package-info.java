/**
 * Explicit-feedback biased matrix factorisation trained by ALS ({@link org.recxplain.model.mf.BiasedMf}),
 * with exact fold-in and the per-user ridge system that exact removal explanations are built on.
 */
package org.recxplain.model.mf;

/**
 * Factorisation machines (Rendle, ICDM 2010) over user and item IDs and side features, trained by seeded
 * sequential SGD with a BPR or squared loss, with an exact per-input decomposition of every score that
 * serves as ground truth for the feature explainers.
 */
package org.recxplain.model.fm;

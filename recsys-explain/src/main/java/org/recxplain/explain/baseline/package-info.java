/**
 * Model-agnostic explainers that weigh past interactions by a rule outside the model: random, popularity
 * and cosine similarity. They are the baselines in every evaluation table and the fallback for black boxes.
 */
package org.recxplain.explain.baseline;

/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky 2008) with exact fold-in and the per-user system that the
 * exact neighbourhood and counterfactual explanations are computed from.
 */
package org.recxplain.model.als;

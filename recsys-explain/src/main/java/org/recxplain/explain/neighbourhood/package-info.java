/**
 * Neighbourhood explainers: "recommended because you liked X and Y", as an exact decomposition of the
 * model's score over the user's past interactions wherever the model allows one.
 */
package org.recxplain.explain.neighbourhood;

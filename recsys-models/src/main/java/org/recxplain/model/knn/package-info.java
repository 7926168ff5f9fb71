/**
 * Item-based k-nearest-neighbour recommendation ({@link org.recxplain.model.knn.ItemKnn}): cosine and
 * adjusted-cosine item similarities with top-N neighbourhoods, and a score that decomposes exactly into one
 * term per past interaction.
 */
package org.recxplain.model.knn;

/**
 * Peer libraries as black-box {@link org.recxplain.model.Recommender}s: Apache Mahout Taste 0.13
 * ({@link org.recxplain.model.peers.MahoutItemBased}, {@link org.recxplain.model.peers.MahoutAlsWr}) and
 * LibRec 2.0 ({@link org.recxplain.model.peers.LibrecBiasedMf}, {@link org.recxplain.model.peers.LibrecBpr}).
 * They take the same {@link org.recxplain.data.Dataset}, keep its external IDs and score through the same
 * batch {@code scoreAll(user, out)}, so every explainer and metric of recxplain applies to them and they can
 * be compared with the models of this library on one protocol. {@link org.recxplain.model.peers.Peers}
 * trains any of them from a {@link org.recxplain.model.ModelSpec}.
 *
 * <p><b>Bridging.</b> Mahout needs {@code long} IDs: user and item {@code i} of our dense indices become
 * Mahout ID {@code (long) i} in a {@code GenericDataModel} built in memory. LibRec's recommenders read a
 * {@code DataModel}; this package implements one in memory whose training matrix has our users as rows and
 * our items as columns and whose ID maps are our external IDs, so no file is written.
 *
 * <p><b>Scores.</b> Each wrapper scores exactly as its library does, in batch where the library's parameters
 * can be read (factor models: the same double-precision sum in the same order, cast to float), and through
 * the library's own per-pair estimate otherwise (Mahout item-based: Mahout has no batch API). Where a library
 * cannot score a pair (a user or item without training interactions, an item outside Mahout's candidates or
 * with an undefined estimate) the score is {@link Float#NEGATIVE_INFINITY}, which ranks last and is never
 * NaN. The one piece that is not the library's own: Mahout 0.13 has no cosine of binary vectors, so for
 * Mahout item-based with boolean preferences and {@code similarity=cosine} this package implements
 * {@code |U_i ∩ U_j| / sqrt(|U_i| |U_j|)} on Mahout's {@code ItemSimilarity} interface from Mahout's own
 * co-occurrence counts, and Mahout's boolean-preference recommender computes the scores with it.
 *
 * <p><b>Randomness.</b> Both libraries draw from process-global generators. LibRec's {@code Randoms} is
 * seeded with the training seed; Mahout's ALS-WR initialisation draws from {@code RandomUtils.getRandom()},
 * which takes no seed, so training switches Mahout to its fixed test seed ({@code RandomUtils.useTestSeed()},
 * for the whole JVM): runs are reproducible, but the seed cannot vary Mahout's initialisation. Training of
 * each library holds one process-wide lock so that concurrent trainings cannot interleave draws.
 *
 * <p><b>Thread-safety.</b> Trained wrappers are immutable and may score from many threads.
 */
package org.recxplain.model.peers;

/**
 * Neural recommenders on DJL's PyTorch engine (CPU), kept out of the core model module because the native
 * PyTorch library weighs about 450 MB.
 *
 * <ul>
 *   <li>{@link org.recxplain.model.neural.NeuralEngine}: loads PyTorch from the jars on the classpath,
 *       refusing every setting that would make DJL download, and sets DJL's offline switch.</li>
 *   <li>{@link org.recxplain.model.neural.NeuMf}: neural matrix factorisation (He et al., WWW 2017) with
 *       side-feature towers; a {@link org.recxplain.model.FoldIn} and a
 *       {@link org.recxplain.model.FeatureRecommender}, saved in the project's model container; with
 *       derivative hooks for explainers (gradients, Hessian-vector products by double backward, the explicit
 *       user Hessian, integrated gradients: {@link org.recxplain.model.neural.FeatureAttribution}).</li>
 *   <li>{@link org.recxplain.model.neural.NeuMfBench}: NDCG@10, training time and scoring latency against
 *       implicit ALS.</li>
 * </ul>
 *
 * <p>Thread-safety: see each class; trained models are immutable and may be scored from many threads.
 */
package org.recxplain.model.neural;

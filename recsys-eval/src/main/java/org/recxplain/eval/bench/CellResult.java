package org.recxplain.eval.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * The raw observations of one benchmark cell (data set, model, explainer, seed), kept so that results can be
 * re-aggregated and an interrupted run resumed. Per-target arrays hold NaN where a measure does not apply.
 *
 * @param dataset        data set label
 * @param model          model label
 * @param explainer      explainer name
 * @param seed           the seed of the model and the explainer
 * @param status         "ok", or why the cell was not measured (for example an unsupported model)
 * @param deterministic  whether the explainer declares no seed (its provenance seed is 0): its answer does not
 *                       depend on the explainer seed, so across-seed stability is 1 by construction and the
 *                       seed arrays hold NaN (not measured)
 * @param targets        the explained targets, in user order
 * @param curves         removal curves, most important first (empty arrays where not measurable)
 * @param negCurves      removal curves, least important first
 * @param latencyNanos   wall time of each explanation
 * @param seedJaccard    Jaccard@k of each explanation with the same explainer seeded differently
 * @param perturbJaccard Jaccard@k after dropping one random interaction the explanation does not name
 * @param retrainJaccard Jaccard@k with the model retrained with the next seed of the grid
 * @param removalSpearman Spearman correlation of weights and actual fold-in removal effects (top 10)
 * @param cfVerified     per target with a counterfactual: 1 if verified by refit, else 0
 * @param cfRetrainValid per checked counterfactual: 1 if it holds after retraining the whole model
 * @param necessary      per target with feature attributions: 1 if removing the top features takes the item out
 *                       of the top 10 (PN), 0 if not, NaN where it does not apply
 * @param sufficient     likewise, 1 if keeping only the top features keeps it in the top 10 (PS)
 * @param surrogateR2    per target, the local surrogate's R² on held-out samples (LIME), NaN otherwise
 * @param seedKendall    Kendall's tau-b of the weights across the two explainer seeds
 * @param seedVsi        VSI of the top-k sets across the two explainer seeds
 * @param removalPairs   flattened (weight, actual fold-in score drop) pairs of the top interaction attributions
 * @param retrainPairs   flattened (predicted, actual) score drops after retraining the whole model without the
 *                       top interaction, for the sampled targets of explainers that predict removal effects
 * @param modelCalls     per target, the batch model calls of a black-box explainer (NaN for explainers that
 *                       read the model's internals in closed form)
 * @param trainSeconds   time to train the cell's model
 * @param heapMb         peak heap of the JVM while the cell ran, MB
 */
public record CellResult(String dataset, String model, String explainer, long seed, String status,
                         boolean deterministic,
                         List<TargetObs> targets, List<Curve> curves, List<Curve> negCurves, long[] latencyNanos,
                         double[] seedJaccard, double[] perturbJaccard, double[] retrainJaccard,
                         double[] removalSpearman, double[] cfVerified, double[] cfRetrainValid,
                         double[] necessary, double[] sufficient, double[] surrogateR2, double[] seedKendall,
                         double[] seedVsi, double[] removalPairs, double[] retrainPairs, double[] modelCalls,
                         double trainSeconds, double heapMb) {

    /**
     * One explained target.
     *
     * @param user      external user ID
     * @param item      external item ID
     * @param explained whether the explanation had any attribution
     * @param top       external IDs of the top-k attributions
     * @param text      the plain-language sentence
     */
    public record TargetObs(String user, String item, boolean explained, List<String> top, String text) {
    }

    /** A removal curve (see {@link org.recxplain.eval.metrics.RemovalCurve}); empty when not measurable. */
    public record Curve(int[] newRank, double[] del, double[] ins) {
        @JsonIgnore
        public boolean isEmpty() {
            return newRank.length == 0;
        }
    }

    /** The version of this record's layout; cells written by another version are recomputed, not read. */
    public static final int FORMAT = 5;

    /**
     * The file name of a cell's observations. It carries {@code protocol}, a digest of the format version and
     * the protocol parameters, so that a resumed run only reuses cells measured the same way.
     */
    public static String fileName(String dataset, String model, String explainer, long seed, String protocol) {
        String key = dataset + "__" + model + "__" + explainer + "__" + seed + "__" + protocol;
        return key.replaceAll("[^A-Za-z0-9._=-]+", "_") + ".json";
    }
}

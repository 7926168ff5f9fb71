package org.recxplain.explain.baseline;

import org.recxplain.data.Row;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Recommender;
import org.recxplain.model.peers.MahoutItemBased;
import org.recxplain.model.peers.MahoutSimilarity;

import java.util.Map;
import java.util.Objects;

/**
 * Mahout Taste's "recommended because" heuristic ({@code GenericItemBasedRecommender.recommendedBecause}),
 * model-agnostic: each past interaction j of the user, with value r_uj, is weighted by
 * <pre>  w_j = (1 + s(i, j)) * r_uj</pre>
 * where i is the explained item and s Mahout's item-item similarity. It is a heuristic that ranks the
 * user's items by how similar and how liked they are, not a decomposition of the model's score: the
 * weights do not add up to anything the model computes.
 *
 * <p><b>Which similarity and values.</b> For a {@link MahoutItemBased} model the explainer uses that model's
 * own similarity and, for its boolean-preference mode, r_uj = 1 (Mahout's boolean data model has no other
 * value), so that the attributions equal Mahout's own {@code recommendedBecause} list. For any other model
 * it uses Mahout's log-likelihood similarity over the model's training data and the interaction values.
 * The provenance records which ({@code similarity}, {@code source}, {@code values}).
 *
 * <p>Where Mahout leaves an item out of its list the weight is 0: the explained item itself (when it is in
 * the history) and items whose similarity to it is undefined (no user has both).
 *
 * <p>Cost per explained item: one similarity per history entry, each an intersection of two item columns.
 * Building the explainer for a non-Mahout model builds a Mahout data model of the training data once.
 * Immutable and thread-safe.
 */
public final class MahoutBecauseExplainer extends HistoryScoringExplainer {
    public static final String NAME = "mahout-because";

    private final MahoutSimilarity similarity;
    private final boolean unary;

    /** The heuristic for {@code model}: its own similarity if it is Mahout's item-based, else log-likelihood. */
    public MahoutBecauseExplainer(Recommender model) {
        this(model, similarityFor(model), model instanceof MahoutItemBased m && m.config().booleanPrefs());
    }

    private MahoutBecauseExplainer(Recommender model, MahoutSimilarity similarity, boolean unary) {
        super(model, new Provenance(NAME, Map.of("similarity", similarity.kind().name().toLowerCase(java.util.Locale.ROOT),
                "source", model instanceof MahoutItemBased ? "model" : "training-data",
                "values", unary ? "unary" : "interaction-values"), 0L, model.info().id()));
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.unary = unary;
    }

    private static MahoutSimilarity similarityFor(Recommender model) {
        Objects.requireNonNull(model, "model");
        return model instanceof MahoutItemBased m ? m.similarity()
                : MahoutSimilarity.of(model.data().interactions(), MahoutSimilarity.Kind.LOGLIKELIHOOD);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    double[] weights(int user, int item, Row history) {
        double[] w = new double[history.size()];
        for (int p = 0; p < w.length; p++) {
            int j = history.indices()[p];
            double s = j == item ? Double.NaN : similarity.similarity(item, j);
            w[p] = Double.isNaN(s) ? 0 : (1 + s) * (unary ? 1 : history.values()[p]);
        }
        return w;
    }
}

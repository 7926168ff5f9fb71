package org.recxplain.explain.counterfactual;

import org.recxplain.data.Dataset;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.BatchExplainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.ExactRemoval;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;
import org.recxplain.model.als.AlsRemoval;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.mf.BiasedMf;
import org.recxplain.model.mf.MfRemoval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The exact effect of removing each past interaction on the score, for models whose user solve is a ridge
 * system (implicit ALS, explicit biased MF): the weight of interaction j is score(i) - score_without_j(i),
 * computed by Sherman-Morrison ({@link ExactRemoval}) and equal to a fold-in refit to rounding. Positive
 * weights support the recommendation.
 *
 * <p>Each attribution carries the item's score after the removal; its rank after the removal is computed
 * for the {@code rankedTop} largest attributions (a full rescoring each, O(items k)), or for all of them
 * when {@code rankedTop} is negative.
 *
 * <p>Cost per user: one factorisation and O(|H| k^2 / 2); per item O(k^2 + |H| k) plus the rescoring for
 * ranks. Thread-safety: immutable.
 */
public final class ExactRemovalExplainer implements BatchExplainer {
    /** The CLI name: for these models, influence is exact. */
    public static final String NAME = "influence";

    private final Recommender model;
    private final IntFunction<ExactRemoval> prepare;
    private final int rankedTop;
    private final Provenance provenance;

    /**
     * @param prepare   prepares the exact removals of one user
     * @param rankedTop how many of the largest attributions get their rank after removal (negative: all)
     */
    public ExactRemovalExplainer(Recommender model, IntFunction<ExactRemoval> prepare, int rankedTop) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.prepare = java.util.Objects.requireNonNull(prepare, "prepare");
        this.rankedTop = rankedTop;
        this.provenance = new Provenance(NAME, Map.of("method", "exact-sherman-morrison",
                "rankedTop", Integer.toString(rankedTop)), 0L, model.info().id());
    }

    /** Exact removals for implicit ALS. */
    public static ExactRemovalExplainer of(ImplicitAls model, int rankedTop) {
        return new ExactRemovalExplainer(model, u -> new AlsRemoval(model, u), rankedTop);
    }

    /** Exact removals for explicit biased MF. */
    public static ExactRemovalExplainer of(BiasedMf model, int rankedTop) {
        return new ExactRemovalExplainer(model, u -> new MfRemoval(model, u), rankedTop);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Prepares the exact removals of one user (shared across that user's items). */
    public ExactRemoval prepare(int user) {
        java.util.Objects.checkIndex(user, model.data().interactions().numUsers());
        return prepare.apply(user);
    }


    @Override
    public List<Explanation> explain(int user, int[] items) {
        long start = System.nanoTime();
        ExactRemoval removal = prepare(user);
        List<Explanation> out = new ArrayList<>(items.length);
        for (int item : items) {
            out.add(explain(removal, user, item, start));
            start = System.nanoTime();
        }
        return out;
    }

    /** Explains one item given the user's prepared removal state (shared across that user's items). */
    public Explanation explain(ExactRemoval removal, int user, int item, long startNanos) {
        Dataset data = model.data();
        java.util.Objects.checkIndex(item, data.interactions().numItems());
        int[] hist = removal.historyItems();
        double score = removal.score(item);
        double[] after = removal.scoresAfterSingleRemovals(item);
        List<Attribution> attributions = new ArrayList<>(hist.length);
        for (int p = 0; p < hist.length; p++) {
            attributions.add(Explanations.interaction(data, hist[p], score - after[p])
                    .withEffect(new Attribution.Effect(after[p], 0)));
        }
        attributions.sort(Explanations.BY_MAGNITUDE);
        int ranked = rankedTop < 0 ? attributions.size() : Math.min(rankedTop, attributions.size());
        if (ranked > 0) {
            float[] scores = new float[model.numItems()];
            for (int q = 0; q < ranked; q++) {
                Attribution a = attributions.get(q);
                removal.scoreAllWithout(scores, a.index());
                int rank = Rankings.rankOf(scores, item, hist);
                attributions.set(q, a.withEffect(new Attribution.Effect(a.effect().orElseThrow().scoreAfter(), rank)));
            }
        }
        Optional<String> note = hist.length == 0 ? Optional.of(Explanations.NO_HISTORY) : Optional.empty();
        return Explanations.of(Explanations.target(model, user, item, score), provenance, attributions,
                Optional.empty(), note, startNanos);
    }
}

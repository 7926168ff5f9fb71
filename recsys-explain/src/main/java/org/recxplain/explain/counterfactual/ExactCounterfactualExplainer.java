package org.recxplain.explain.counterfactual;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Counterfactual;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Provenance;
import org.recxplain.model.ExactRemoval;
import org.recxplain.model.FoldIn;
import org.recxplain.model.Rankings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal counterfactual set in the style of ACCENT (Tran et al., SIGIR 2021), with exact updates
 * instead of influence estimates, for models with {@link ExactRemoval} (implicit ALS, explicit biased MF).
 *
 * <p>For the explained item t at rank r, each of the next {@code candidates} items c in the user's ranking
 * is a possible replacement. For each c, the user's interactions are ordered by how much removing each
 * alone narrows the gap score(t) - score(c) (exactly, by Sherman-Morrison), then removed one at a time in
 * that order, each removal an exact O(k^2) downdate, until c overtakes t and a fold-in confirms that t has
 * lost its rank, or {@code maxSetSize} removals are spent. The smallest set
 * over all candidates wins (ties: the better-ranked candidate).
 *
 * <p>The winner is then verified by a fold-in refit of the user on the reduced history: the explanation
 * reports the item's new rank, the item that now holds rank r (the replacement), and {@code verified} =
 * whether the refit really moves t below rank r. Items the user interacted with stay excluded from the
 * ranking even after their interaction is removed.
 *
 * <p>Attributions are the exact single-removal effects ({@link ExactRemovalExplainer}), without ranks.
 * Thread-safety: immutable.
 */
public final class ExactCounterfactualExplainer implements Explainer {
    /** The CLI name. */
    public static final String NAME = "counterfactual";

    private final FoldIn model;
    private final ExactRemovalExplainer removals;
    private final int candidates;
    private final int maxSetSize;
    private final Provenance provenance;

    /**
     * @param removals   the exact removals of the same model (ranks not needed: use rankedTop 0)
     * @param candidates how many items ranked below the target to try as replacements (&ge; 1)
     * @param maxSetSize the largest set of removals to try (&ge; 1): the search budget
     */
    public ExactCounterfactualExplainer(FoldIn model, ExactRemovalExplainer removals, int candidates, int maxSetSize) {
        if (candidates < 1 || maxSetSize < 1) {
            throw new IllegalArgumentException("candidates and maxSetSize must be >= 1, got " + candidates + " and "
                    + maxSetSize);
        }
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.removals = java.util.Objects.requireNonNull(removals, "removals");
        this.candidates = candidates;
        this.maxSetSize = maxSetSize;
        this.provenance = new Provenance(NAME, Map.of("method", "greedy-exact-downdate", "candidates",
                Integer.toString(candidates), "maxSetSize", Integer.toString(maxSetSize)), 0L, model.info().id());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Explanation explain(int user, int item) {
        long start = System.nanoTime();
        Dataset data = model.data();
        java.util.Objects.checkIndex(item, data.interactions().numItems());
        ExactRemoval removal = removals.prepare(user);
        Explanation base = removals.explain(removal, user, item, start);
        int[] hist = removal.historyItems();
        if (hist.length == 0) {
            return base;
        }
        Row history = data.interactions().userRow(user);
        float[] scores = new float[model.numItems()];
        model.scoreAll(user, scores);
        int rank = Rankings.rankOf(scores, item, hist);
        int[] ranking = Rankings.topK(scores, rank + candidates, hist);
        int[] bestSet = null;
        for (int q = rank; q < ranking.length; q++) {
            if (ranking[q] == item) {
                continue;
            }
            int[] set = search(removal, history, user, item, rank, ranking[q],
                    bestSet == null ? maxSetSize : bestSet.length - 1);
            if (set != null) {
                bestSet = set;
            }
        }
        if (bestSet == null) {
            return new Explanation(base.target(), provenance, base.attributions(), Optional.empty(),
                    Optional.of("no counterfactual within " + maxSetSize + " removals and " + candidates
                            + " candidate replacements"), java.time.Duration.ofNanos(System.nanoTime() - start));
        }
        // verify by refitting the user on the reduced history
        model.scoreAllFolded(user, history.without(bestSet), scores);
        int newRank = Rankings.rankOf(scores, item, hist);
        int[] newTop = Rankings.topK(scores, rank, hist);
        int replacement = newRank > rank ? newTop[rank - 1] : -1;
        List<Attribution> removed = new ArrayList<>();
        for (int j : bestSet) {
            removed.add(base.attributions().stream().filter(a -> a.index() == j).findFirst().orElseThrow());
        }
        Counterfactual cf = new Counterfactual(removed, replacement,
                replacement < 0 ? null : data.interactions().items().id(replacement),
                replacement < 0 ? null : data.itemTitle(replacement), rank, newRank, newRank > rank);
        return new Explanation(base.target(), provenance, base.attributions(), Optional.of(cf), Optional.empty(),
                java.time.Duration.ofNanos(System.nanoTime() - start));
    }

    /** Whether item a ranks above item b, by the float scores and tie rule that rankings use. */
    private static boolean outranks(int a, float sa, int b, float sb) {
        return sa > sb || (sa == sb && a < b);
    }

    /**
     * The greedy removal set that lets {@code rival} overtake {@code target}, using at most {@code budget}
     * removals, or null.
     */
    private int[] search(ExactRemoval removal, Row history, int user, int target, int rank, int rival, int budget) {
        if (budget < 1) {
            return null;
        }
        double[] gap = removal.gapChangesOfSingleRemovals(target, rival);
        int[] hist = removal.historyItems();
        Integer[] order = new Integer[hist.length];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        java.util.Arrays.sort(order, (a, b) -> gap[a] != gap[b] ? Double.compare(gap[a], gap[b]) : Integer.compare(a, b));
        ExactRemoval.Downdate dd = removal.downdate();
        IntArrayList set = new IntArrayList();
        float[] refit = new float[model.numItems()];
        for (int p : order) {
            if (set.size() == budget || gap[p] >= 0) {
                break;
            }
            dd.remove(p);
            set.add(hist[p]);
            if (outranks(rival, (float) dd.score(rival), target, (float) dd.score(target))) {
                // confirm the claim itself with a fold-in: the target must lose its rank (an item above it
                // may fall below it at the same time, and rounding near a tie must not make a false claim)
                model.scoreAllFolded(user, history.without(set.toIntArray()), refit);
                if (Rankings.rankOf(refit, target, hist) > rank) {
                    return set.toIntArray();
                }
            }
        }
        return null;
    }
}

package org.recxplain.explain.counterfactual;

import org.recxplain.data.Row;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Counterfactual;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Provenance;
import org.recxplain.model.FoldIn;
import org.recxplain.model.Rankings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A counterfactual for any model that supports fold-in: the past interactions are removed in the order of
 * another explainer's weights (largest positive first), refitting the user after each removal, until the
 * explained item loses its rank or {@code maxSetSize} removals are spent. Every claim is therefore checked
 * by a fold-in refit ({@code verified} is true whenever a set is reported). It is greedy along one order,
 * so the set is minimal along that order, not necessarily globally.
 *
 * <p>Attributions are those of the ordering explainer. Cost: up to {@code maxSetSize} fold-ins with full
 * rescoring. Thread-safety: immutable when the ordering explainer is.
 */
public final class FoldInCounterfactualExplainer implements Explainer {
    private final FoldIn model;
    private final Explainer order;
    private final int maxSetSize;
    private final Provenance provenance;

    public FoldInCounterfactualExplainer(FoldIn model, Explainer order, int maxSetSize) {
        if (maxSetSize < 1) {
            throw new IllegalArgumentException("maxSetSize must be >= 1, got " + maxSetSize);
        }
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.order = java.util.Objects.requireNonNull(order, "order");
        this.maxSetSize = maxSetSize;
        this.provenance = new Provenance(ExactCounterfactualExplainer.NAME, Map.of("method", "greedy-fold-in",
                "order", order.name(), "maxSetSize", Integer.toString(maxSetSize)), 0L, model.info().id());
    }

    @Override
    public String name() {
        return ExactCounterfactualExplainer.NAME;
    }

    @Override
    public Explanation explain(int user, int item) {
        long start = System.nanoTime();
        Explanation base = order.explain(user, item);
        Row history = model.data().interactions().userRow(user);
        List<Attribution> ranked = new ArrayList<>(base.attributions().stream()
                .filter(a -> a.kind() == Attribution.Kind.INTERACTION && a.weight() > 0).toList());
        ranked.sort(Comparator.comparingDouble(Attribution::weight).reversed().thenComparingInt(Attribution::index));
        float[] scores = new float[model.numItems()];
        model.scoreAll(user, scores);
        int rank = Rankings.rankOf(scores, item, history.indices());
        Optional<Counterfactual> cf = Optional.empty();
        int[] removed = new int[Math.min(maxSetSize, ranked.size())];
        for (int n = 1; n <= removed.length && cf.isEmpty(); n++) {
            removed[n - 1] = ranked.get(n - 1).index();
            model.scoreAllFolded(user, history.without(java.util.Arrays.copyOf(removed, n)), scores);
            int newRank = Rankings.rankOf(scores, item, history.indices());
            if (newRank > rank) {
                int replacement = Rankings.topK(scores, rank, history.indices())[rank - 1];
                cf = Optional.of(new Counterfactual(ranked.subList(0, n), replacement,
                        model.data().interactions().items().id(replacement), model.data().itemTitle(replacement),
                        rank, newRank, true));
            }
        }
        Optional<String> note = base.note();
        if (cf.isEmpty() && !ranked.isEmpty()) {
            note = Optional.of("no counterfactual within " + maxSetSize + " removals");
        }
        return new Explanation(base.target(), provenance, base.attributions(), cf, note,
                Duration.ofNanos(System.nanoTime() - start));
    }
}

package org.recxplain.explain.feature;

import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Recommender;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Shapley explanation with its values.
 *
 * @param explanation the explanation; its attributions are the Shapley values of the players
 * @param values      the Shapley values, v(empty), v(all) and whether they are exact
 */
public record ShapResult(Explanation explanation, KernelShap.ShapleyValues values) {

    /**
     * Assembles the explanation of a Shapley computation; the target's score is v(all players).
     *
     * @param player the attribution of player p with a weight
     */
    static ShapResult of(Recommender model, int user, int item, Provenance provenance, KernelShap.ShapleyValues v,
                         PlayerAttribution player, String players, long start) {
        double[] phi = v.phi();
        List<Attribution> attributions = new java.util.ArrayList<>(phi.length);
        for (int p = 0; p < phi.length; p++) {
            attributions.add(player.of(p, phi[p]));
        }
        String note = String.format(Locale.ROOT,
                "%s Shapley values over %d %s (%d coalitions evaluated); they sum to f(x) - f(empty) = %.6g - %.6g",
                v.exact() ? "exact" : "KernelSHAP estimates of the", phi.length, players, v.evaluations(), v.full(),
                v.empty());
        Explanation e = Explanations.of(Explanations.target(model, user, item, v.full()), provenance, attributions,
                Optional.empty(), Optional.of(note), start);
        return new ShapResult(e, v);
    }

    /** The attribution of one player. */
    @FunctionalInterface
    interface PlayerAttribution {
        Attribution of(int player, double weight);
    }

    /** An empty explanation with a note, for an input without players. */
    static ShapResult empty(Recommender model, int user, int item, Provenance provenance, double score, String note,
                            long start) {
        Explanation e = Explanations.of(Explanations.target(model, user, item, score), provenance, List.of(),
                Optional.empty(), Optional.of(note), start);
        return new ShapResult(e, new KernelShap.ShapleyValues(new double[0], score, score, true, 1));
    }
}

package org.recxplain.eval.fidelity;

import org.recxplain.data.Row;
import org.recxplain.eval.metrics.RemovalCurve;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explanation;
import org.recxplain.model.ExactRemoval;
import org.recxplain.model.FoldIn;
import org.recxplain.model.Rankings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Fidelity by removal (Baklanov et al., SIGIR 2025): for an explained target, remove the Ke most important
 * past interactions that the explanation names, Ke = 1..K, refit the user by fold-in, and record the
 * target's new rank, its score after the removal and its score with only those Ke interactions kept.
 *
 * <p>Importance is the attribution weight, highest first, ties by item index; the NEG variant takes the
 * lowest first. Only {@link Attribution.Kind#INTERACTION} attributions count. The ranking excludes the
 * user's whole original history, as the original recommendation did. K is the smaller of {@code maxKe} and
 * the number of interactions the explanation ranks.
 *
 * <p>Thread-safety: immutable; uses only the model's thread-safe fold-in.
 */
public final class RemovalProtocol {
    private final FoldIn model;
    private final int maxKe;

    /**
     * @param maxKe the largest number of interactions removed (10 in the published protocol)
     */
    public RemovalProtocol(FoldIn model, int maxKe) {
        if (maxKe < 1) {
            throw new IllegalArgumentException("maxKe must be >= 1, got " + maxKe);
        }
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.maxKe = maxKe;
    }

    /**
     * The removal curve of one explanation, or empty when it cannot be measured: the explanation ranks no
     * interaction, or the target's score is not positive (the score ratios would mean nothing).
     *
     * @param negative whether to remove the least important interactions first (the NEG variant)
     */
    public Optional<RemovalCurve> curve(Explanation e, boolean negative) {
        return curve(e.target().user(), e.target().item(), e.target().score(), removalOrder(e, negative), null);
    }

    /**
     * The removal curve of a removal order (item indices, most removed first; only the first {@code maxKe}
     * are used), or empty when the order is empty or {@code original} is not positive. With {@code exact}
     * (the user's {@link ExactRemoval}, for models whose user solve is a ridge system) the scores after each
     * removal come from a Woodbury downdate instead of a fold-in refit: the same values to rounding, at
     * O(Ke k^2 + Ke^3) instead of O(|H| k^2 + k^3) per Ke.
     *
     * @param exact exact removals prepared for {@code user}, or null to refit by fold-in
     */
    public Optional<RemovalCurve> curve(int user, int item, double original, int[] order, ExactRemoval exact) {
        if (order.length == 0 || !(original > 0)) {
            return Optional.empty();
        }
        Row history = model.data().interactions().userRow(user);
        int k = Math.min(maxKe, order.length);
        int[] rank = new int[k];
        double[] del = new double[k];
        double[] ins = new double[k];
        if (exact != null) {
            float[] scores = new float[model.numItems()];
            float[] one = new float[1];
            for (int ke = 1; ke <= k; ke++) {
                int[] set = java.util.Arrays.copyOf(order, ke);
                exact.scoreAllWithout(scores, set);
                rank[ke - 1] = Rankings.rankOf(scores, item, history.indices());
                del[ke - 1] = scores[item];
                model.scoreFolded(user, history.only(set), new int[] {item}, one);
                ins[ke - 1] = one[0];
            }
        } else {
            // all 2K refits of the curve in one call (models that fit histories in batches do it in one pass)
            Row[] refits = new Row[2 * k];
            for (int ke = 1; ke <= k; ke++) {
                int[] set = java.util.Arrays.copyOf(order, ke);
                refits[ke - 1] = history.without(set);
                refits[k + ke - 1] = history.only(set);
            }
            float[][] scores = new float[2 * k][model.numItems()];
            model.scoreAllFolded(user, refits, scores);
            for (int ke = 1; ke <= k; ke++) {
                rank[ke - 1] = Rankings.rankOf(scores[ke - 1], item, history.indices());
                del[ke - 1] = scores[ke - 1][item];
                ins[ke - 1] = scores[k + ke - 1][item];
            }
        }
        return Optional.of(RemovalCurve.relative(rank, del, ins, original));
    }

    /** The item indices of an explanation's interaction attributions in removal order (see the class notes). */
    public static int[] removalOrder(Explanation e, boolean negative) {
        return ordered(e, negative).stream().mapToInt(Attribution::index).toArray();
    }

    /** The explanation's interaction attributions in removal order. */
    static List<Attribution> ordered(Explanation e, boolean negative) {
        List<Attribution> list = new ArrayList<>();
        for (Attribution a : e.attributions()) {
            if (a.kind() == Attribution.Kind.INTERACTION) {
                list.add(a);
            }
        }
        Comparator<Attribution> byWeight = Comparator.comparingDouble(Attribution::weight);
        list.sort((negative ? byWeight : byWeight.reversed()).thenComparingInt(Attribution::index));
        return list;
    }
}

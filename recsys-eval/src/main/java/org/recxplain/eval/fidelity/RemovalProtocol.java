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
        return curves(user, item, original, List.of(order), exact).get(0);
    }

    /**
     * The removal curves of several removal orders of one target ({@link #curve(int, int, double, int[],
     * ExactRemoval)} for each), with every fold-in refit without removed interactions in one call of
     * {@link FoldIn#scoreAllFolded(int, Row[], float[][])} (models that fit histories in batches fit them in
     * one pass); the refits with only the removed interactions score just the target
     * ({@link FoldIn#scoreFolded}).
     */
    public List<Optional<RemovalCurve>> curves(int user, int item, double original, List<int[]> orders,
                                               ExactRemoval exact) {
        return curves(user, item, original, orders, exact, new Row[0], new float[0][]);
    }

    /**
     * {@link #curves(int, int, double, List, ExactRemoval)}, and the folded-in scores of {@code extra}
     * histories of the same user into {@code extraScores} (one array of every item's score per history), in
     * the same batch of refits: for callers that need other refits of the target besides its curves.
     *
     * @throws IllegalArgumentException if {@code extraScores} does not have one array per extra history
     */
    public List<Optional<RemovalCurve>> curves(int user, int item, double original, List<int[]> orders,
                                               ExactRemoval exact, Row[] extra, float[][] extraScores) {
        if (extraScores.length != extra.length) {
            throw new IllegalArgumentException(extra.length + " extra histories but " + extraScores.length
                    + " score arrays");
        }
        Row history = model.data().interactions().userRow(user);
        int[] ks = new int[orders.size()];
        int total = 0;
        for (int c = 0; c < ks.length; c++) {
            ks[c] = orders.get(c).length == 0 || !(original > 0) ? 0 : Math.min(maxKe, orders.get(c).length);
            total += ks[c];
        }
        // per curve and Ke: the scores without the Ke first entries, and the target's score with only them
        float[][] without = new float[total][];
        double[] only = new double[total];
        float[] one = new float[1];
        Row[] refits = new Row[total + extra.length];
        for (int c = 0, at = 0; c < ks.length; c++) {
            for (int ke = 1; ke <= ks[c]; ke++, at++) {
                int[] set = java.util.Arrays.copyOf(orders.get(c), ke);
                without[at] = new float[model.numItems()];
                if (exact != null) {
                    exact.scoreAllWithout(without[at], set);
                } else {
                    refits[at] = history.without(set);
                }
                model.scoreFolded(user, history.only(set), new int[] {item}, one);
                only[at] = one[0];
            }
        }
        if (exact != null) {
            if (extra.length > 0) {
                model.scoreAllFolded(user, extra, extraScores);
            }
        } else {
            System.arraycopy(extra, 0, refits, total, extra.length);
            float[][] scores = new float[refits.length][];
            System.arraycopy(without, 0, scores, 0, total);
            System.arraycopy(extraScores, 0, scores, total, extra.length);
            model.scoreAllFolded(user, refits, scores);
        }
        List<Optional<RemovalCurve>> out = new ArrayList<>(ks.length);
        for (int c = 0, at = 0; c < ks.length; c++) {
            if (ks[c] == 0) {
                out.add(Optional.empty());
                continue;
            }
            int[] rank = new int[ks[c]];
            double[] del = new double[ks[c]];
            double[] ins = new double[ks[c]];
            for (int q = 0; q < ks[c]; q++, at++) {
                rank[q] = Rankings.rankOf(without[at], item, history.indices());
                del[q] = without[at][item];
                ins[q] = only[at];
            }
            out.add(Optional.of(RemovalCurve.relative(rank, del, ins, original)));
        }
        return out;
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

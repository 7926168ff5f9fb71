package org.recxplain.eval.metrics;

import java.util.Arrays;

/**
 * The removal curves of one explained target, the observation of {@link RemovalFidelity}: for
 * Ke = 1..K (index Ke−1 of each array), what happened to the explained item when the Ke most important
 * history items of the explanation were removed, or kept alone.
 *
 * <p>Fed with the least important items instead, the same record gives the NEG variants.
 *
 * @param newRank the explained item's 1-based rank after removing the top-Ke items (≥ 1)
 * @param del     the item's score after removing the top-Ke items, relative to its original score (DEL@Ke;
 *                lower is better for the explanation); see {@link #relative}
 * @param ins     the item's score when only the top-Ke items are kept, relative to its original score
 *                (INS@Ke; higher is better)
 */
public record RemovalCurve(int[] newRank, double[] del, double[] ins) {

    /**
     * Checks the components (and copies arrays).
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a rank is below 1 or a
     *                                  score is not finite
     */
    public RemovalCurve {
        if (newRank == null || del == null || ins == null) {
            throw new NullPointerException("removal curve arrays must not be null");
        }
        if (newRank.length == 0) {
            throw new IllegalArgumentException("a removal curve needs at least Ke = 1");
        }
        Checks.sameLength(newRank.length, del.length, "newRank and del");
        Checks.sameLength(newRank.length, ins.length, "newRank and ins");
        newRank = newRank.clone();
        for (int i = 0; i < newRank.length; i++) {
            if (newRank[i] < 1) {
                throw new IllegalArgumentException("newRank at Ke=" + (i + 1) + " must be >= 1, got " + newRank[i]);
            }
        }
        del = Checks.finite(del, "del");
        ins = Checks.finite(ins, "ins");
    }

    /**
     * A curve from raw scores, dividing each by the original score of the explained item.
     *
     * @param newRank           ranks after removing the top-Ke items
     * @param scoreAfterRemoval scores after removing the top-Ke items
     * @param scoreKeepingOnly  scores with only the top-Ke items kept
     * @param originalScore     the item's score with the full history; must be positive, as the ratios mean
     *                          nothing otherwise (transform scores first, for example by a sigmoid)
     * @throws IllegalArgumentException if {@code originalScore} is not a positive finite number, or as the
     *                                  constructor
     */
    public static RemovalCurve relative(int[] newRank, double[] scoreAfterRemoval, double[] scoreKeepingOnly,
                                        double originalScore) {
        if (!(originalScore > 0) || Double.isInfinite(originalScore)) {
            throw new IllegalArgumentException("original score must be positive and finite, got " + originalScore);
        }
        double[] del = scoreAfterRemoval.clone();
        double[] ins = scoreKeepingOnly.clone();
        for (int i = 0; i < del.length; i++) {
            del[i] /= originalScore;
        }
        for (int i = 0; i < ins.length; i++) {
            ins[i] /= originalScore;
        }
        return new RemovalCurve(newRank, del, ins);
    }

    /** K, the largest number of items removed. */
    public int length() {
        return newRank.length;
    }

    @Override
    public int[] newRank() {
        return newRank.clone();
    }

    @Override
    public double[] del() {
        return del.clone();
    }

    @Override
    public double[] ins() {
        return ins.clone();
    }

    /** The rank at 0-based index i, without copying. */
    int rankAt(int i) {
        return newRank[i];
    }

    double delAt(int i) {
        return del[i];
    }

    double insAt(int i) {
        return ins[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemovalCurve c && Arrays.equals(newRank, c.newRank) && Arrays.equals(del, c.del)
                && Arrays.equals(ins, c.ins);
    }

    @Override
    public int hashCode() {
        return (31 * Arrays.hashCode(newRank) + Arrays.hashCode(del)) * 31 + Arrays.hashCode(ins);
    }

    @Override
    public String toString() {
        return "RemovalCurve[newRank=" + Arrays.toString(newRank) + ", del=" + Arrays.toString(del) + ", ins="
                + Arrays.toString(ins) + "]";
    }
}

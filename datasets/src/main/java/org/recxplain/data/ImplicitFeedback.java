package org.recxplain.data;

import java.util.List;

/**
 * A documented rule that turns explicit ratings into implicit feedback: interactions whose value is at
 * least {@code threshold} are kept, all others are dropped; a kept interaction's value becomes 1 if
 * {@code binary}, and stays the rating otherwise. Timestamps are kept unchanged.
 *
 * <p>Implicit-feedback models do not read the kept value as a rating but as the strength of a preference:
 * the weighted ALS of {@code recsys-models} gives each observed pair the confidence
 * {@code c = 1 + alpha * value} (its own hyper-parameter {@code alpha}), and every unobserved pair the
 * confidence 1 with preference 0. So with {@code binary} every kept interaction weighs {@code 1 + alpha},
 * and without it a 5 weighs more than a 4. This rule does not apply {@code alpha}; the model does.
 *
 * <p>Nothing is dropped silently: {@link #apply(Dataset)} adds the number of dropped interactions to the
 * {@link LoadReport#rowsFiltered()} of the data set's report.
 *
 * <p>Thread-safety: an immutable value.
 *
 * @param threshold the least value kept ({@link Float#NEGATIVE_INFINITY} keeps everything); not NaN
 * @param binary    whether kept values become 1
 */
public record ImplicitFeedback(float threshold, boolean binary) {

    /** @throws IllegalArgumentException if {@code threshold} is NaN */
    public ImplicitFeedback {
        if (Float.isNaN(threshold)) {
            throw new IllegalArgumentException("implicit-feedback threshold must not be NaN");
        }
    }

    /** Keeps every interaction with its value: the identity rule. */
    public static ImplicitFeedback none() {
        return new ImplicitFeedback(Float.NEGATIVE_INFINITY, false);
    }

    /**
     * Keeps interactions with value {@code >= t}, as unary (binary) feedback with value 1: the usual
     * reading of "rated 4 or more means liked". For graded feedback use
     * {@code new ImplicitFeedback(t, false)}.
     *
     * @throws IllegalArgumentException if {@code t} is NaN
     */
    public static ImplicitFeedback atLeast(float t) {
        return new ImplicitFeedback(t, true);
    }

    /** Whether an interaction with this value is kept. */
    public boolean keeps(float value) {
        return value >= threshold;
    }

    /** The implicit value of a kept interaction: 1 if {@link #binary()}, else {@code value}. */
    public float valueOf(float value) {
        return binary ? 1f : value;
    }

    /**
     * The data set under this rule: same name, ID maps (so indices agree with the input), side features
     * and titles; interactions filtered and re-valued; the report's {@code rowsFiltered} increased by the
     * number of interactions dropped. Users and items left without interactions stay in the ID maps.
     * {@link #none()} returns {@code data} itself.
     */
    public Dataset apply(Dataset data) {
        if (this.equals(none())) {
            return data;
        }
        Interactions in = data.interactions();
        InteractionsBuilder b = InteractionsBuilder.over(in.users(), in.items());
        long dropped = 0;
        for (int u = 0; u < in.numUsers(); u++) {
            Row row = in.userRow(u);
            long[] ts = row.timestamps();
            for (int p = 0; p < row.size(); p++) {
                float v = row.values()[p];
                if (keeps(v)) {
                    b.add(u, row.indices()[p], valueOf(v), ts == null ? InteractionsBuilder.NO_TIME : ts[p]);
                } else {
                    dropped++;
                }
            }
        }
        LoadReport report = data.report().plus(new LoadReport(0, 0, 0, dropped, List.of()));
        return new Dataset(data.name(), b.build(), data.itemFeatures(), data.userFeatures(), data.itemTitles(),
                report);
    }
}

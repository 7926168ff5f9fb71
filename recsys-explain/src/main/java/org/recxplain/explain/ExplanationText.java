package org.recxplain.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders explanations as plain language for an analyst, for example:
 * <pre>
 * Recommended because you liked Toy Story (1995) and Aladdin (1992), which account for 62% of its score.
 * </pre>
 * Stateless and thread-safe. Numbers use a fixed locale, so output is the same on every machine.
 */
public final class ExplanationText {
    /** At most this many items are named in the sentence. */
    private static final int MAX_NAMED = 3;

    private ExplanationText() {
    }

    /**
     * The one-sentence summary. When the weights are shares of the score (they add up to it), it names the
     * fewest positive contributors (at most three) that together account for at least half of the score,
     * with their share, or, when three do not reach half, says that the whole history carries the score and
     * names the three strongest. For removal effects it names the interactions whose removal lowers the
     * score most; for other weights it names the strongest without a share. The counterfactual follows, if
     * any. "Not favoured by your history" is said only of a score that is not positive and whose weights
     * are its shares: a model whose score is a logit (NeuMF) ranks items with negative scores first.
     */
    public static String sentence(Explanation e) {
        StringBuilder sb = new StringBuilder();
        List<Attribution> attrs = e.attributions();
        double score = e.target().score();
        if (attrs.isEmpty()) {
            sb.append("No explanation: ").append(e.note().orElse("nothing to attribute the score to")).append('.');
        } else if (!(score > 0) && additive(e)) {
            // the weights are shares of a score that is not positive: nothing favours the item
            sb.append(String.format(Locale.ROOT, "Not favoured by your history: its score is %.3f.", score));
        } else {
            List<Attribution> positive = new ArrayList<>();
            for (Attribution a : attrs) {
                if (a.weight() > 0) {
                    positive.add(a);
                }
            }
            positive.sort((a, b) -> Double.compare(b.weight(), a.weight()));
            if (positive.isEmpty()) {
                sb.append(attrs.get(0).kind() == Attribution.Kind.FEATURE
                        ? "None of its features is credited with raising its score."
                        : "None of your past interactions is credited with a positive share of its score.");
            } else if (additive(e)) {
                namedReasons(sb, positive, attrs.size(), score);
            } else {
                List<String> names = new ArrayList<>();
                positive.stream().limit(MAX_NAMED).forEach(a -> names.add(a.label()));
                if (positive.get(0).effect().isPresent()) {
                    sb.append("Your past interactions with ").append(join(names)).append(" support it most: removing ")
                            .append(names.size() == 1 ? "it" : "any one of them").append(" would lower its score the most.");
                } else if (positive.get(0).kind() == Attribution.Kind.FEATURE) {
                    sb.append("Recommended mainly for ").append(join(names)).append('.');
                } else {
                    sb.append("Recommended because you liked ").append(join(names)).append('.');
                }
            }
        }
        if (e.counterfactual().isPresent()) {
            sb.append(' ').append(counterfactualSentence(e.counterfactual().get()));
        } else if (e.note().filter(n -> n.startsWith("no counterfactual")).isPresent()) {
            sb.append(" No small set of your past interactions displaces it (").append(e.note().get()).append(").");
        }
        return sb.toString();
    }

    /**
     * Whether the weights are shares of the score: they add up to it (1e-6 relative), as an exact
     * decomposition's do. Only then does the text speak of "% of its score".
     */
    static boolean additive(Explanation e) {
        double score = e.target().score();
        return score != 0 && Math.abs(e.totalWeight() - score) <= 1e-6 * Math.abs(score);
    }

    /** The sentence naming the strongest positive reasons, {@code positive} sorted by descending weight. */
    private static void namedReasons(StringBuilder sb, List<Attribution> positive, int all, double score) {
        List<String> names = new ArrayList<>();
        double covered = 0;
        for (Attribution a : positive) {
            if (names.size() == MAX_NAMED || (!names.isEmpty() && covered >= 0.5 * score)) {
                break;
            }
            names.add(a.label());
            covered += a.weight();
        }
        boolean features = positive.get(0).kind() == Attribution.Kind.FEATURE;
        long share = Math.round(100 * covered / score);
        if (covered >= 0.5 * score) {
            sb.append(features ? "Recommended mainly for " : "Recommended because you liked ")
                    .append(join(names))
                    .append(names.size() == 1 ? ", which accounts for " : ", which account for ")
                    .append(share).append("% of its score.");
        } else {
            // no few reasons carry the score: say so rather than overstate the named ones
            sb.append("Recommended because of ").append(features ? "many of its features" : "your history as a whole")
                    .append(" (").append(all).append(features ? " features" : " past interactions")
                    .append(" contribute); the strongest ").append(names.size() == 1 ? "is " : "are ")
                    .append(join(names)).append(", with ").append(share).append("% of its score.");
        }
    }

    /** "If you had not interacted with A and B, this item would fall from #1 to #14, and C would take its place." */
    public static String counterfactualSentence(Counterfactual cf) {
        List<String> removed = new ArrayList<>();
        for (Attribution a : cf.removed()) {
            removed.add(a.label());
        }
        StringBuilder sb = new StringBuilder("If you had not interacted with ").append(join(removed))
                .append(", this item would fall from #").append(cf.originalRank()).append(" to #").append(cf.newRank());
        if (cf.replacementLabel() != null) {
            sb.append(", and ").append(cf.replacementLabel()).append(" would take its place");
        }
        sb.append(cf.verified() ? " (checked by refitting the model)." : " (not verified).");
        return sb.toString();
    }

    /**
     * The full rendering: a heading with the item and score, the sentence, and the {@code top} largest
     * attributions with their signed weight and share of the score ({@code top < 0}: all).
     */
    public static String render(Explanation e, int top) {
        Target t = e.target();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s for user %s (score %.4f; %s, %s)%n", t.itemLabel(), t.userId(),
                t.score(), e.provenance().modelId(), e.provenance().explainer()));
        sb.append("  ").append(sentence(e)).append(System.lineSeparator());
        boolean shares = additive(e) && t.score() > 0;
        for (Attribution a : e.top(top)) {
            String share = shares ? String.format(Locale.ROOT, "%4d%%", Math.round(100 * a.weight() / t.score()))
                    : "     ";
            sb.append(String.format(Locale.ROOT, "    %+.4f %s  %s%n", a.weight(), share, a.label()));
        }
        int hidden = e.attributions().size() - e.top(top).size();
        if (hidden > 0) {
            sb.append(String.format(Locale.ROOT, "    ... and %d more%n", hidden));
        }
        return sb.toString();
    }

    /** "A", "A and B", "A, B and C". */
    static String join(List<String> names) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}

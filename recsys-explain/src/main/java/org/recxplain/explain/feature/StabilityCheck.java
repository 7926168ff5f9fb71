package org.recxplain.explain.feature;

import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * How much a seeded explainer's top features change with its seed: the same (user, item) pairs are
 * explained with seeds 0..runs-1 and the top-k attribution IDs of every pair of runs are compared.
 *
 * <ul>
 *   <li>VSI, the variables stability index (Visani et al., JORS 2022): the mean over pairs of runs of the
 *       share of selected variables the two have in common, |A and B| / max(|A|, |B|); 1 when every run
 *       selects the same variables (Visani et al. report it in percent).</li>
 *   <li>Jaccard: the mean over pairs of runs of |A and B| / |A or B|.</li>
 * </ul>
 * Both are averaged over the explained pairs. Stateless and thread-safe.
 */
public final class StabilityCheck {
    private StabilityCheck() {
    }

    /**
     * Stability over seeds.
     *
     * @param vsi     mean VSI in [0, 1]
     * @param jaccard mean top-k Jaccard in [0, 1]
     * @param runs    seeds per pair
     * @param k       the top-k compared
     * @param pairs   explained (user, item) pairs
     */
    public record Stability(double vsi, double jaccard, int runs, int k, int pairs) {
    }

    /**
     * Explains every pair with {@code explainer.apply(seed)} for seeds 0..runs-1 and measures VSI and Jaccard
     * of the top-{@code k} attribution IDs.
     *
     * @throws IllegalArgumentException if the arrays differ in length or runs &lt; 2
     */
    public static Stability measure(LongFunction<? extends Explainer> explainer, int[] users, int[] items, int runs,
                                    int k) {
        Objects.requireNonNull(explainer, "explainer");
        if (users.length != items.length || runs < 2 || k < 1) {
            throw new IllegalArgumentException("need as many users as items, runs >= 2 and k >= 1; got "
                    + users.length + " users, " + items.length + " items, " + runs + " runs, k = " + k);
        }
        List<List<Set<String>>> selections = new ArrayList<>();
        for (int p = 0; p < users.length; p++) {
            selections.add(new ArrayList<>());
        }
        for (int r = 0; r < runs; r++) {
            Explainer e = explainer.apply(r);
            for (int p = 0; p < users.length; p++) {
                selections.get(p).add(topIds(e.explain(users[p], items[p]), k));
            }
        }
        double vsi = 0;
        double jaccard = 0;
        for (List<Set<String>> s : selections) {
            vsi += vsi(s);
            jaccard += jaccard(s);
        }
        return new Stability(vsi / users.length, jaccard / users.length, runs, k, users.length);
    }

    /** The IDs of the first k attributions. */
    public static Set<String> topIds(Explanation e, int k) {
        Set<String> ids = new HashSet<>();
        for (Attribution a : e.top(k)) {
            ids.add(a.id());
        }
        return ids;
    }

    /** The mean over pairs of runs of |A and B| / max(|A|, |B|) (1 when both are empty). */
    public static double vsi(List<Set<String>> runs) {
        return meanOverPairs(runs, (a, b, common) -> Math.max(a.size(), b.size()) == 0 ? 1
                : common / (double) Math.max(a.size(), b.size()));
    }

    /** The mean over pairs of runs of |A and B| / |A or B| (1 when both are empty). */
    public static double jaccard(List<Set<String>> runs) {
        return meanOverPairs(runs, (a, b, common) -> {
            int union = a.size() + b.size() - common;
            return union == 0 ? 1 : common / (double) union;
        });
    }

    private interface PairScore {
        double of(Set<String> a, Set<String> b, int common);
    }

    private static double meanOverPairs(List<Set<String>> runs, PairScore score) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                Set<String> both = new HashSet<>(runs.get(i));
                both.retainAll(runs.get(j));
                sum += score.of(runs.get(i), runs.get(j), both.size());
                pairs++;
            }
        }
        return pairs == 0 ? 1 : sum / pairs;
    }
}

package org.recxplain.cli;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.recxplain.explain.feature.FeatureInput;
import org.recxplain.model.FeatureRecommender;

import java.util.Locale;

/**
 * How many side features m the explained (user, item) inputs of a feature explainer have (the players of
 * {@link FeatureInput}): the stabilised LIME is exact only while m is small for its budget, and a top-5
 * comparison is trivial when m &le; 5.
 *
 * @param inputs       inputs counted
 * @param mean         mean m
 * @param min          smallest m
 * @param max          largest m
 * @param atMost5Share share of inputs with m &le; 5 (their top 5 is every feature)
 * @param atMost10Share share of inputs with m &le; 10
 */
record BenchFeatureCounts(int inputs, double mean, int min, int max, double atMost5Share, double atMost10Share) {

    /** Counts m of each input as it is added. Not thread-safe. */
    static final class Counter {
        private final IntArrayList counts = new IntArrayList();

        /** Adds the input (user, item) of {@code model}; returns its m. */
        int add(FeatureRecommender model, int user, int item) {
            int m = new FeatureInput(model, user, item).size();
            counts.add(m);
            return m;
        }

        /**
         * The summary.
         *
         * @throws IllegalStateException if nothing was added
         */
        BenchFeatureCounts summary() {
            if (counts.isEmpty()) {
                throw new IllegalStateException("no inputs counted");
            }
            int n = counts.size();
            long sum = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            int upTo5 = 0;
            int upTo10 = 0;
            for (int p = 0; p < n; p++) {
                int m = counts.getInt(p);
                sum += m;
                min = Math.min(min, m);
                max = Math.max(max, m);
                upTo5 += m <= 5 ? 1 : 0;
                upTo10 += m <= 10 ? 1 : 0;
            }
            return new BenchFeatureCounts(n, sum / (double) n, min, max, upTo5 / (double) n, upTo10 / (double) n);
        }
    }

    /** {@code features m per input: mean 37.2, min 4, max 179 (m <= 5: 10.0%, m <= 10: 20.0%)}. */
    String describe() {
        return String.format(Locale.ROOT, "features m per input: mean %.1f, min %d, max %d (m <= 5: %.1f%%, "
                + "m <= 10: %.1f%%)", mean, min, max, 100 * atMost5Share, 100 * atMost10Share);
    }
}

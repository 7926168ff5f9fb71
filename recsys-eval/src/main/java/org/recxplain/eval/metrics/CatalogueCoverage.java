package org.recxplain.eval.metrics;

import java.util.BitSet;
import java.util.Objects;

/**
 * Catalogue coverage at k: |⋃_u L_k(u)| / |I|, the number of distinct items in any user's top-k list over
 * the catalogue size (also called aggregate diversity; see Adomavicius and Kwon, IEEE TKDE 2012). The
 * observation is one user's ranked list (item indices, best first; cut at k). The accumulator keeps the
 * set of items seen (a bit set), and merging is set union, so it is exact in any order.
 *
 * @param catalogueSize the number of items; every index must be below it
 * @param k             the cutoff, at least 1
 */
public record CatalogueCoverage(int catalogueSize, int k) implements Metric<int[], Coverage> {

    public CatalogueCoverage {
        Checks.positive(catalogueSize, "catalogue size");
        Checks.positive(k, "cutoff k");
    }

    @Override
    public String name() {
        return "Coverage@" + k;
    }

    @Override
    public Accumulator<int[], Coverage> newAccumulator() {
        return new Acc(this);
    }

    private static final class Acc extends AbstractAccumulator<int[], Coverage, Acc> {
        private final int catalogueSize;
        private final int k;
        private final BitSet seen = new BitSet();
        private long lists;

        Acc(CatalogueCoverage metric) {
            super(metric);
            this.catalogueSize = metric.catalogueSize;
            this.k = metric.k;
        }

        /**
         * @throws IllegalArgumentException if an index in the top k is negative or not below the catalogue
         *                                  size (nothing is added then)
         */
        @Override
        public void add(int[] ranked) {
            Objects.requireNonNull(ranked, "ranked list");
            int depth = Math.min(k, ranked.length);
            for (int i = 0; i < depth; i++) {
                if (ranked[i] < 0 || ranked[i] >= catalogueSize) {
                    throw new IllegalArgumentException("item index " + ranked[i] + " at position " + (i + 1)
                            + " is outside the catalogue [0, " + catalogueSize + ")");
                }
            }
            for (int i = 0; i < depth; i++) {
                seen.set(ranked[i]);
            }
            lists++;
        }

        @Override
        void mergeSame(Acc other) {
            seen.or(other.seen);
            lists += other.lists;
        }

        @Override
        public Coverage result() {
            int distinct = seen.cardinality();
            return new Coverage(distinct, catalogueSize, lists, (double) distinct / catalogueSize);
        }
    }
}

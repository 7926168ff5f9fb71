package org.recxplain.eval.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The merge-equals-sequential property, checked over random shuffles, partitions and merge orders. */
final class MergeChecks {
    private MergeChecks() {
    }

    /**
     * Asserts that, for {@code trials} random shuffles of {@code observations}, random partitions into 1..9
     * parts (some possibly empty) and random merge trees, the merged result equals (record equality, so
     * bit for bit on doubles) the result of adding everything in the given order to one accumulator.
     *
     * @return the sequential result, for further checks
     */
    static <I, R> R assertMergeInvariant(Metric<I, R> metric, List<I> observations, long seed, int trials) {
        Accumulator<I, R> sequential = metric.newAccumulator();
        observations.forEach(sequential::add);
        R expected = sequential.result();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int t = 0; t < trials; t++) {
            List<I> shuffled = new ArrayList<>(observations);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                I tmp = shuffled.get(i);
                shuffled.set(i, shuffled.get(j));
                shuffled.set(j, tmp);
            }
            int parts = 1 + rnd.nextInt(9);
            List<Accumulator<I, R>> accs = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                accs.add(metric.newAccumulator());
            }
            for (I o : shuffled) {
                accs.get(rnd.nextInt(parts)).add(o);
            }
            // merge random pairs until one is left (a random merge tree)
            while (accs.size() > 1) {
                Accumulator<I, R> a = accs.remove(rnd.nextInt(accs.size()));
                Accumulator<I, R> b = accs.remove(rnd.nextInt(accs.size()));
                a.merge(b);
                accs.add(a);
            }
            assertEquals(expected, accs.get(0).result(),
                    "trial " + t + ": " + parts + " parts merged differ from the sequential result");
        }
        assertEquals(expected, observations.parallelStream().collect(metric.collector()), "parallel collector");
        return expected;
    }
}

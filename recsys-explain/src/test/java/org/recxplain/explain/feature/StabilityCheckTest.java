package org.recxplain.explain.feature;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class StabilityCheckTest {
    @Test
    void vsiAndJaccardOfKnownSelections() {
        List<Set<String>> same = List.of(Set.of("a", "b"), Set.of("a", "b"), Set.of("b", "a"));
        assertEquals(1, StabilityCheck.vsi(same));
        assertEquals(1, StabilityCheck.jaccard(same));
        // pairs: {ab, ac}: 1 common of 2 -> VSI 1/2, Jaccard 1/3; {ab, cd}: 0; {ac, cd}: 1/2 and 1/3
        List<Set<String>> runs = List.of(Set.of("a", "b"), Set.of("a", "c"), Set.of("c", "d"));
        assertEquals((0.5 + 0 + 0.5) / 3, StabilityCheck.vsi(runs), 1e-15);
        assertEquals((1 / 3.0 + 0 + 1 / 3.0) / 3, StabilityCheck.jaccard(runs), 1e-15);
        assertEquals(1, StabilityCheck.jaccard(List.of(Set.of(), Set.of())));
    }

    @Test
    void aDeterministicExplainerIsPerfectlyStableAndARandomOneIsNot() {
        var data = FeatureFixtures.planted(3, 50, 40, 3, false);
        var pop = org.recxplain.model.Popularity.train(data.train());
        int[] users = {0, 1, 2};
        int[] items = {5, 6, 7};
        StabilityCheck.Stability fixed = StabilityCheck.measure(
                seed -> new org.recxplain.explain.baseline.PopularityExplainer(pop), users, items, 4, 3);
        assertEquals(1, fixed.vsi());
        assertEquals(1, fixed.jaccard());
        StabilityCheck.Stability random = StabilityCheck.measure(
                seed -> new org.recxplain.explain.baseline.RandomExplainer(pop, seed), users, items, 4, 3);
        assertTrue(random.jaccard() < 0.9 && random.vsi() < 0.9, random.toString());
        assertTrue(random.jaccard() <= random.vsi());
        assertThrows(IllegalArgumentException.class, () -> StabilityCheck.measure(
                seed -> new org.recxplain.explain.baseline.PopularityExplainer(pop), users, items, 1, 3));
    }
}

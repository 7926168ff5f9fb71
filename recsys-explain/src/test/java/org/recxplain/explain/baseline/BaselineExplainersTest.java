package org.recxplain.explain.baseline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explanation;
import org.recxplain.model.Popularity;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class BaselineExplainersTest {
    static Dataset data;
    static Popularity model;

    @BeforeAll
    static void setUp() {
        data = SyntheticData.small(8).generate().dataset();
        model = Popularity.train(data);
    }

    static Set<Integer> users(Interactions x, int item) {
        Set<Integer> s = new HashSet<>();
        for (int u : x.itemColumn(item).indices()) {
            s.add(u);
        }
        return s;
    }

    @Test
    void cosineMatchesBruteForce() {
        Interactions x = data.interactions();
        CosineNeighbourhoodExplainer cos = new CosineNeighbourhoodExplainer(model);
        for (int u = 0; u < 20; u++) {
            int item = (u * 13) % x.numItems();
            Explanation e = cos.explain(u, item);
            assertEquals(x.userDegree(u), e.attributions().size());
            for (Attribution a : e.attributions()) {
                Set<Integer> ui = users(x, item);
                Set<Integer> uj = users(x, a.index());
                Set<Integer> both = new HashSet<>(ui);
                both.retainAll(uj);
                double expected = both.size() / Math.sqrt(ui.size() * (double) uj.size());
                assertEquals(expected, a.weight(), 1e-12);
            }
        }
    }

    @Test
    void randomIsSeededAndOrderIndependent() {
        RandomExplainer r1 = new RandomExplainer(model, 7);
        RandomExplainer r2 = new RandomExplainer(model, 7);
        RandomExplainer r3 = new RandomExplainer(model, 8);
        Explanation a = r1.explain(5, 3).withoutTiming();
        r2.explain(9, 1);
        assertEquals(a, r2.explain(5, 3).withoutTiming());
        assertEquals(a.attributions(), r1.explain(5, new int[] {4, 3}).get(1).attributions());
        assertNotEquals(a.attributions(), r3.explain(5, 3).attributions());
    }

    @Test
    void popularityWeighsByItemDegree() {
        Interactions x = data.interactions();
        Explanation e = new PopularityExplainer(model).explain(2, 0);
        for (Attribution a : e.attributions()) {
            assertEquals(x.itemDegree(a.index()) / (double) x.numUsers(), a.weight(), 1e-15);
        }
        for (int p = 1; p < e.attributions().size(); p++) {
            assertTrue(e.attributions().get(p - 1).weight() >= e.attributions().get(p).weight());
        }
    }
}

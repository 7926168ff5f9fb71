package org.recxplain.explain.feature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.ExplanationJson;
import org.recxplain.model.als.ImplicitAls;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** KernelSHAP over the history of implicit ALS, against Shapley values by enumeration of fold-ins. */
class InteractionShapExplainerTest {
    static Dataset data;
    static ImplicitAls als;
    static int user;
    static int item;

    @BeforeAll
    static void setUp() {
        data = new SyntheticData(150, 100, 5, 2, 8, 0.1, 6).generate().dataset();
        als = ImplicitAls.train(data, ImplicitAls.Config.defaults().withFactors(8).withIterations(6).withAlpha(2)
                .withLambda(0.5).withThreads(1));
        user = -1;
        for (int u = 0; u < data.interactions().numUsers() && user < 0; u++) {
            int d = data.interactions().userDegree(u);
            if (d >= 7 && d <= 10) {
                user = u;
            }
        }
        assertTrue(user >= 0);
        item = als.recommend(user, 1).get(0).item();
    }

    /** Shapley values by their definition, from a fold-in of every subset of the history. */
    static double[] bruteForce(int u, int i) {
        Row h = data.interactions().userRow(u);
        int m = h.size();
        double[] v = new double[1 << m];
        for (int code = 0; code < v.length; code++) {
            int[] kept = new int[Integer.bitCount(code)];
            for (int p = 0, q = 0; p < m; p++) {
                if ((code >>> p & 1) != 0) {
                    kept[q++] = h.indices()[p];
                }
            }
            float[] out = new float[1];
            als.scoreFolded(u, h.only(kept), new int[] {i}, out);
            v[code] = out[0];
        }
        double[] phi = new double[m];
        double mFact = factorial(m);
        for (int code = 0; code < v.length; code++) {
            int s = Integer.bitCount(code);
            for (int p = 0; p < m; p++) {
                if ((code >>> p & 1) == 0) {
                    phi[p] += factorial(s) * factorial(m - s - 1) / mFact * (v[code | 1 << p] - v[code]);
                }
            }
        }
        return phi;
    }

    static double factorial(int n) {
        double f = 1;
        for (int k = 2; k <= n; k++) {
            f *= k;
        }
        return f;
    }

    @Test
    void exactAndKernelShapAgreeWithEnumeration() {
        double[] truth = bruteForce(user, item);
        InteractionShapExplainer all = new InteractionShapExplainer(als, 1 << truth.length, 1);
        assertArrayEquals(truth, all.exact(user, item).phi(), 1e-12);
        ShapResult r = all.explainWithValues(user, item);
        assertTrue(r.values().exact());
        assertArrayEquals(truth, r.values().phi(), 1e-9);
        // the attributions are the history items with their Shapley values
        Row h = data.interactions().userRow(user);
        assertEquals(h.size(), r.explanation().attributions().size());
        for (Attribution a : r.explanation().attributions()) {
            assertEquals(Attribution.Kind.INTERACTION, a.kind());
            assertEquals(truth[h.find(a.index())], a.weight(), 1e-9);
        }
    }

    @Test
    void efficiencyHoldsAndSamplingStaysClose() {
        double[] truth = bruteForce(user, item);
        double scale = java.util.Arrays.stream(truth).map(Math::abs).max().orElseThrow();
        InteractionShapExplainer sampled = new InteractionShapExplainer(als, 120, 4);
        ShapResult r = sampled.explainWithValues(user, item);
        KernelShap.ShapleyValues v = r.values();
        assertFalse(v.exact());
        // fold-in of the empty history gives a zero factor, so f(empty) = 0
        assertEquals(0, v.empty(), 0);
        assertEquals(als.score(user, item), v.full(), 1e-5);
        assertEquals(v.full() - v.empty(), r.explanation().totalWeight(), 1e-9);
        assertArrayEquals(truth, v.phi(), 0.1 * scale);
    }

    @Test
    void sameSeedSameBytesAndEmptyHistories() {
        Explanation a = new InteractionShapExplainer(als, 60, 3).explain(user, item).withoutTiming();
        Explanation b = new InteractionShapExplainer(als, 60, 3).explain(user, item).withoutTiming();
        assertEquals(a, b);
        assertEquals(ExplanationJson.toJson(List.of(a), -1), ExplanationJson.toJson(List.of(b), -1));
        // every synthetic user has interactions; remove one user's whole history to get an empty one
        Row h = data.interactions().userRow(0);
        Dataset cut = data.withInteractions(data.interactions().without(0, h.indices()));
        ImplicitAls coldAls = ImplicitAls.train(cut, als.config());
        Explanation cold = new InteractionShapExplainer(coldAls, 60, 3).explain(0, 1);
        assertTrue(cold.attributions().isEmpty());
        assertEquals(org.recxplain.explain.Explanations.NO_HISTORY, cold.note().orElseThrow());
    }

    @Test
    void closedFormAlsCoalitionsEqualFoldIns() {
        // few factors and a long history, so that coalitions use both the Woodbury path (r <= k) and the
        // direct one (r > k)
        ImplicitAls als = ImplicitAls.train(data, InteractionShapExplainerTest.als.config().withFactors(3));
        int heavy = 0;
        for (int u = 0; u < data.interactions().numUsers(); u++) {
            if (data.interactions().userDegree(u) > data.interactions().userDegree(heavy)) {
                heavy = u;
            }
        }
        assertTrue(data.interactions().userDegree(heavy) > 2 * als.factors());
        org.recxplain.model.FoldIn blackBox = new org.recxplain.model.FoldIn() {
            @Override
            public org.recxplain.model.ModelInfo info() {
                return als.info();
            }

            @Override
            public Dataset data() {
                return als.data();
            }

            @Override
            public void scoreAll(int u, float[] out) {
                als.scoreAll(u, out);
            }

            @Override
            public void scoreAllFolded(int u, Row history, float[] out) {
                als.scoreAllFolded(u, history, out);
            }

            @Override
            public void scoreFolded(int u, Row history, int[] items, float[] out) {
                als.scoreFolded(u, history, items, out);
            }
        };
        int target = als.recommend(heavy, 1).get(0).item();
        InteractionShapExplainer fast = new InteractionShapExplainer(als, 400, 5);
        InteractionShapExplainer slow = new InteractionShapExplainer(blackBox, 400, 5);
        assertTrue(fast.closedForm());
        assertFalse(slow.closedForm());
        KernelShap.ShapleyValues a = fast.explainWithValues(heavy, target).values();
        KernelShap.ShapleyValues b = slow.explainWithValues(heavy, target).values();
        assertEquals(b.full(), a.full(), 1e-6);
        assertEquals(b.empty(), a.empty(), 1e-6);
        assertArrayEquals(b.phi(), a.phi(), 1e-4 * Math.abs(b.full()));
    }
}

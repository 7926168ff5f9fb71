package org.recxplain.explain.feature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.LoadReport;
import org.recxplain.data.SideFeatures;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.ExplanationJson;
import org.recxplain.model.fm.FactorizationMachine;
import org.recxplain.model.fm.FmDecomposition;
import org.recxplain.model.fm.InputLayout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** LIME and SHAP over the side features of a factorisation machine, against its exact decomposition. */
class FeatureExplainersTest {
    static final FactorizationMachine.Config FM = FactorizationMachine.Config.defaults().withFactors(8)
            .withEpochs(10).withRegularization(0.01);

    static FeatureFixtures.Planted data;
    static FactorizationMachine fm;
    /** 20 users and their top-1 items. */
    static int[] users;
    static int[] items;

    @BeforeAll
    static void setUp() {
        data = FeatureFixtures.planted(1, 400, 150, 3, true);
        fm = FactorizationMachine.train(data.train(), FM);
        users = new int[20];
        items = new int[20];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
            items[u] = fm.recommend(u, 1).get(0).item();
        }
    }

    /** The FM's exact contribution of each player of the input. */
    static double[] truth(FactorizationMachine fm, FeatureInput in, int user, int item) {
        FmDecomposition d = fm.decompose(user, item);
        double[] t = new double[in.size()];
        for (int p = 0; p < t.length; p++) {
            t[p] = d.contributionOf(input(fm.layout(), in, p));
        }
        return t;
    }

    static int input(InputLayout layout, FeatureInput in, int p) {
        return in.isUserFeature(p) ? layout.userFeatureInput(in.feature(p)) : layout.itemFeatureInput(in.feature(p));
    }

    /** The weight of each player in an explanation (0 if not reported). */
    static double[] weights(FeatureInput in, Explanation e) {
        double[] w = new double[in.size()];
        for (Attribution a : e.attributions()) {
            for (int p = 0; p < w.length; p++) {
                if (in.attribution(p, 0).id().equals(a.id())) {
                    w[p] = a.weight();
                }
            }
        }
        return w;
    }

    @Test
    void limeAndShapRankFeaturesLikeTheExactDecomposition() {
        FeatureLimeExplainer lime = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.defaults().withTopK(50), 1);
        FeatureShapExplainer shap = new FeatureShapExplainer(fm, 2048, 1);
        double limeRho = 0;
        double shapRho = 0;
        for (int q = 0; q < users.length; q++) {
            FeatureInput in = new FeatureInput(fm, users[q], items[q]);
            assertEquals(9, in.size(), "genre, 3 tags, noise, year and 3 user features");
            double[] truth = truth(fm, in, users[q], items[q]);
            LimeResult l = lime.explainWithDiagnostics(users[q], items[q]);
            assertEquals(9, l.explanation().attributions().size());
            limeRho += FeatureFixtures.spearman(weights(in, l.explanation()), truth);
            shapRho += FeatureFixtures.spearman(shap.explainWithValues(users[q], items[q]).values().phi(), truth);
            assertTrue(l.fidelityR2() > 0.5 && l.fidelityR2() <= 1, "R² " + l.fidelityR2());
        }
        assertTrue(limeRho / users.length >= 0.8, "mean Spearman of LIME " + limeRho / users.length);
        assertTrue(shapRho / users.length >= 0.8, "mean Spearman of SHAP " + shapRho / users.length);
    }

    @Test
    void shapEqualsTheClosedFormShapleyValuesOfTheMachine() {
        // for a second-order model with absent = 0, phi_f = w_f x_f + sum over always-on inputs g of
        // <v_f,v_g> x_f x_g + 1/2 sum over the other players g of <v_f,v_g> x_f x_g
        for (int q = 0; q < 5; q++) {
            int u = users[q];
            int i = items[q];
            FeatureInput in = new FeatureInput(fm, u, i);
            FmDecomposition d = fm.decompose(u, i);
            int[] inputs = d.inputs();
            double[] x = d.values();
            int m = in.size();
            double[] closed = new double[m];
            for (int p = 0; p < m; p++) {
                int f = input(fm.layout(), in, p);
                double xf = x[java.util.Arrays.binarySearch(inputs, f)];
                closed[p] = fm.linear(f) * xf;
                for (int t = 0; t < inputs.length; t++) {
                    int g = inputs[t];
                    if (g == f) {
                        continue;
                    }
                    InputLayout.Block block = fm.layout().block(g);
                    boolean player = block == InputLayout.Block.ITEM_FEATURE || block == InputLayout.Block.USER_FEATURE;
                    closed[p] += (player ? 0.5 : 1) * fm.pairwise(f, g) * xf * x[t];
                }
            }
            FeatureShapExplainer shap = new FeatureShapExplainer(fm, 1 << m, 3);
            KernelShap.ShapleyValues exact = shap.exact(u, i);
            ShapResult kernel = shap.explainWithValues(u, i);
            assertTrue(kernel.values().exact());
            // the game's values are float scores, hence the tolerance
            assertArrayEquals(closed, exact.phi(), 2e-5);
            assertArrayEquals(exact.phi(), kernel.values().phi(), 1e-9);
        }
    }

    @Test
    void shapIsEfficientAndCloseToExactWhenSampling() {
        for (int q = 0; q < 5; q++) {
            FeatureShapExplainer shap = new FeatureShapExplainer(fm, 100, 11);
            ShapResult r = shap.explainWithValues(users[q], items[q]);
            KernelShap.ShapleyValues v = r.values();
            assertFalse(v.exact());
            assertEquals(v.full() - v.empty(), r.explanation().totalWeight(), 1e-9);
            assertEquals(v.full() - v.empty(), v.sum(), 1e-9 * Math.abs(v.full()));
            assertEquals((float) fm.score(users[q], items[q]), r.explanation().target().score(), 0);
            double[] exact = shap.exact(users[q], items[q]).phi();
            double scale = java.util.Arrays.stream(exact).map(Math::abs).max().orElse(1);
            assertArrayEquals(exact, v.phi(), 0.05 * scale);
            assertTrue(r.explanation().note().orElseThrow().contains("sum to f(x) - f(empty)"));
        }
    }

    @Test
    void sameSeedGivesTheSameBytes() {
        List<Explainer> explainers = List.of(
                new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.defaults(), 5),
                new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable(), 5),
                new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable().withExhaustiveUpTo(0), 5),
                new FeatureShapExplainer(fm, 100, 5));
        List<Explainer> again = List.of(
                new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.defaults(), 5),
                new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable(), 5),
                new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable().withExhaustiveUpTo(0), 5),
                new FeatureShapExplainer(fm, 100, 5));
        for (int e = 0; e < explainers.size(); e++) {
            List<Explanation> a = new ArrayList<>();
            List<Explanation> b = new ArrayList<>();
            for (int q = 0; q < 4; q++) {
                a.add(explainers.get(e).explain(users[q], items[q]).withoutTiming());
            }
            // another order, and other pairs in between, must not matter
            for (int q = 3; q >= 0; q--) {
                again.get(e).explain(users[q + 5], items[q + 5]);
                b.add(0, again.get(e).explain(users[q], items[q]).withoutTiming());
            }
            assertEquals(a, b, explainers.get(e).name());
            assertEquals(ExplanationJson.toJson(a, -1), ExplanationJson.toJson(b, -1));
        }
        Explanation other = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.defaults(), 6)
                .explain(users[0], items[0]);
        assertNotEquals(explainers.get(0).explain(users[0], items[0]).attributions(), other.attributions());
    }

    @Test
    void stabilisedLimeAgreesAcrossSeedsBetterThanVanillaAtTheSameBudget() {
        // 9 features: every mask is scored when the budget covers all 511 of them, the emulator otherwise
        for (int budget : new int[] {200, 600}) {
            StabilityCheck.Stability vanilla = StabilityCheck.measure(seed -> new FeatureLimeExplainer(fm,
                    FeatureLimeExplainer.Config.defaults().withSamples(budget), seed), users, items, 10, 5);
            StabilityCheck.Stability stable = StabilityCheck.measure(seed -> new FeatureLimeExplainer(fm,
                    FeatureLimeExplainer.Config.stable().withSamples(budget), seed), users, items, 10, 5);
            LimeResult r = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable().withSamples(budget), 0)
                    .explainWithDiagnostics(users[0], items[0]);
            assertEquals(budget == 200 ? LimeResult.Design.EMULATED : LimeResult.Design.EXHAUSTIVE, r.design());
            assertTrue(r.samples() <= budget);
            assertEquals(1.0, stable.jaccard(), 1e-12);
            assertEquals(1.0, stable.vsi(), 1e-12);
            assertTrue(vanilla.jaccard() < 0.99, "vanilla " + vanilla);
        }
        // more features than are enumerated: the emulated balanced design
        FeatureFixtures.Planted wide = FeatureFixtures.planted(2, 300, 120, 8, true);
        FactorizationMachine wideFm = FactorizationMachine.train(wide.train(), FM);
        int[] us = new int[10];
        int[] is = new int[10];
        for (int u = 0; u < us.length; u++) {
            us[u] = u;
            is[u] = wideFm.recommend(u, 1).get(0).item();
        }
        assertEquals(14, new FeatureInput(wideFm, us[0], is[0]).size());
        LimeResult r = new FeatureLimeExplainer(wideFm, FeatureLimeExplainer.Config.stable().withSamples(200), 0)
                .explainWithDiagnostics(us[0], is[0]);
        assertEquals(LimeResult.Design.EMULATED, r.design());
        assertEquals(200, r.samples());
        StabilityCheck.Stability wideVanilla = StabilityCheck.measure(seed -> new FeatureLimeExplainer(wideFm,
                FeatureLimeExplainer.Config.defaults().withSamples(200), seed), us, is, 10, 5);
        StabilityCheck.Stability wideStable = StabilityCheck.measure(seed -> new FeatureLimeExplainer(wideFm,
                FeatureLimeExplainer.Config.stable().withSamples(200), seed), us, is, 10, 5);
        assertTrue(wideStable.jaccard() > wideVanilla.jaccard(), wideStable + " vs " + wideVanilla);
        assertTrue(wideStable.vsi() > wideVanilla.vsi(), wideStable + " vs " + wideVanilla);
    }

    @Test
    void stabilisedLimeWithASmallBudgetGrowsItsBalancedDesign() {
        // 14 samples: below the 10 knock-outs plus an emulator of two players (5), so no screening
        FeatureLimeExplainer small = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable().withSamples(14)
                .withExhaustiveUpTo(0), 2);
        LimeResult r = small.explainWithDiagnostics(users[0], items[0]);
        assertEquals(LimeResult.Design.BALANCED, r.design());
        assertTrue(r.samples() <= 14, "samples " + r.samples());
        assertEquals(9, r.explanation().attributions().size());
    }

    @Test
    void fidelityIsReportedInTheNoteAndTheResult() {
        LimeResult r = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.defaults(), 1)
                .explainWithDiagnostics(users[1], items[1]);
        assertEquals(LimeResult.Design.RANDOM, r.design());
        assertEquals(1000, r.samples());
        assertEquals(200, r.heldOut());
        String note = r.explanation().note().orElseThrow();
        assertTrue(note.startsWith(String.format(java.util.Locale.ROOT, "local fidelity R² = %.3f on 200 held-out",
                r.fidelityR2())), note);
        LimeResult ex = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable(), 1)
                .explainWithDiagnostics(users[1], items[1]);
        // the emulated and the exhaustive surrogate are the same (the machine is second order)
        LimeResult em = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable().withExhaustiveUpTo(0), 1)
                .explainWithDiagnostics(users[1], items[1]);
        assertEquals(LimeResult.Design.EMULATED, em.design());
        for (int a = 0; a < 9; a++) {
            assertEquals(ex.explanation().attributions().get(a).id(), em.explanation().attributions().get(a).id());
            assertEquals(ex.explanation().attributions().get(a).weight(), em.explanation().attributions().get(a).weight(),
                    1e-4);
        }
        assertEquals(LimeResult.Design.EXHAUSTIVE, ex.design());
        assertEquals((1 << 9) - 1, ex.samples());
        assertTrue(ex.explanation().note().orElseThrow().contains("over all 511 perturbations"));
        assertEquals("lime-stable", ex.explanation().provenance().explainer());
        assertEquals("stable", ex.explanation().provenance().config().get("sampling"));
    }

    @Test
    void attributionsNameItemAndUserFeatures() {
        Explanation e = new FeatureShapExplainer(fm, 600, 1).explain(users[2], items[2]);
        assertEquals(9, e.attributions().size());
        boolean genre = false;
        boolean fav = false;
        for (Attribution a : e.attributions()) {
            assertEquals(Attribution.Kind.FEATURE, a.kind());
            if (a.id().startsWith("genre=g")) {
                genre = true;
                assertEquals(data.train().itemFeatures().dictionary().index(a.id()), a.index());
                assertEquals(a.id().replace('=', ' '), a.label());
            }
            if (a.id().startsWith("user:fav=g")) {
                fav = true;
                assertEquals(data.train().userFeatures().dictionary().index(a.id().substring(5)), a.index());
                assertTrue(a.label().startsWith("your fav g"), a.label());
            }
            if (a.id().equals("year")) {
                assertTrue(a.label().matches("year (19|20)\\d\\d"), a.label());
            }
            if (a.id().equals("user:age")) {
                assertTrue(a.label().matches("your age \\d\\d"), a.label());
            }
        }
        assertTrue(genre && fav);
        // ranks by magnitude
        for (int p = 1; p < e.attributions().size(); p++) {
            assertTrue(Math.abs(e.attributions().get(p - 1).weight()) >= Math.abs(e.attributions().get(p).weight()));
        }
    }

    @Test
    void inputsWithoutFeaturesGetAnEmptyExplanationWithANote() {
        InteractionsBuilder b = new InteractionsBuilder();
        for (int u = 0; u < 6; u++) {
            b.add(u, u % 3, 1f, u);
            b.add(u, 3 + u % 2, 1f, u + 10);
        }
        var x = b.build();
        SideFeatures.Builder f = new SideFeatures.Builder();
        f.add(0, "genre", FeatureKind.MULTI_VALUED, "a");
        Dataset d = new Dataset("tiny", x, f.build(5), SideFeatures.none(6), x.items().ids(), LoadReport.EMPTY);
        FactorizationMachine tiny = FactorizationMachine.train(d, FM.withFactors(2).withEpochs(2));
        for (Explainer e : List.of(new FeatureLimeExplainer(tiny, FeatureLimeExplainer.Config.defaults(), 1),
                new FeatureShapExplainer(tiny, 10, 1))) {
            Explanation none = e.explain(0, 4);
            assertTrue(none.attributions().isEmpty());
            assertEquals("the item and the user have no side features", none.note().orElseThrow());
            assertEquals((float) tiny.score(0, 4), none.target().score(), 0);
            assertEquals(1, e.explain(0, 0).attributions().size());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> new FeatureShapExplainer(tiny, 10, 1).explain(0, 5));
    }
}

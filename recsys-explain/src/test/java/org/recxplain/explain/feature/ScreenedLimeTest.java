package org.recxplain.explain.feature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Sampling;
import org.recxplain.data.SideFeatures;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.explain.ExplanationJson;
import org.recxplain.model.fm.FactorizationMachine;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Stabilised LIME on inputs with many more features than its budget's emulator covers: knock-out screening. */
class ScreenedLimeTest {
    static FactorizationMachine fm;
    static int[] users;
    static int[] items;

    @BeforeAll
    static void setUp() {
        // every item: its planted genre and 58 of 90 noise tags (multi-valued), a year; 60 features in all
        int ni = 120;
        SyntheticData.Planted truth = new SyntheticData(300, ni, 6, 2, 12, 0.1, 5).generate();
        SplittableRandom rnd = new SplittableRandom(11);
        SideFeatures.Builder f = new SideFeatures.Builder();
        for (int i = 0; i < ni; i++) {
            f.add(i, "genre", FeatureKind.MULTI_VALUED, "g" + truth.itemGenre()[i]);
            int[] perm = Sampling.permutation(90, rnd);
            for (int t = 0; t < 58; t++) {
                f.add(i, "tag", FeatureKind.MULTI_VALUED, "t" + perm[t]);
            }
            f.addNumeric(i, "year", 1950 + rnd.nextInt(70));
        }
        Dataset base = truth.dataset();
        Dataset data = new Dataset("many-features", base.interactions(), f.build(ni), SideFeatures.none(300),
                base.itemTitles(), base.report());
        fm = FactorizationMachine.train(data, FeatureExplainersTest.FM);
        users = new int[5];
        items = new int[5];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
            items[u] = fm.recommend(u, 1).get(0).item();
        }
    }

    @Test
    void screenedLimeIsTheSameForEverySeedWhereVanillaIsNot() {
        FeatureLimeExplainer.Config stable = FeatureLimeExplainer.Config.stable();
        LimeResult r = new FeatureLimeExplainer(fm, stable, 0).explainWithDiagnostics(users[0], items[0]);
        assertEquals(60, new FeatureInput(fm, users[0], items[0]).size());
        assertEquals(LimeResult.Design.SCREENED, r.design());
        assertEquals(1000, r.samples(), "61 knock-outs and the emulator's design");
        assertEquals(38, FeatureLimeExplainer.screenedPlayers(60, 1000));
        assertTrue(r.explanation().note().orElseThrow().contains("the 38 of 60 features"), r.explanation().note().get());
        assertEquals("knock-out", r.explanation().provenance().config().get("screening"));
        StabilityCheck.Stability s = StabilityCheck.measure(seed -> new FeatureLimeExplainer(fm, stable, seed),
                users, items, 10, 5);
        StabilityCheck.Stability v = StabilityCheck.measure(seed -> new FeatureLimeExplainer(fm,
                FeatureLimeExplainer.Config.defaults(), seed), users, items, 10, 5);
        assertEquals(1.0, s.vsi(), 1e-12);
        assertEquals(1.0, s.jaccard(), 1e-12);
        assertTrue(v.jaccard() < 0.99, "vanilla " + v);
        // weights equal for every seed, not just the selected features
        for (int seed = 1; seed < 4; seed++) {
            assertEquals(r.explanation().attributions(), new FeatureLimeExplainer(fm, stable, seed)
                    .explain(users[0], items[0]).attributions());
        }
        // the same seed gives the same bytes
        assertEquals(ExplanationJson.toJson(List.of(r.explanation().withoutTiming()), -1),
                ExplanationJson.toJson(List.of(new FeatureLimeExplainer(fm, stable, 0).explain(users[0], items[0])
                        .withoutTiming()), -1));
    }

    @Test
    void screenedLimeRanksTheMachinesTopFeaturesAndIsFaithful() {
        FeatureLimeExplainer lime = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable().withTopK(60), 3);
        FeatureLimeExplainer vanilla = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.defaults().withTopK(60),
                3);
        double rho = 0;
        double vanillaRho = 0;
        double topHits = 0;
        double r2 = 0;
        for (int q = 0; q < users.length; q++) {
            FeatureInput in = new FeatureInput(fm, users[q], items[q]);
            double[] truth = FeatureExplainersTest.truth(fm, in, users[q], items[q]);
            LimeResult l = lime.explainWithDiagnostics(users[q], items[q]);
            assertEquals(38, l.explanation().attributions().size());
            double[] w = FeatureExplainersTest.weights(in, l.explanation());
            // ranks among the explained (kept) features; the true top 5 must all have been kept
            int[] kept = java.util.stream.IntStream.range(0, 60).filter(p -> w[p] != 0).toArray();
            rho += FeatureFixtures.spearman(Arrays.stream(kept).mapToDouble(p -> w[p]).toArray(),
                    Arrays.stream(kept).mapToDouble(p -> truth[p]).toArray());
            double[] v = FeatureExplainersTest.weights(in, vanilla.explain(users[q], items[q]));
            vanillaRho += FeatureFixtures.spearman(Arrays.stream(kept).mapToDouble(p -> v[p]).toArray(),
                    Arrays.stream(kept).mapToDouble(p -> truth[p]).toArray());
            int[] trueTop = Surrogates.top(truth, WeightedLeastSquares.allColumns(60), 5);
            for (int p : trueTop) {
                if (w[p] != 0) {
                    topHits++;
                }
            }
            r2 += l.fidelityR2();
        }
        rho /= users.length;
        vanillaRho /= users.length;
        r2 /= users.length;
        System.out.printf("vanilla Spearman %.3f; screened LIME: mean Spearman %.3f, true top-5 kept %.3f, held-out R² %.3f%n", vanillaRho, rho,
                topHits / (5.0 * users.length), r2);
        // among 38 explained features most FM contributions are near zero, so ranks are noisier than on the
        // 9-feature inputs of FeatureExplainersTest (0.8 there); vanilla LIME at the same budget: about 0.26
        assertTrue(rho >= 0.65 && rho > vanillaRho + 0.2, "mean Spearman " + rho + ", vanilla " + vanillaRho);
        assertTrue(topHits / (5.0 * users.length) >= 0.9, "true top-5 kept " + topHits);
        assertTrue(r2 > 0.5 && r2 <= 1, "R² " + r2);
    }

    @Test
    void belowTheKnockOutBudgetItFallsBackToTheBalancedDesign() {
        assertEquals(0, FeatureLimeExplainer.screenedPlayers(60, 60));
        assertEquals(0, FeatureLimeExplainer.screenedPlayers(60, 61 + 4), "one player is no emulator");
        assertEquals(2, FeatureLimeExplainer.screenedPlayers(60, 61 + 5));
        LimeResult r = new FeatureLimeExplainer(fm, FeatureLimeExplainer.Config.stable().withSamples(60), 0)
                .explainWithDiagnostics(users[0], items[0]);
        assertEquals(LimeResult.Design.BALANCED, r.design());
        assertTrue(r.samples() <= 60);
    }
}

package org.recxplain.model.fm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.LoadReport;
import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.Popularity;
import org.recxplain.model.Recommender;
import org.recxplain.model.testing.Holdout;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class FactorizationMachineTest {
    static final FactorizationMachine.Config SMALL = FactorizationMachine.Config.defaults().withFactors(16)
            .withEpochs(25);

    static Dataset train;
    static Interactions test;
    static FactorizationMachine bpr;

    @BeforeAll
    static void setUp() {
        Dataset data = SyntheticData.small(3).generate().dataset();
        Holdout.Parts split = Holdout.leaveLastOut(data);
        train = split.train();
        test = split.test().interactions();
        bpr = FactorizationMachine.train(train, SMALL);
    }
    @Test
    void bprBeatsPopularityOnPlantedData() {
        double fm = Holdout.hitRate(bpr, test, 10);
        double pop = Holdout.hitRate(Popularity.train(train), test, 10);
        assertTrue(fm > 1.3 * pop, "fm HR@10 " + fm + " vs popularity " + pop);
    }

    @Test
    void squaredLossBeatsPopularityToo() {
        FactorizationMachine sq = FactorizationMachine.train(train, SMALL.withLoss(FactorizationMachine.Loss.SQUARED)
                .withLearningRate(0.02).withEpochs(15));
        double fm = Holdout.hitRate(sq, test, 10);
        double pop = Holdout.hitRate(Popularity.train(train), test, 10);
        assertTrue(fm > 1.3 * pop, "fm HR@10 " + fm + " vs popularity " + pop);
    }

    /** The score from the definition: w0 + sum w x + sum_{f<g} <v_f, v_g> x_f x_g, in O(n^2). */
    static double bruteForce(FactorizationMachine fm, FmDecomposition d) {
        int[] in = d.inputs();
        double[] x = d.values();
        double s = fm.bias();
        for (int a = 0; a < in.length; a++) {
            s += fm.linear(in[a]) * x[a];
            for (int b = a + 1; b < in.length; b++) {
                s += fm.pairwise(in[a], in[b]) * x[a] * x[b];
            }
        }
        return s;
    }

    @Test
    void decompositionSumsToTheScoreExactly() {
        float[] all = new float[bpr.numItems()];
        for (int u = 0; u < 30; u++) {
            bpr.scoreAll(u, all);
            for (int i = 0; i < bpr.numItems(); i += 7) {
                FmDecomposition d = bpr.decompose(u, i);
                double score = bpr.score(u, i);
                assertEquals(score, d.score(), 1e-9 * Math.max(1, Math.abs(score)));
                assertEquals(score, bruteForce(bpr, d), 1e-9 * Math.max(1, Math.abs(score)));
                assertEquals((float) score, all[i]);
                double sum = 0;
                for (double c : d.contributions()) {
                    sum += c;
                }
                assertEquals(score - bpr.bias(), sum, 1e-9 * Math.max(1, Math.abs(score)));
                // each contribution matches its definition
                int[] in = d.inputs();
                double[] x = d.values();
                for (int a = 0; a < in.length; a++) {
                    double c = bpr.linear(in[a]) * x[a];
                    for (int b = 0; b < in.length; b++) {
                        if (b != a) {
                            c += 0.5 * bpr.pairwise(in[a], in[b]) * x[a] * x[b];
                        }
                    }
                    assertEquals(c, d.contributions()[a], 1e-12);
                }
            }
        }
    }

    @Test
    void scoringWithOwnFeatureRowsEqualsScoreAll() {
        int n = bpr.numItems();
        int[] items = new int[n];
        Row[] rows = new Row[n];
        for (int i = 0; i < n; i++) {
            items[i] = i;
            rows[i] = train.itemFeatures().of(i);
        }
        float[] out = new float[n];
        float[] all = new float[n];
        for (int u = 0; u < 10; u++) {
            bpr.scoreWithFeatures(u, train.userFeatures().of(u), items, rows, out);
            bpr.scoreAll(u, all);
            assertArrayEquals(all, out);
        }
    }

    @Test
    void removingAFeatureChangesTheScoreByTheDecompositionOfTheReducedInput() {
        int u = 4;
        int i = 11;
        Row own = train.itemFeatures().of(i);
        Row none = own.only();
        float[] out = new float[2];
        bpr.scoreWithFeatures(u, train.userFeatures().of(u), new int[] {i, i}, new Row[] {own, none}, out);
        assertEquals(bpr.decompose(u, i).score(), out[0], 1e-5);
        assertEquals(bpr.decompose(u, train.userFeatures().of(u), i, none).score(), out[1], 1e-5);
        assertNotEquals(out[0], out[1]);
    }

    @Test
    void sameSeedSameParametersOtherSeedOtherParameters() {
        FactorizationMachine again = FactorizationMachine.train(train, SMALL);
        assertEquals(bpr.info(), again.info());
        float[] a = new float[bpr.numItems()];
        float[] b = new float[bpr.numItems()];
        for (int u = 0; u < train.interactions().numUsers(); u += 17) {
            bpr.scoreAll(u, a);
            again.scoreAll(u, b);
            assertArrayEquals(a, b);
        }
        for (int f = 0; f < bpr.layout().size(); f += 13) {
            assertArrayEquals(bpr.factor(f), again.factor(f));
        }
        FactorizationMachine other = FactorizationMachine.train(train, SMALL.withSeed(7));
        assertNotEquals(bpr.info().fingerprint(), other.info().fingerprint());
    }

    @Test
    void userFeaturesAndNumericScaling() {
        // 40 users, 30 items: users with age >= 40 like items 0..14, younger ones items 15..29
        InteractionsBuilder b = new InteractionsBuilder();
        SideFeatures.Builder uf = new SideFeatures.Builder();
        SideFeatures.Builder itf = new SideFeatures.Builder();
        SplittableRandom rnd = new SplittableRandom(5);
        int nu = 40;
        int ni = 30;
        for (int u = 0; u < nu; u++) {
            float age = 20 + 2 * u;
            uf.addNumeric(u, "age", age);
            uf.add(u, "gender", FeatureKind.CATEGORICAL, u % 2 == 0 ? "F" : "M");
            int lo = age >= 40 ? 0 : 15;
            for (int e = 0; e < 6; e++) {
                b.add(u, lo + rnd.nextInt(15), 1f, e);
            }
        }
        for (int i = 0; i < ni; i++) {
            itf.add(i, "kind", FeatureKind.CATEGORICAL, i < 15 ? "classic" : "new");
        }
        var x = b.build();
        Dataset data = new Dataset("hand", x, itf.build(ni), uf.build(nu), x.items().ids(), LoadReport.EMPTY);
        FactorizationMachine fm = FactorizationMachine.train(data, SMALL.withFactors(4).withEpochs(40));
        FeatureScaling us = fm.userScaling();
        int age = data.userFeatures().dictionary().index("age");
        assertTrue(us.isNumeric(age));
        assertEquals(20 + 39.0, us.mean(age), 1e-9);
        int ageInput = fm.layout().userFeatureInput(age);
        assertEquals(InputLayout.Block.USER_FEATURE, fm.layout().block(ageInput));
        assertEquals("user:age", fm.inputName(ageInput));
        FmDecomposition d = fm.decompose(0, 3);
        assertTrue(d.contributionOf(ageInput) != 0);
        int p = Arrays.binarySearch(d.inputs(), ageInput);
        assertEquals((20 - 59.0) / us.sd(age), d.values()[p], 1e-9);
        assertEquals(fm.score(0, 3), d.score(), 1e-9);
        // a user's age drives the ranking: an older user prefers the classics
        float[] s = new float[ni];
        fm.scoreAll(35, s);
        double classic = 0;
        double fresh = 0;
        for (int i = 0; i < ni; i++) {
            if (i < 15) {
                classic += s[i];
            } else {
                fresh += s[i];
            }
        }
        assertTrue(classic > fresh);
        // scoring a user with a changed age goes through the user part
        float[] out = new float[1];
        Row older = new Row(new int[] {age}, new float[] {80f}, null);
        fm.scoreWithFeatures(0, older, new int[] {3}, new Row[] {data.itemFeatures().of(3)}, out);
        assertEquals(fm.decompose(0, older, 3, data.itemFeatures().of(3)).score(), out[0], 1e-5);
    }

    @Test
    void unknownFeatureIndexIsReported() {
        Row bad = new Row(new int[] {999}, new float[] {1f}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bpr.scoreWithFeatures(0,
                Row.EMPTY, new int[] {0}, new Row[] {bad}, new float[1]));
        assertTrue(e.getMessage().contains("999"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bpr.scoreWithFeatures(0, new Row[0], new int[] {0},
                new Row[] {Row.EMPTY}, new float[1]));
        assertThrows(IndexOutOfBoundsException.class, () -> bpr.scoreAll(-1, new float[bpr.numItems()]));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withEpochs(0));
        assertEquals(List.of("g3"), List.of(bpr.inputName(bpr.layout().itemFeatureInput(3)).substring(6)));
    }
}

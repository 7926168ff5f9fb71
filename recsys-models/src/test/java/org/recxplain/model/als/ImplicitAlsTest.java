package org.recxplain.model.als;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.Popularity;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;
import org.recxplain.model.testing.Holdout;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class ImplicitAlsTest {
    static final ImplicitAls.Config SMALL = ImplicitAls.Config.defaults().withFactors(16).withIterations(8)
            .withAlpha(2).withLambda(0.5).withThreads(2);
    @Test
    void clearlyBeatsPopularityOnPlantedData() {
        SyntheticData.Planted planted = new SyntheticData(600, 400, 10, 2, 30, 0.05, 3).generate();
        Holdout.Parts split = Holdout.leaveLastOut(planted.dataset());
        ImplicitAls als = ImplicitAls.train(split.train(), SMALL);
        Popularity pop = Popularity.train(split.train());
        double alsHr = Holdout.hitRate(als, split.test().interactions(), 10);
        double popHr = Holdout.hitRate(pop, split.test().interactions(), 10);
        assertTrue(alsHr > 1.5 * popHr && alsHr - popHr > 0.1,
                "ALS HR@10 " + alsHr + " should clearly beat popularity " + popHr);
    }

    @Test
    void resultDoesNotDependOnThreadsAndIsSeeded() {
        Dataset data = SyntheticData.small(11).generate().dataset();
        ImplicitAls one = ImplicitAls.train(data, SMALL.withThreads(1));
        ImplicitAls eight = ImplicitAls.train(data, SMALL.withThreads(8));
        assertArrayEquals(one.userFactors(), eight.userFactors());
        assertArrayEquals(one.itemFactors(), eight.itemFactors());
        assertEquals(one.info(), eight.info());
        ImplicitAls again = ImplicitAls.train(data, SMALL.withThreads(1));
        assertArrayEquals(one.itemFactors(), again.itemFactors());
        ImplicitAls other = ImplicitAls.train(data, SMALL.withSeed(43));
        assertFalse(Arrays.equals(one.itemFactors(), other.itemFactors()));
    }

    @Test
    void storedUserFactorIsTheExactFoldInOfTheHistory() {
        Dataset data = SyntheticData.small(5).generate().dataset();
        ImplicitAls als = ImplicitAls.train(data, SMALL);
        float[] stored = new float[als.numItems()];
        float[] folded = new float[als.numItems()];
        for (int u = 0; u < data.interactions().numUsers(); u += 7) {
            assertArrayEquals(als.userFactor(u), als.userSystem(u).factor(), "user " + u);
            als.scoreAll(u, stored);
            als.scoreAllFolded(u, data.interactions().userRow(u), folded);
            assertArrayEquals(stored, folded);
            int[] some = {0, 5, 17};
            float[] few = new float[3];
            Row reduced = data.interactions().userRow(u).without(data.interactions().userRow(u).indices()[0]);
            als.scoreFolded(u, reduced, some, few);
            als.scoreAllFolded(u, reduced, folded);
            assertArrayEquals(new float[] {folded[0], folded[5], folded[17]}, few);
        }
    }

    @Test
    void foldInSolvesTheNormalEquations() {
        Dataset data = SyntheticData.small(9).generate().dataset();
        ImplicitAls als = ImplicitAls.train(data, SMALL);
        int k = als.factors();
        Row h = data.interactions().userRow(3).without(data.interactions().userRow(3).indices()[0]);
        ImplicitAls.UserSystem sys = als.userSystem(h);
        // brute force: A = sum over all items of c y y^T + lambda I, b = sum c p y
        double[] a = new double[k * k];
        double[] b = new double[k];
        for (int i = 0; i < als.numItems(); i++) {
            int p = h.find(i);
            double c = p >= 0 ? als.confidence(h.values()[p]) : 1;
            double pref = p >= 0 ? ImplicitAls.preference(h.values()[p]) : 0;
            double[] y = als.itemFactor(i);
            for (int r = 0; r < k; r++) {
                b[r] += c * pref * y[r];
                for (int s = 0; s < k; s++) {
                    a[r * k + s] += c * y[r] * y[s];
                }
            }
        }
        double[] x = sys.factor();
        for (int r = 0; r < k; r++) {
            double s = als.config().lambda() * x[r];
            for (int c = 0; c < k; c++) {
                s += a[r * k + c] * x[c];
            }
            assertEquals(b[r], s, 1e-8 * (1 + Math.abs(b[r])), "row " + r);
        }
    }

    @Test
    void rejectsNegativeValuesAndBadConfig() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("u", "i", -1f);
        Dataset d = Dataset.of("neg", b.build());
        var e = assertThrows(IllegalArgumentException.class, () -> ImplicitAls.train(d, SMALL));
        assertTrue(e.getMessage().contains("'u'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SMALL.withFactors(0));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withLambda(0));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withAlpha(Double.NaN));
    }

    @Test
    void recommendExcludesSeenItemsAndUsesExternalIds() {
        Dataset data = SyntheticData.small(2).generate().dataset();
        ImplicitAls als = ImplicitAls.train(data, SMALL);
        var recs = als.recommend("u4", 10);
        Row seen = data.interactions().userRow(4);
        float[] scores = new float[als.numItems()];
        als.scoreAll(4, scores);
        assertArrayEquals(Rankings.topK(scores, 10, seen.indices()), recs.stream().mapToInt(r -> r.item()).toArray());
        recs.forEach(r -> assertTrue(seen.find(r.item()) < 0));
        assertEquals(data.interactions().items().id(recs.get(0).item()), recs.get(0).id());
        assertThrows(java.util.NoSuchElementException.class, () -> als.recommend("nobody", 5));
    }

    @Test
    void saveThenLoadGivesIdenticalScores(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Dataset data = SyntheticData.small(6).generate().dataset();
        ImplicitAls als = ImplicitAls.train(data, SMALL);
        java.nio.file.Path file = dir.resolve("als.model");
        als.save(file);
        Recommender loaded = org.recxplain.model.Models.load(file);
        assertEquals(als.info(), loaded.info());
        float[] a = new float[als.numItems()];
        float[] b = new float[als.numItems()];
        for (int u = 0; u < data.interactions().numUsers(); u++) {
            als.scoreAll(u, a);
            loaded.scoreAll(u, b);
            assertArrayEquals(a, b);
        }
        assertEquals(data.itemTitles(), loaded.data().itemTitles());
        // a corrupted or truncated file is refused with a clear message naming the file
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        java.nio.file.Path bad = dir.resolve("bad.model");
        java.nio.file.Files.write(bad, bytes);
        var e = assertThrows(org.recxplain.model.io.ModelFormatException.class,
                () -> org.recxplain.model.Models.load(bad));
        assertTrue(e.getMessage().contains("bad.model"), e.getMessage());
        java.nio.file.Files.write(bad, java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(file), 100));
        e = assertThrows(org.recxplain.model.io.ModelFormatException.class,
                () -> org.recxplain.model.Models.load(bad));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void withHistoryRefitsOnlyThatUser() {
        Dataset data = SyntheticData.small(12).generate().dataset();
        ImplicitAls als = ImplicitAls.train(data, SMALL);
        Row reduced = data.interactions().userRow(7).without(data.interactions().userRow(7).indices()[1]);
        ImplicitAls changed = als.withHistory(7, reduced);
        assertEquals(reduced, changed.data().interactions().userRow(7));
        assertArrayEquals(als.userSystem(reduced).factor(), changed.userFactor(7));
        assertArrayEquals(als.userFactor(8), changed.userFactor(8));
        assertArrayEquals(als.userFactor(7), als.userSystem(7).factor(), "the original is unchanged");
    }
}

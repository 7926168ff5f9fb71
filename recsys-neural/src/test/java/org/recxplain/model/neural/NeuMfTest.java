package org.recxplain.model.neural;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.data.split.Split;
import org.recxplain.data.split.Splitters;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.Popularity;
import org.recxplain.model.io.ModelFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** Training, scoring, fold-in, feature scoring, determinism and persistence of NeuMF. */
class NeuMfTest {
    private static Dataset data;
    private static NeuMf model;
    private static Split plantedSplit;
    private static NeuMf planted;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        data = Fixtures.richData(11);
        model = NeuMf.train(data, Fixtures.SMALL);
        Dataset d = new SyntheticData(400, 250, 8, 2, 25, 0.05, 3).generate().dataset();
        plantedSplit = Splitters.leaveLastOut(1).split(d.interactions());
        planted = NeuMf.train(d.withInteractions(plantedSplit.train()), NeuMf.Config.defaults().withEpochs(4)
                .withBatchSize(256).withFoldIn(0.01, 20, 100));
    }

    @AfterAll
    static void close() {
        model.close();
        planted.close();
    }

    @Test
    void learnsPlantedTastesBetterThanPopularity() {
        Dataset train = planted.data();
        double pop = HoldoutMetrics.evaluate(Popularity.train(train), plantedSplit.train(), plantedSplit.test(), 10)
                .hitRate();
        double hr = HoldoutMetrics.evaluate(planted, plantedSplit.train(), plantedSplit.test(), 10).hitRate();
        org.slf4j.LoggerFactory.getLogger(NeuMfTest.class).info("NeuMF HR@10 {} vs popularity {}", hr, pop);
        assertTrue(hr > 1.5 * pop && hr - pop > 0.1, "HR@10 " + hr + " should clearly beat popularity " + pop);
    }

    @Test
    void sameSeedGivesTheSameModelToTheBit() {
        try (NeuMf again = NeuMf.train(data, Fixtures.SMALL);
             NeuMf other = NeuMf.train(data, Fixtures.SMALL.withSeed(12))) {
            assertEquals(model.info(), again.info());
            float[] a = new float[data.interactions().numItems()];
            float[] b = new float[a.length];
            for (int u = 0; u < data.interactions().numUsers(); u += 7) {
                model.scoreAll(u, a);
                again.scoreAll(u, b);
                assertArrayEquals(a, b, "user " + u);
            }
            assertNotEquals(model.info().fingerprint(), other.info().fingerprint(), "another seed, another model");
        }
    }

    @Test
    void scoresAreTheLogitsOfTheNetwork() {
        // scoreAll uses the cached item part of the first layer; the derivative path recomputes it from the
        // parameters: both must give the same numbers
        float[] all = new float[data.interactions().numItems()];
        model.scoreAll(5, all);
        float[] viaFeatures = new float[3];
        int[] items = {0, 17, 42};
        Row[] rows = {data.itemFeatures().of(0), data.itemFeatures().of(17), data.itemFeatures().of(42)};
        model.scoreWithFeatures(5, data.userFeatures().of(5), items, rows, viaFeatures);
        for (int p = 0; p < items.length; p++) {
            assertEquals(all[items[p]], viaFeatures[p], 1e-5, "item " + items[p]);
            assertEquals(all[items[p]], model.score(5, items[p]));
        }
    }

    @Test
    void scoringFromManyThreadsGivesExactlyWhatOneThreadGives() throws Exception {
        int nu = data.interactions().numUsers();
        int ni = data.interactions().numItems();
        float[][] expected = new float[nu][ni];
        for (int u = 0; u < nu; u++) {
            model.scoreAll(u, expected[u]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                jobs.add(pool.submit(() -> {
                    float[] s = new float[ni];
                    for (int r = 0; r < 3 * nu; r++) {
                        int u = (r * 7 + offset) % nu;
                        model.scoreAll(u, s);
                        assertArrayEquals(expected[u], s, "user " + u);
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void foldInOfTheOwnHistoryReproducesTheTrainedUser() {
        float[] own = new float[data.interactions().numItems()];
        float[] folded = new float[own.length];
        for (int u = 0; u < data.interactions().numUsers(); u += 13) {
            Row history = data.interactions().userRow(u);
            float[] p = model.foldIn(u, history);
            // the stored user was fitted in a batch of users: the same iterations up to float rounding, which
            // can move the end point along the flat bottom of L_u (a ReLU switch) by a little
            assertArrayEquals(model.userParameters(u), p, 2e-3f, "user " + u);
            assertEquals(model.userLoss(u, history), model.userLoss(u, history, p), 1e-6, "equally good fits");
            assertArrayEquals(p, model.foldIn(u, history), "deterministic");
            model.scoreAll(u, own);
            model.scoreAllFolded(u, history, folded);
            assertArrayEquals(own, folded, 1e-3f, "user " + u);
        }
    }

    /** A batch of histories folds in as each history does alone (the fits are independent). */
    @Test
    void batchedFoldInsEqualSingleOnes() {
        int u = 9;
        Row h = data.interactions().userRow(u);
        int[] idx = h.indices();
        Row[] histories = {h, h.without(idx[0]), h.only(new int[] {idx[1], idx[2]}), h.without(idx[idx.length - 1])};
        float[][] batch = new float[histories.length][data.interactions().numItems()];
        model.scoreAllFolded(u, histories, batch);
        for (int b = 0; b < histories.length; b++) {
            float[] single = new float[batch[b].length];
            model.scoreAllFolded(u, histories[b], single);
            assertArrayEquals(single, batch[b], 1e-4f, "history " + b);
        }
        assertFalse(java.util.Arrays.equals(batch[0], batch[2]), "different histories give different scores");
        assertThrows(IllegalArgumentException.class, () -> model.scoreAllFolded(u, histories, new float[1][]));
    }

    @Test
    void foldInWithoutItemsLowersTheirScores() {
        Dataset train = planted.data();
        double drop = 0;
        int removedCount = 0;
        for (int u = 0; u < train.interactions().numUsers(); u += 20) {
            Row history = train.interactions().userRow(u);
            int[] removed = {history.indices()[0], history.indices()[history.size() / 2]};
            float[] before = new float[train.interactions().numItems()];
            float[] after = new float[before.length];
            planted.scoreAll(u, before);
            planted.scoreAllFolded(u, history.without(removed), after);
            float[] some = new float[removed.length];
            planted.scoreFolded(u, history.without(removed), removed, some);
            for (int p = 0; p < removed.length; p++) {
                assertEquals(after[removed[p]], some[p], "scoreFolded agrees with scoreAllFolded");
                drop += before[removed[p]] - after[removed[p]];
                removedCount++;
            }
        }
        org.slf4j.LoggerFactory.getLogger(NeuMfTest.class).info("mean score drop of removed positives {}",
                drop / removedCount);
        assertTrue(drop / removedCount > 0.1, "removed positives lose score on average: " + drop / removedCount);
    }

    @Test
    void switchingFeaturesOffChangesScoresAndUnknownFeaturesAreRefused() {
        int[] items = {1, 2};
        float[] own = new float[2];
        float[] off = new float[2];
        Row[] rows = {data.itemFeatures().of(1), data.itemFeatures().of(2)};
        model.scoreWithFeatures(4, data.userFeatures().of(4), items, rows, own);
        model.scoreWithFeatures(4, Row.EMPTY, items, new Row[] {Row.EMPTY, Row.EMPTY}, off);
        assertNotEquals(own[0], off[0]);
        Row bad = new Row(new int[] {data.itemFeatures().numFeatures()}, new float[] {1}, null);
        var e = assertThrows(IllegalArgumentException.class,
                () -> model.scoreWithFeatures(4, Row.EMPTY, new int[] {1}, new Row[] {bad}, new float[1]));
        assertTrue(e.getMessage().contains("item feature index " + data.itemFeatures().numFeatures()), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> model.scoreWithFeatures(4, Row.EMPTY, new int[] {-1}, new Row[] {Row.EMPTY}, new float[1]));
    }

    @Test
    void saveAndLoadReproduceTheScoresExactly() throws IOException {
        Path file = dir.resolve("neumf.rxm");
        model.save(file);
        try (NeuMf loaded = NeuMf.load(file)) {
            assertEquals(model.info(), loaded.info());
            assertEquals(model.config(), loaded.config());
            float[] a = new float[data.interactions().numItems()];
            float[] b = new float[a.length];
            for (int u = 0; u < data.interactions().numUsers(); u += 5) {
                model.scoreAll(u, a);
                loaded.scoreAll(u, b);
                assertArrayEquals(a, b, "user " + u);
            }
            Row h = data.interactions().userRow(9).without(data.interactions().userRow(9).indices()[0]);
            assertArrayEquals(model.foldIn(9, h), loaded.foldIn(9, h), "fold-in negatives derived again");
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Path bad = dir.resolve("bad.rxm");
        Files.write(bad, bytes);
        var e = assertThrows(ModelFormatException.class, () -> NeuMf.load(bad));
        assertTrue(e.getMessage().contains("bad.rxm"), e.getMessage());
    }

    @Test
    void configurationsAreCheckedAndParsedFromSpecs() {
        NeuMf.Config c = NeuMf.Config.of(new ModelSpec(NeuMf.FAMILY, java.util.Map.of("hidden", "64-32",
                "epochs", "3", "foldInNegatives", "0")), 7);
        assertEquals(List.of(64, 32), c.hidden());
        assertEquals(3, c.epochs());
        assertEquals(0, c.foldInNegatives());
        assertEquals(7, c.seed());
        var e = assertThrows(IllegalArgumentException.class,
                () -> NeuMf.Config.of(ModelSpec.of(NeuMf.FAMILY).with("hidden", "64,32"), 1));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NeuMf.Config.of(ModelSpec.of(NeuMf.FAMILY).with("factors", 8), 1));
        assertTrue(e.getMessage().contains("unknown parameter 'factors'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fixtures.SMALL.withHidden(List.of()));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fixtures.SMALL.withLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.SMALL.withNegatives(0));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.SMALL.withFoldIn(0.01, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> NeuMf.train(ModelSpec.of("bpr"), data, 1));
    }

    @Test
    void aClosedModelRefusesWork() {
        NeuMf m = new NeuMf(data, Fixtures.SMALL, model.parameterValues());
        float[] s = new float[data.interactions().numItems()];
        m.scoreAll(0, s);
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, () -> m.scoreAll(0, s));
    }
}

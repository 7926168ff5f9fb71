package org.recxplain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.bpr.BprMf;
import org.recxplain.model.fm.FactorizationMachine;
import org.recxplain.model.io.ModelCodec;
import org.recxplain.model.io.ModelFile;
import org.recxplain.model.io.ModelFormatException;
import org.recxplain.model.io.IoConsumer;
import org.recxplain.model.io.ModelWriter;
import org.recxplain.model.knn.ItemKnn;
import org.recxplain.model.mf.BiasedMf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every family saves and loads back exactly, and every damaged or foreign file is refused clearly. */
class SaveLoadTest {
    static final Dataset DATA = SyntheticData.small(3).generate().dataset();

    /** A loader of one family, as its static {@code load}. */
    interface Loader {
        Recommender load(Path path) throws IOException;
    }

    static final Map<String, Loader> LOADERS = Map.of(
            ImplicitAls.FAMILY, ImplicitAls::load, ItemKnn.FAMILY, ItemKnn::load, BiasedMf.FAMILY, BiasedMf::load,
            BprMf.FAMILY, BprMf::load, Popularity.FAMILY, Popularity::load, FactorizationMachine.FAMILY,
            r -> FactorizationMachine.read(org.recxplain.model.io.ModelFile.read(r)));

    /** One small model per case, with non-default hyper-parameters so that a swapped field would show. */
    static final Map<String, Recommender> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("als", ImplicitAls.train(DATA, ImplicitAls.Config.defaults().withFactors(6).withIterations(3)
                .withLambda(0.3).withAlpha(4).withSeed(8).withThreads(2)));
        MODELS.put("item-knn", ItemKnn.train(DATA, ItemKnn.Config.defaults().withNeighbours(15)
                .withSimilarity(ItemKnn.Similarity.ADJUSTED_COSINE).withShrinkage(0.75).withThreads(2)));
        MODELS.put("item-knn-binary", ItemKnn.train(DATA, ItemKnn.Config.defaults().withNeighbours(25)
                .withBinary(true).withThreads(2)));
        MODELS.put("biased-mf", BiasedMf.train(DATA, BiasedMf.Config.defaults().withFactors(5).withLambda(3.5)
                .withIterations(4).withSeed(9).withThreads(2)));
        MODELS.put("bpr", BprMf.train(DATA, BprMf.Config.defaults().withFactors(6).withLearningRate(0.07)
                .withRegularization(0.02).withBiasRegularization(0.03).withEpochs(3).withFoldInNegatives(50)
                .withSeed(13).withThreads(2)));
        MODELS.put("bpr-plain", BprMf.train(DATA, BprMf.Config.defaults().withFactors(4).withEpochs(2)
                .withItemBias(false).withFoldInNegatives(0).withSeed(14).withThreads(2)));
        MODELS.put("pop", Popularity.train(DATA));
        MODELS.put("fm", FactorizationMachine.train(DATA, FactorizationMachine.Config.defaults().withFactors(4)
                .withEpochs(2).withSeed(21)));
    }

    static List<String> cases() {
        return List.copyOf(MODELS.keySet());
    }

    static List<String> families() {
        return Models.families();
    }

    /** A saved file of one family (the first case of it). */
    static Path saved(Path dir, String family) throws IOException {
        Recommender m = MODELS.values().stream().filter(r -> r.info().family().equals(family)).findFirst()
                .orElseThrow();
        Path file = dir.resolve(family + ".model");
        Models.save(m, file);
        return file;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void loadsBackBitExactly(String name, @TempDir Path dir) throws IOException {
        Recommender m = MODELS.get(name);
        Path file = dir.resolve(name + ".model");
        Models.save(m, file);
        Recommender loaded = Models.load(file);
        Recommender direct = LOADERS.get(m.info().family()).load(file);
        for (Recommender r : List.of(loaded, direct)) {
            assertSame(m.getClass(), r.getClass());
            assertEquals(m.info(), r.info());
            for (int u = 0; u < DATA.interactions().numUsers(); u++) {
                assertArrayEquals(scoreBits(m, u), scoreBits(r, u), "user " + u);
            }
        }
        assertSameData(m.data(), loaded.data());
        String user = DATA.interactions().users().id(7);
        assertEquals(m.recommend(user, 10), loaded.recommend(user, 10));
        // saving what was loaded writes the same bytes: configuration, data and parameters all round-trip
        Path again = dir.resolve(name + ".again");
        Models.save(loaded, again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void foldInIsIdenticalAfterLoading(String name, @TempDir Path dir) throws IOException {
        if (!(MODELS.get(name) instanceof FoldIn m)) {
            assertTrue(name.equals("pop") || name.equals("fm"), "every model but popularity and the FM folds in");
            return;
        }
        Path file = dir.resolve(name + ".model");
        Models.save(m, file);
        FoldIn loaded = assertInstanceOf(FoldIn.class, Models.load(file));
        int[] few = {0, 3, 50, 199};
        for (int u : new int[]{0, 41, 299}) {
            Row own = DATA.interactions().userRow(u);
            Row other = DATA.interactions().userRow((u + 101) % DATA.interactions().numUsers());
            for (Row history : List.of(own, own.without(own.indices()[0]), other, Row.EMPTY)) {
                float[] a = new float[m.numItems()];
                float[] b = new float[m.numItems()];
                m.scoreAllFolded(u, history, a);
                loaded.scoreAllFolded(u, history, b);
                assertArrayEquals(bits(a), bits(b), name + " user " + u + " history " + history);
                float[] fa = new float[few.length];
                float[] fb = new float[few.length];
                m.scoreFolded(u, history, few, fa);
                loaded.scoreFolded(u, history, few, fb);
                assertArrayEquals(bits(fa), bits(fb));
                for (int p = 0; p < few.length; p++) {
                    assertEquals(a[few[p]], fa[p], 1e-6 * Math.max(1, Math.abs(a[few[p]])),
                            name + ": scoreFolded of item " + few[p] + " agrees with scoreAllFolded");
                }
            }
        }
    }

    @Test
    void familySpecificStateRoundTrips(@TempDir Path dir) throws IOException {
        ItemKnn knn = (ItemKnn) MODELS.get("item-knn");
        ItemKnn knn2 = ItemKnn.load(saved(dir, ItemKnn.FAMILY));
        assertEquals(knn.config().withThreads(1), knn2.config().withThreads(1));
        for (int i = 0; i < knn.numItems(); i++) {
            assertArrayEquals(knn.neighbours(i), knn2.neighbours(i));
            assertArrayEquals(knn.neighbourSimilarities(i), knn2.neighbourSimilarities(i));
        }
        assertArrayEquals(knn.contributions(5, 9), knn2.contributions(5, 9));

        BiasedMf mf = (BiasedMf) MODELS.get("biased-mf");
        BiasedMf mf2 = BiasedMf.load(saved(dir, BiasedMf.FAMILY));
        assertEquals(Double.doubleToRawLongBits(mf.globalMean()), Double.doubleToRawLongBits(mf2.globalMean()));
        for (int i = 0; i < mf.numItems(); i++) {
            assertArrayEquals(mf.itemDesign(i), mf2.itemDesign(i));
            assertEquals(mf.itemBias(i), mf2.itemBias(i));
        }
        assertArrayEquals(mf.userSystem(12).matrix(), mf2.userSystem(12).matrix());
        assertArrayEquals(mf.userSystem(12).rhs(), mf2.userSystem(12).rhs());

        BprMf bpr = (BprMf) MODELS.get("bpr");
        BprMf bpr2 = BprMf.load(saved(dir, BprMf.FAMILY));
        Row h = DATA.interactions().userRow(20);
        assertArrayEquals(bpr.foldInNegatives(h), bpr2.foldInNegatives(h));
        assertArrayEquals(bpr.foldIn(h), bpr2.foldIn(h));
        assertArrayEquals(bpr.userHessian(h, bpr.userFactor(20)), bpr2.userHessian(h, bpr2.userFactor(20)));
    }

    @ParameterizedTest
    @MethodSource("families")
    void damagedFilesAreRefusedNamingTheFile(String family, @TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(saved(dir, family));
        Path bad = dir.resolve("damaged-" + family + ".model");
        for (int keep : new int[]{bytes.length - 1, bytes.length / 2, 10}) {
            Files.write(bad, Arrays.copyOf(bytes, keep));
            assertRefused(bad, family, "truncated");
        }
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        Files.write(bad, flipped);
        assertRefused(bad, family, "checksum");
    }

    @ParameterizedTest
    @MethodSource("families")
    void aFileOfAnotherFamilyIsRefused(String family, @TempDir Path dir) throws IOException {
        for (String other : Models.families()) {
            if (other.equals(family)) {
                continue;
            }
            Path file = saved(dir, other);
            var e = assertThrows(ModelFormatException.class, () -> LOADERS.get(family).load(file));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("'" + other + "'")
                    && e.getMessage().contains("expected '" + family + "'"), e.getMessage());
        }
    }

    @Test
    void unknownFamiliesAndVersionsAreRefused(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("mystery.model");
        ModelFile.write(p, "mystery", 1, w -> w.writeInt(1));
        var e = assertThrows(ModelFormatException.class, () -> Models.load(p));
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("'mystery'")
                && e.getMessage().contains("item-knn, biased-mf, bpr, fm, pop"), e.getMessage());
        for (String family : Models.families()) {
            ModelFile.write(p, family, 2, w -> w.writeInt(1));
            e = assertThrows(ModelFormatException.class, () -> Models.load(p));
            assertTrue(e.getMessage().contains("format version 2 is not supported"), e.getMessage());
        }
    }

    @Test
    void inconsistentContentIsRefusedWithWhatIsWrong(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("crafted.model");
        int nu = DATA.interactions().numUsers();
        int ni = DATA.interactions().numItems();

        ModelCodec.write(p, BiasedMf.FAMILY, 1, w -> w.writeInt(0).writeDouble(1).writeInt(1).writeLong(1), DATA,
                w -> { });
        assertRefused(p, BiasedMf.FAMILY, "invalid biased-mf configuration: factors must be in 1..4096, got 0");
        ModelCodec.write(p, BiasedMf.FAMILY, 1, w -> w.writeInt(2).writeDouble(1).writeInt(1).writeLong(1), DATA,
                w -> w.writeDouble(3).writeDoubles(new double[nu * 3]).writeDoubles(new double[ni * 2]));
        assertRefused(p, BiasedMf.FAMILY, "invalid biased-mf parameters: parameter matrices do not match the data");

        int[] ptr = new int[ni + 1];
        Arrays.fill(ptr, 1, ni + 1, 1);
        ModelCodec.write(p, ItemKnn.FAMILY, 1, knnConfig("COSINE"), DATA,
                w -> w.writeInts(ptr).writeInts(new int[]{ni + 5}).writeDoubles(new double[]{0.5}));
        assertRefused(p, ItemKnn.FAMILY, "item 0: neighbour " + (ni + 5) + " is out of range");
        ModelCodec.write(p, ItemKnn.FAMILY, 1, knnConfig("COSINE"), DATA,
                w -> w.writeInts(ptr).writeInts(new int[]{3}).writeDoubles(new double[]{-0.5}));
        assertRefused(p, ItemKnn.FAMILY, "similarity -0.5 to item 3 is not a positive finite number");
        ModelCodec.write(p, ItemKnn.FAMILY, 1, knnConfig("EUCLIDEAN"), DATA, w -> { });
        assertRefused(p, ItemKnn.FAMILY, "invalid item-knn configuration: unknown similarity 'EUCLIDEAN'");

        int k = 2;
        ModelCodec.write(p, BprMf.FAMILY, 1, bprConfig(k, true), DATA, w -> w.writeDoubles(new double[nu * k])
                .writeDoubles(new double[ni * k]).writeDoubles(new double[ni]).writeInts(new int[ni]));
        assertRefused(p, BprMf.FAMILY, "negative order is not a permutation of the items: entry 1 is 0");
        double[] bias = new double[ni];
        bias[4] = 0.25;
        int[] order = new int[ni];
        Arrays.setAll(order, i -> ni - 1 - i);
        ModelCodec.write(p, BprMf.FAMILY, 1, bprConfig(k, false), DATA, w -> w.writeDoubles(new double[nu * k])
                .writeDoubles(new double[ni * k]).writeDoubles(bias).writeInts(order));
        assertRefused(p, BprMf.FAMILY, "item 4 has bias 0.25 in a model without item bias");

        ModelCodec.write(p, Popularity.FAMILY, 1, w -> { }, DATA, w -> w.writeInt(7));
        assertRefused(p, Popularity.FAMILY, "4 bytes of payload left unread");
        ModelFile.write(p, Popularity.FAMILY, 1, w -> w.writeString("not a dataset"));
        assertRefused(p, Popularity.FAMILY, "expected a 'dataset' section");
    }

    @Test
    void onlyKnownModelClassesCanBeSaved(@TempDir Path dir) {
        Popularity pop = (Popularity) MODELS.get("pop");
        Recommender custom = new Recommender() {
            @Override
            public ModelInfo info() {
                return new ModelInfo("custom", Map.of(), 0, "0");
            }

            @Override
            public Dataset data() {
                return DATA;
            }

            @Override
            public void scoreAll(int user, float[] out) {
                pop.scoreAll(user, out);
            }
        };
        var e = assertThrows(IllegalArgumentException.class, () -> Models.save(custom, dir.resolve("c.model")));
        assertTrue(e.getMessage().contains("'custom'") && e.getMessage().contains("bpr"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("c.model")));
    }

    private static IoConsumer<ModelWriter> knnConfig(String similarity) {
        return w -> w.writeInt(10).writeString(similarity).writeDouble(0).writeBoolean(false);
    }

    private static IoConsumer<ModelWriter> bprConfig(int k, boolean itemBias) {
        return w -> w.writeInt(k).writeDouble(0.05).writeDouble(0.01).writeDouble(0.01).writeInt(1)
                .writeBoolean(itemBias).writeInt(0).writeLong(1);
    }

    /** Both the generic and the family's own loader refuse the file, naming it and the problem. */
    private static void assertRefused(Path file, String family, String expected) {
        for (Loader loader : List.<Loader>of(Models::load, LOADERS.get(family))) {
            var e = assertThrows(ModelFormatException.class, () -> loader.load(file));
            assertEquals(file.toString(), e.source());
            assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(expected), e.getMessage());
        }
    }

    private static void assertSameData(Dataset a, Dataset b) {
        assertEquals(a.name(), b.name());
        assertEquals(a.interactions().users(), b.interactions().users());
        assertEquals(a.interactions().items(), b.interactions().items());
        for (int u = 0; u < a.interactions().numUsers(); u++) {
            assertEquals(a.interactions().userRow(u), b.interactions().userRow(u));
            assertEquals(a.userFeatures().of(u), b.userFeatures().of(u));
        }
        for (int i = 0; i < a.interactions().numItems(); i++) {
            assertEquals(a.itemFeatures().labels(i), b.itemFeatures().labels(i));
        }
        assertEquals(a.itemTitles(), b.itemTitles());
        assertEquals(a.report(), b.report());
    }

    private static int[] scoreBits(Recommender r, int user) {
        float[] s = new float[r.numItems()];
        r.scoreAll(user, s);
        return bits(s);
    }

    private static int[] bits(float[] s) {
        int[] b = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            b[i] = Float.floatToRawIntBits(s[i]);
        }
        return b;
    }
}

package org.recxplain.model;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.bpr.BprMf;
import org.recxplain.model.knn.ItemKnn;
import org.recxplain.model.mf.BiasedMf;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ModelsTest {
    static final Dataset DATA = SyntheticData.small(1).generate().dataset();

    @Test
    void trainsBySpecWithParametersAndSeed() {
        ModelSpec spec = ModelSpec.of("als").with("factors", 8).with("iterations", 3);
        Recommender m = Models.train(spec, DATA, 5);
        ImplicitAls als = assertInstanceOf(ImplicitAls.class, m);
        assertEquals(8, als.factors());
        assertEquals(5, als.config().seed());
        assertEquals("als(factors=8,iterations=3)", spec.label());
        assertInstanceOf(Popularity.class, Models.train(ModelSpec.of("pop"), DATA, 0));
    }

    @Test
    void listsEveryFamily() {
        List<String> all = List.of("als", "item-knn", "biased-mf", "bpr", "fm", "pop");
        assertEquals(all, Models.families());
        List<String> trainable = new java.util.ArrayList<>(all);
        trainable.addAll(org.recxplain.model.peers.Peers.families());
        assertEquals(trainable, Models.trainableFamilies());
    }

    @Test
    void trainsItemKnnWithEveryParameter() {
        ModelSpec spec = ModelSpec.of("item-knn").with("neighbours", 12).with("similarity", "adjusted-cosine")
                .with("shrinkage", 2.5).with("binary", "false").with("threads", 1);
        ItemKnn knn = assertInstanceOf(ItemKnn.class, Models.train(spec, DATA, 3));
        assertEquals(new ItemKnn.Config(12, ItemKnn.Similarity.ADJUSTED_COSINE, 2.5, false, 1), knn.config());
        ItemKnn direct = ItemKnn.train(DATA, knn.config().withThreads(2));
        assertEquals(direct.info(), knn.info(), "threads do not change the model");
        ItemKnn binary = assertInstanceOf(ItemKnn.class, Models.train(ModelSpec.of("item-knn")
                .with("similarity", "COSINE").with("binary", "TRUE"), DATA, 3));
        assertEquals(ItemKnn.Config.defaults().withBinary(true), binary.config());
        assertEquals("true", binary.info().config().get("binary"));
    }

    @Test
    void trainsBiasedMfWithEveryParameterAndTheSeed() {
        ModelSpec spec = ModelSpec.of("biased-mf").with("factors", 4).with("lambda", 2.5).with("iterations", 3)
                .with("threads", 1);
        BiasedMf mf = assertInstanceOf(BiasedMf.class, Models.train(spec, DATA, 17));
        assertEquals(new BiasedMf.Config(4, 2.5, 3, 17, 1), mf.config());
        assertEquals(17, mf.info().seed());
        assertEquals(BiasedMf.train(DATA, mf.config().withThreads(2)).info(), mf.info());
        assertNotEquals(mf.info().fingerprint(), Models.train(spec, DATA, 18).info().fingerprint(),
                "the seed argument is used");
    }

    @Test
    void trainsBprWithEveryParameterAndTheSeed() {
        ModelSpec spec = ModelSpec.of("bpr").with("factors", 3).with("learningRate", 0.08)
                .with("regularization", 0.02).with("biasRegularization", 0.04).with("epochs", 2)
                .with("itemBias", false).with("foldInNegatives", 40).with("threads", 2);
        BprMf bpr = assertInstanceOf(BprMf.class, Models.train(spec, DATA, 23));
        assertEquals(new BprMf.Config(3, 0.08, 0.02, 0.04, 2, false, 40, 23, 2), bpr.config());
        assertEquals(23, bpr.info().seed());
        assertEquals(0.0, bpr.itemBias(7));
    }

    @Test
    void unknownFamiliesAndBadParametersGiveClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> Models.train(ModelSpec.of("magic"), DATA, 1));
        assertTrue(e.getMessage().contains("'magic'") && e.getMessage().contains("als"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Models.train(ModelSpec.of("als").with("factors", "many"), DATA, 1));
        assertTrue(e.getMessage().contains("'factors'") && e.getMessage().contains("'many'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Models.train(ModelSpec.of("als").with("factor", 3), DATA, 1));
        assertTrue(e.getMessage().contains("unknown parameter 'factor'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Models.train(ModelSpec.of("als").with("factors", 0), DATA, 1));
        assertTrue(e.getMessage().contains("factors"), e.getMessage());
    }

    /** Trains {@code spec} expecting an error whose message starts with the family and holds every part. */
    private static void assertRejected(ModelSpec spec, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, () -> Models.train(spec, DATA, 1));
        assertTrue(e.getMessage().startsWith(spec.family() + ": "), e.getMessage());
        assertFalse(e.getMessage().startsWith(spec.family() + ": " + spec.family()), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void everyFamilyNamesItsBadParameters() {
        assertRejected(ModelSpec.of("als").with("alpha", -1), "alpha must be");
        assertRejected(ModelSpec.of("als").with("threads", 0), "threads must be >= 1");
        assertRejected(ModelSpec.of("als").with("lambda", "x"), "parameter 'lambda' must be a number", "'x'");

        assertRejected(ModelSpec.of("item-knn").with("k", 5), "unknown parameter 'k'", "neighbours, shrinkage");
        assertRejected(ModelSpec.of("item-knn").with("neighbours", 0), "neighbours must be >= 1, got 0");
        assertRejected(ModelSpec.of("item-knn").with("neighbours", "ten"), "parameter 'neighbours'", "'ten'");
        assertRejected(ModelSpec.of("item-knn").with("similarity", "pearson"),
                "parameter 'similarity' must be one of cosine, adjusted-cosine, got 'pearson'");
        assertRejected(ModelSpec.of("item-knn").with("shrinkage", -2), "shrinkage must be");
        assertRejected(ModelSpec.of("item-knn").with("binary", "yes"),
                "parameter 'binary' must be true or false, got 'yes'");
        assertRejected(ModelSpec.of("item-knn").with("binary", true).with("similarity", "adjusted-cosine"),
                "binary");

        assertRejected(ModelSpec.of("biased-mf").with("alpha", 1), "unknown parameter 'alpha'", "lambda");
        assertRejected(ModelSpec.of("biased-mf").with("factors", 5000), "factors must be in 1..4096, got 5000");
        assertRejected(ModelSpec.of("biased-mf").with("lambda", 0), "lambda must be");
        assertRejected(ModelSpec.of("biased-mf").with("iterations", "2.5"), "parameter 'iterations'", "integer");

        assertRejected(ModelSpec.of("bpr").with("learning_rate", 0.1), "unknown parameter 'learning_rate'",
                "learningRate");
        assertRejected(ModelSpec.of("bpr").with("learningRate", 0), "learningRate must be");
        assertRejected(ModelSpec.of("bpr").with("regularization", -1), "regularization must be");
        assertRejected(ModelSpec.of("bpr").with("biasRegularization", "NaN"), "biasRegularization must be");
        assertRejected(ModelSpec.of("bpr").with("epochs", 0), "epochs must be >= 1");
        assertRejected(ModelSpec.of("bpr").with("itemBias", 1), "parameter 'itemBias' must be true or false");
        assertRejected(ModelSpec.of("bpr").with("foldInNegatives", -3), "foldInNegatives must be >= 0");

        assertRejected(ModelSpec.of("pop").with("factors", 3), "unknown parameter 'factors'");
    }
}

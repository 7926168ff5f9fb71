package org.recxplain.model.peers;

import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.recommender.AllUnknownItemsCandidateItemsStrategy;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.GenericItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.svd.ALSWRFactorizer;
import org.apache.mahout.cf.taste.impl.recommender.svd.SVDRecommender;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.impl.similarity.UncenteredCosineSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.apache.mahout.cf.taste.recommender.Recommender;
import org.apache.mahout.cf.taste.similarity.ItemSimilarity;
import org.apache.mahout.common.RandomUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.Popularity;
import org.recxplain.model.testing.Holdout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MahoutPeersTest {
    static {
        // Mahout logs every ALS iteration at INFO; keep test output readable
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.mahout", "warn");
    }

    static final Dataset DATA = SyntheticData.small(7).generate().dataset();
    static final MahoutItemBased.Config BOOLEAN_LLR = new MahoutItemBased.Config(MahoutSimilarity.Kind.LOGLIKELIHOOD,
            true);
    static final MahoutAlsWr.Config ALS = new MahoutAlsWr.Config(8, 0.1, 6, true, 10.0, 2);

    @Test
    void theBridgeHoldsEveryInteractionUnderIndexIds() throws TasteException {
        DataModel m = MahoutData.of(DATA.interactions());
        Interactions x = DATA.interactions();
        assertEquals(x.numUsers(), m.getNumUsers());
        for (int u = 0; u < x.numUsers(); u += 17) {
            Row row = x.userRow(u);
            PreferenceArray prefs = m.getPreferencesFromUser(u);
            assertEquals(row.size(), prefs.length());
            for (int p = 0; p < row.size(); p++) {
                assertEquals(row.indices()[p], prefs.getItemID(p));
                assertEquals(row.values()[p], prefs.getValue(p));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"LOGLIKELIHOOD,false", "COSINE,false", "LOGLIKELIHOOD,true"})
    void itemBasedTopKIsMahoutsOwnRecommend(MahoutSimilarity.Kind kind, boolean booleanPrefs) throws TasteException {
        MahoutItemBased ours = MahoutItemBased.train(DATA, new MahoutItemBased.Config(kind, booleanPrefs));
        DataModel model = booleanPrefs ? MahoutData.booleanOf(DATA.interactions()) : MahoutData.of(DATA.interactions());
        ItemSimilarity similarity = kind == MahoutSimilarity.Kind.LOGLIKELIHOOD ? new LogLikelihoodSimilarity(model)
                : new UncenteredCosineSimilarity(model);
        GenericItemBasedRecommender mahout = booleanPrefs ? new GenericBooleanPrefItemBasedRecommender(model, similarity)
                : new GenericItemBasedRecommender(model, similarity);
        compareTopK(kind + " boolean=" + booleanPrefs, ours, mahout, 40);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void alsWrTopKAndEstimatesAreMahoutsOwn(boolean implicit) throws TasteException {
        MahoutAlsWr.Config config = new MahoutAlsWr.Config(8, 0.1, 6, implicit, 10.0, 2);
        MahoutAlsWr ours = MahoutAlsWr.train(DATA, config, 1L);
        DataModel model = MahoutData.of(DATA.interactions());
        SVDRecommender mahout;
        synchronized (MahoutData.RANDOM_LOCK) {
            RandomUtils.useTestSeed();
            mahout = new SVDRecommender(model, new ALSWRFactorizer(model, 8, 0.1, 6, implicit, 10.0, 2),
                    new AllUnknownItemsCandidateItemsStrategy());
        }
        compareTopK("alswr implicit=" + implicit, ours, mahout, 40);
        float[] scores = new float[ours.numItems()];
        for (int u = 0; u < 300; u += 29) {
            ours.scoreAll(u, scores);
            for (int i = 0; i < ours.numItems(); i += 7) {
                assertEquals(mahout.estimatePreference(u, i), scores[i], "estimate of user " + u + ", item " + i);
            }
        }
        assertEquals(!implicit, ours.predictsRatings());
        assertEquals(implicit, Double.isNaN(ours.predictRating(0, 1)));
    }

    private static void compareTopK(String who, org.recxplain.model.Recommender ours, Recommender mahout, int users)
            throws TasteException {
        float[] scores = new float[ours.numItems()];
        for (int u = 0; u < users; u++) {
            ours.scoreAll(u, scores);
            List<RecommendedItem> theirs = mahout.recommend(u, 10);
            int[] items = new int[theirs.size()];
            float[] values = new float[theirs.size()];
            for (int p = 0; p < items.length; p++) {
                items[p] = (int) theirs.get(p).getItemID();
                values[p] = theirs.get(p).getValue();
            }
            TopKAssert.assertSameTopK(who + " user " + u, scores, DATA.interactions().userRow(u).indices(), 10,
                    items, values);
        }
    }

    @Test
    void itemBasedPredictionIsMahoutsEstimate() throws TasteException {
        MahoutItemBased ours = MahoutItemBased.train(DATA, MahoutItemBased.Config.defaults());
        int defined = 0;
        for (int u = 0; u < 20; u++) {
            for (int i = 0; i < DATA.interactions().numItems(); i += 11) {
                float mahout = ours.delegate().estimatePreference(u, i);
                double predicted = ours.predictRating(u, i);
                assertEquals(Float.isNaN(mahout), Double.isNaN(predicted));
                if (!Float.isNaN(mahout)) {
                    assertEquals(mahout, predicted, 0.0);
                    defined++;
                }
            }
        }
        assertTrue(defined > 100, "too few defined estimates to compare: " + defined);
    }

    @Test
    void beatPopularityOnPlantedTastes() {
        Holdout.Parts split = Holdout.leaveLastOut(DATA);
        double pop = Holdout.hitRate(Popularity.train(split.train()), split.test().interactions(), 10);
        double item = Holdout.hitRate(MahoutItemBased.train(split.train(), BOOLEAN_LLR), split.test().interactions(),
                10);
        double als = Holdout.hitRate(MahoutAlsWr.train(split.train(), ALS, 1L), split.test().interactions(), 10);
        assertTrue(item > pop, "Mahout boolean item-based HR@10 " + item + " vs popularity " + pop);
        assertTrue(als > pop, "Mahout ALS HR@10 " + als + " vs popularity " + pop);
    }

    @Test
    void usersAndItemsWithoutInteractionsScoreNegativeInfinity() {
        InteractionsBuilder b = InteractionsBuilder.over(DATA.interactions().users(), DATA.interactions().items());
        int lonely = b.addUser("lonely");
        int unseen = b.addItem("unseen");
        Interactions x = DATA.interactions();
        for (int u = 0; u < x.numUsers(); u++) {
            Row r = x.userRow(u);
            for (int p = 0; p < r.size(); p++) {
                b.add(u, r.indices()[p], r.values()[p], InteractionsBuilder.NO_TIME);
            }
        }
        Dataset data = Dataset.of("gaps", b.build());
        for (org.recxplain.model.Recommender m : List.of(MahoutAlsWr.train(data, ALS, 1L),
                MahoutItemBased.train(data, MahoutItemBased.Config.defaults()))) {
            float[] s = new float[m.numItems()];
            m.scoreAll(lonely, s);
            for (float v : s) {
                assertEquals(Float.NEGATIVE_INFINITY, v);
            }
            m.scoreAll(0, s);
            assertEquals(Float.NEGATIVE_INFINITY, s[unseen]);
            assertFalse(Float.isNaN(s[1]));
            assertEquals(10, m.recommend(0, 10).size());
        }
    }

    @Test
    void alsWrIsReproducibleButIgnoresTheSeed() {
        String a = MahoutAlsWr.train(DATA, ALS, 1L).info().fingerprint();
        assertEquals(a, MahoutAlsWr.train(DATA, ALS.withThreads(1), 1L).info().fingerprint());
        assertEquals(a, MahoutAlsWr.train(DATA, ALS, 99L).info().fingerprint());
        assertNotEquals(a, MahoutAlsWr.train(DATA, new MahoutAlsWr.Config(8, 0.2, 6, true, 10.0, 2), 1L)
                .info().fingerprint());
    }

    @Test
    void specsAndErrors() {
        org.recxplain.model.Recommender m = Peers.train(ModelSpec.of("mahout-item").with("similarity", "cosine"),
                DATA, 1L);
        assertEquals("mahout-item", m.info().family());
        assertEquals("cosine", m.info().config().get("similarity"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Peers.train(ModelSpec.of("mahout-item").with("similarity", "jaccard"), DATA, 1L));
        assertTrue(e.getMessage().contains("jaccard") && e.getMessage().contains("loglikelihood"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Peers.train(ModelSpec.of("mahout-alswr").with("implicit", "maybe"), DATA, 1L));
        assertTrue(e.getMessage().contains("implicit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Peers.train(ModelSpec.of("mahout-alswr").with("rank", 3), DATA, 1L));
        assertTrue(e.getMessage().contains("rank"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Peers.train(ModelSpec.of("mahout-svd"), DATA, 1L));
        assertTrue(e.getMessage().contains("mahout-svd") && e.getMessage().contains("librec-bpr"), e.getMessage());
    }
}

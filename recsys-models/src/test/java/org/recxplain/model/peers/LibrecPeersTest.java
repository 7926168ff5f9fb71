package org.recxplain.model.peers;

import net.librec.common.LibrecException;
import net.librec.math.algorithm.Randoms;
import net.librec.recommender.AbstractRecommender;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.cf.ranking.BPRRecommender;
import net.librec.recommender.cf.rating.BiasedMFRecommender;
import net.librec.recommender.item.RecommendedItem;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.ImplicitFeedback;
import org.recxplain.data.Interactions;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.Popularity;
import org.recxplain.model.Recommender;
import org.recxplain.model.testing.Holdout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LibrecPeersTest {
    static final Dataset DATA = SyntheticData.small(7).generate().dataset();
    static final LibrecBiasedMf.Config MF = new LibrecBiasedMf.Config(8, 20, 0.01, 0.01, 0.01);
    static final LibrecBpr.Config BPR = new LibrecBpr.Config(8, 30, 0.05, 0.01);

    @Test
    void biasedMfTopKIsLibrecsOwnRankingList() throws LibrecException {
        LibrecBiasedMf ours = LibrecBiasedMf.train(DATA, MF, 5L);
        RecommenderContext context = LibrecBiasedMf.context(DATA, null, MF);
        compareTopK("biased MF", ours, librecRanking(new BiasedMFRecommender(), context, 5L));
    }

    @Test
    void bprTopKIsLibrecsOwnRankingList() throws LibrecException {
        LibrecBpr ours = LibrecBpr.train(DATA, BPR, 5L);
        compareTopK("BPR", ours, librecRanking(new BPRRecommender(), LibrecBpr.context(DATA, BPR), 5L));
    }

    /** LibRec's own ranking mode: its top 10 of every user, by external user ID. */
    private static Map<String, List<RecommendedItem>> librecRanking(AbstractRecommender rec, RecommenderContext context,
                                                                  long seed) throws LibrecException {
        context.getConf().set("rec.recommender.isranking", "true");
        context.getConf().set("rec.recommender.ranking.topn", "10");
        return byUser(run(rec, context, seed));
    }

    private static List<RecommendedItem> run(AbstractRecommender rec, RecommenderContext context, long seed)
            throws LibrecException {
        synchronized (LibrecData.LOCK) {
            Randoms.seed(seed);
            rec.recommend(context);
        }
        return rec.getRecommendedList();
    }

    private static Map<String, List<RecommendedItem>> byUser(List<RecommendedItem> list) {
        Map<String, List<RecommendedItem>> m = new TreeMap<>();
        for (RecommendedItem r : list) {
            m.computeIfAbsent(r.getUserId(), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    private static void compareTopK(String who, Recommender ours, Map<String, List<RecommendedItem>> theirs) {
        Interactions x = DATA.interactions();
        assertEquals(x.numUsers(), theirs.size());
        float[] scores = new float[ours.numItems()];
        for (int u = 0; u < x.numUsers(); u++) {
            List<RecommendedItem> list = theirs.get(x.users().id(u));
            int[] items = new int[list.size()];
            float[] values = new float[list.size()];
            for (int p = 0; p < items.length; p++) {
                assertEquals(x.users().id(u), list.get(p).getUserId());
                items[p] = x.items().require(list.get(p).getItemId(), "item");
                values[p] = (float) list.get(p).getValue();
            }
            ours.scoreAll(u, scores);
            TopKAssert.assertSameTopK(who + " user " + u, scores, x.userRow(u).indices(), 10, items, values);
        }
    }

    @Test
    void biasedMfRatingPredictionsAreLibrecsOwn() throws LibrecException {
        Holdout.Parts split = Holdout.random(DATA, 0.1, 3);
        LibrecBiasedMf ours = LibrecBiasedMf.train(split.train(), MF, 5L);
        List<RecommendedItem> theirs = run(new BiasedMFRecommender(),
                LibrecBiasedMf.context(split.train(), split.test().interactions(), MF), 5L);
        Interactions test = split.test().interactions();
        assertEquals(test.size(), theirs.size());
        for (RecommendedItem r : theirs) {
            int u = test.users().require(r.getUserId(), "user");
            int i = test.items().require(r.getItemId(), "item");
            assertFalse(Float.isNaN(test.value(u, i)), "LibRec predicted a pair outside the test half");
            assertEquals(r.getValue(), ours.predictRating(u, i), 0.0, "prediction of " + r.getUserId() + ", "
                    + r.getItemId());
        }
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        String a = LibrecBpr.train(DATA, BPR, 1L).info().fingerprint();
        assertEquals(a, LibrecBpr.train(DATA, BPR, 1L).info().fingerprint());
        assertNotEquals(a, LibrecBpr.train(DATA, BPR, 2L).info().fingerprint());
        String b = LibrecBiasedMf.train(DATA, MF, 1L).info().fingerprint();
        assertEquals(b, LibrecBiasedMf.train(DATA, MF, 1L).info().fingerprint());
        assertNotEquals(b, LibrecBiasedMf.train(DATA, MF, 2L).info().fingerprint());
    }

    @Test
    void saneHitRateOnPlantedTastes() {
        Holdout.Parts split = Holdout.leaveLastOut(ImplicitFeedback.atLeast(4).apply(DATA));
        Interactions test = split.test().interactions();
        double pop = Holdout.hitRate(Popularity.train(split.train()), test, 10);
        double bpr = Holdout.hitRate(LibrecBpr.train(split.train(), BPR, 1L), test, 10);
        assertTrue(bpr > pop, "LibRec BPR HR@10 " + bpr + " vs popularity " + pop);
        // a rating model ranks by predicted rating: on planted ratings where disliked items get low ratings
        // (30% of interactions are random items rated 1 to 3), it must beat popularity too
        Holdout.Parts rated = Holdout.leaveLastOut(new org.recxplain.data.synth.SyntheticData(800, 200, 6, 2, 60, 0.3, 8)
                .generate().dataset());
        double ratedPop = Holdout.hitRate(Popularity.train(rated.train()), rated.test().interactions(), 10);
        double mf = Holdout.hitRate(LibrecBiasedMf.train(rated.train(), MF, 1L), rated.test().interactions(), 10);
        assertTrue(mf > ratedPop, "LibRec biased MF HR@10 " + mf + " vs popularity " + ratedPop);
    }

    @Test
    void specsAndErrors() {
        Recommender m = Peers.train(ModelSpec.of("librec-bpr").with("factors", 4).with("iterations", 2), DATA, 1L);
        assertEquals("librec-bpr", m.info().family());
        assertEquals("4", m.info().config().get("factors"));
        assertEquals(1L, m.info().seed());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Peers.train(ModelSpec.of("librec-biased-mf").with("learningRate", "fast"), DATA, 1L));
        assertTrue(e.getMessage().contains("learningRate") && e.getMessage().contains("fast"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Peers.train(ModelSpec.of("librec-bpr").with("factors", 0), DATA, 1L));
        assertTrue(e.getMessage().contains("factors"), e.getMessage());
        Dataset empty = Dataset.of("empty", org.recxplain.data.InteractionsBuilder.over(DATA.interactions().users(),
                DATA.interactions().items()).build());
        e = assertThrows(IllegalArgumentException.class, () -> LibrecBpr.train(empty, BPR, 1L));
        assertTrue(e.getMessage().contains("no interactions"), e.getMessage());
    }
}

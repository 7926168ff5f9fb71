package org.recxplain.explain.baseline;

import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explanation;
import org.recxplain.model.Popularity;
import org.recxplain.model.peers.MahoutItemBased;
import org.recxplain.model.peers.MahoutSimilarity;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MahoutBecauseExplainerTest {
    /**
     * Three users, four items: u0 rated i0=5, i1=3, i2=4; u1 rated i0=4, i1=2, i3=5; u2 rated i1=4, i2=2, i3=3.
     */
    static Dataset tiny() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("u0", "i0", 5).add("u0", "i1", 3).add("u0", "i2", 4);
        b.add("u1", "i0", 4).add("u1", "i1", 2).add("u1", "i3", 5);
        b.add("u2", "i1", 4).add("u2", "i2", 2).add("u2", "i3", 3);
        return Dataset.of("tiny", b.build());
    }

    @Test
    void cosineWeightsMatchAHandComputation() {
        Dataset data = tiny();
        MahoutItemBased model = MahoutItemBased.train(data, new MahoutItemBased.Config(MahoutSimilarity.Kind.COSINE,
                false));
        Explanation e = new MahoutBecauseExplainer(model).explain(0, 3);
        // uncentered cosine over the users who rated both: i3~i0 via u1 only (5,4): 1;
        // i3~i1 via u1 (5,2) and u2 (3,4): 22 / sqrt(34 * 20); i3~i2 via u2 only (3,2): 1
        double w0 = (1 + 1.0) * 5;
        double w1 = (1 + 22 / Math.sqrt(34 * 20)) * 3;
        double w2 = (1 + 1.0) * 4;
        assertWeights(e, new int[] {0, 2, 1}, new double[] {w0, w2, w1});
        assertEquals("model", e.provenance().config().get("source"));
        assertEquals("cosine", e.provenance().config().get("similarity"));
    }

    @Test
    void logLikelihoodWeightsForAnyModelMatchAHandComputation() {
        Dataset data = tiny();
        Explanation e = new MahoutBecauseExplainer(Popularity.train(data)).explain(0, 3);
        // 2x2 tables (both, target only, history item only, neither) over the 3 users
        double s0 = llrSimilarity(1, 1, 1, 0);   // i3 and i0
        double s1 = llrSimilarity(2, 0, 1, 0);   // i3 and i1
        double s2 = llrSimilarity(1, 1, 1, 0);   // i3 and i2
        double[] w = {(1 + s0) * 5, (1 + s1) * 3, (1 + s2) * 4};
        assertEquals(3, e.attributions().size());
        for (Attribution a : e.attributions()) {
            assertEquals(w[a.index()], a.weight(), 1e-12, "item " + a.id());
        }
        assertEquals("training-data", e.provenance().config().get("source"));
        assertEquals("loglikelihood", e.provenance().config().get("similarity"));
    }

    /** Mahout's log-likelihood similarity 1 - 1/(1 + LLR), with Dunning's LLR written out. */
    private static double llrSimilarity(long k11, long k12, long k21, long k22) {
        double row = h(k11 + k12, k21 + k22);
        double col = h(k11 + k21, k12 + k22);
        double all = h(k11, k12, k21, k22);
        double llr = Math.max(0, 2 * (row + col - all));
        return 1 - 1 / (1 + llr);
    }

    /** Unnormalised entropy: xlogx(sum) - sum xlogx(k). */
    private static double h(long... k) {
        long sum = 0;
        double parts = 0;
        for (long v : k) {
            sum += v;
            parts += v == 0 ? 0 : v * Math.log(v);
        }
        return (sum == 0 ? 0 : sum * Math.log(sum)) - parts;
    }

    @Test
    void theExplainedItemItselfAndUndefinedSimilaritiesWeighZero() {
        Dataset data = tiny();
        MahoutItemBased model = MahoutItemBased.train(data, new MahoutItemBased.Config(
                MahoutSimilarity.Kind.LOGLIKELIHOOD, false));
        Explanation own = new MahoutBecauseExplainer(model).explain(0, 1);   // i1 is in u0's history
        for (Attribution a : own.attributions()) {
            if (a.index() == 1) {
                assertEquals(0.0, a.weight());
            }
        }
        assertEquals(3, own.attributions().size());
    }

    @Test
    void equalsMahoutsOwnRecommendedBecause() throws TasteException {
        Dataset data = SyntheticData.small(3).generate().dataset();
        for (boolean booleanPrefs : new boolean[] {false, true}) {
            MahoutItemBased model = MahoutItemBased.train(data, new MahoutItemBased.Config(
                    MahoutSimilarity.Kind.LOGLIKELIHOOD, booleanPrefs));
            MahoutBecauseExplainer explainer = new MahoutBecauseExplainer(model);
            for (int u = 0; u < 20; u++) {
                int item = model.recommend(u, 1).get(0).item();
                Explanation e = explainer.explain(u, item);
                List<RecommendedItem> mahout = model.delegate().recommendedBecause(u, item, 5);
                assertTrue(mahout.size() >= 2, "user " + u);
                for (int p = 0; p < mahout.size(); p++) {
                    Attribution a = e.attributions().get(p);
                    assertEquals(mahout.get(p).getValue(), (float) a.weight(), "user " + u + " position " + p);
                    assertEquals(mahout.get(p).getValue(), (float) weightOf(e, (int) mahout.get(p).getItemID()));
                }
            }
        }
    }

    private static double weightOf(Explanation e, int item) {
        return e.attributions().stream().filter(a -> a.index() == item).findFirst().orElseThrow().weight();
    }

    private static void assertWeights(Explanation e, int[] items, double[] weights) {
        assertEquals(items.length, e.attributions().size());
        for (int p = 0; p < items.length; p++) {
            assertEquals(items[p], e.attributions().get(p).index(), "position " + p);
            assertEquals(weights[p], e.attributions().get(p).weight(), 1e-12, "position " + p);
        }
    }
}

package org.recxplain.eval.bench;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.FeatureRecommender;
import org.recxplain.model.FoldIn;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.Recommender;
import org.recxplain.model.als.ImplicitAls;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CountingModelsTest {
    static final Dataset DATA = SyntheticData.small(1).generate().dataset();

    /** A model that both folds in and reads features, scoring every item 1. */
    static final class Both implements FoldIn, FeatureRecommender {
        @Override
        public ModelInfo info() {
            return new ModelInfo("both", Map.of(), 0, "0");
        }

        @Override
        public Dataset data() {
            return DATA;
        }

        @Override
        public void scoreAll(int user, float[] out) {
            java.util.Arrays.fill(out, 1f);
        }

        @Override
        public void scoreAllFolded(int user, Row history, float[] out) {
            scoreAll(user, out);
        }

        @Override
        public void scoreWithFeatures(int user, Row[] userFeatures, int[] items, Row[] itemFeatures, float[] out) {
            java.util.Arrays.fill(out, 0, items.length, 1f);
        }
    }

    @Test
    void wrappersKeepTheModelsCapabilitiesAndCountEveryBatchCallPerThread() throws Exception {
        Recommender als = ImplicitAls.train(DATA, ImplicitAls.Config.defaults().withFactors(4).withIterations(2)
                .withThreads(1));
        CountingModels.Counted a = CountingModels.wrap(als);
        assertInstanceOf(FoldIn.class, a);
        assertFalse(a instanceof FeatureRecommender);
        float[] out = new float[DATA.interactions().numItems()];
        a.scoreAll(0, out);
        ((FoldIn) a).scoreAllFolded(0, Row.EMPTY, out);
        ((FoldIn) a).scoreFolded(0, Row.EMPTY, new int[] {1, 2}, out);
        assertEquals(3, a.calls());
        Thread other = new Thread(() -> assertEquals(0, a.calls()));
        other.start();
        other.join();

        CountingModels.Counted b = CountingModels.wrap(new Both());
        assertInstanceOf(FoldIn.class, b);
        assertInstanceOf(FeatureRecommender.class, b);
        ((FeatureRecommender) b).scoreWithFeatures(0, new Row[] {Row.EMPTY}, new int[] {0}, new Row[] {Row.EMPTY}, out);
        b.scoreAll(0, out);
        assertEquals(2, b.calls(), "feature calls and scoring calls share one counter");
    }
}

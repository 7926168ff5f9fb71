package org.recxplain.eval.bench;

import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;
import org.recxplain.model.FeatureRecommender;
import org.recxplain.model.FoldIn;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.Recommender;

/**
 * Wrappers that count the batch model calls a black-box explainer makes: {@code scoreAll},
 * {@code scoreAllFolded}, {@code scoreFolded} and {@code scoreWithFeatures}, one each per call, whatever
 * the number of items it scores. Counts are kept per thread, so targets explained in parallel are counted
 * apart. A wrapper exposes exactly the capabilities of the model it wraps (fold-in, side features), so that
 * explainers choose the same path as on the model itself; explainers that read a model's internals (the
 * exact ALS and MF explainers) do not accept a wrapper and make no black-box calls.
 *
 * <p>Thread-safety: as the wrapped model; the counters are per thread.
 */
final class CountingModels {
    private CountingModels() {
    }

    /** A counting wrapper with the capabilities of {@code model}. */
    static Counted wrap(Recommender model) {
        if (model instanceof FoldIn f && model instanceof FeatureRecommender fr) {
            return new Both(f, fr);
        }
        if (model instanceof FoldIn f) {
            return new Folding(f);
        }
        if (model instanceof FeatureRecommender fr) {
            return new Featured(fr);
        }
        return new Plain(model);
    }

    /** A counting recommender. */
    interface Counted extends Recommender {
        /** Calls made by the current thread so far. */
        long calls();
    }

    private static class Plain implements Counted {
        final Recommender model;
        private final ThreadLocal<long[]> count;

        Plain(Recommender model) {
            this(model, ThreadLocal.withInitial(() -> new long[1]));
        }

        Plain(Recommender model, ThreadLocal<long[]> count) {
            this.model = model;
            this.count = count;
        }

        final void count() {
            count.get()[0]++;
        }

        /** The per-thread counter, shared with a delegate that counts for this wrapper. */
        final ThreadLocal<long[]> counter() {
            return count;
        }

        @Override
        public long calls() {
            return count.get()[0];
        }

        @Override
        public ModelInfo info() {
            return model.info();
        }

        @Override
        public Dataset data() {
            return model.data();
        }

        @Override
        public void scoreAll(int user, float[] out) {
            count();
            model.scoreAll(user, out);
        }
    }

    private static class Folding extends Plain implements FoldIn {
        private final FoldIn folding;

        Folding(FoldIn model) {
            super(model);
            this.folding = model;
        }

        @Override
        public void scoreAllFolded(int user, Row history, float[] out) {
            count();
            folding.scoreAllFolded(user, history, out);
        }

        @Override
        public void scoreFolded(int user, Row history, int[] items, float[] out) {
            count();
            folding.scoreFolded(user, history, items, out);
        }
    }

    private static final class Featured extends Plain implements FeatureRecommender {
        private final FeatureRecommender featured;

        Featured(FeatureRecommender model) {
            super(model);
            this.featured = model;
        }

        Featured(FeatureRecommender model, ThreadLocal<long[]> count) {
            super(model, count);
            this.featured = model;
        }

        @Override
        public SideFeatures itemFeatures() {
            return featured.itemFeatures();
        }

        @Override
        public SideFeatures userFeatures() {
            return featured.userFeatures();
        }

        @Override
        public void scoreWithFeatures(int user, Row[] userFeatures, int[] items, Row[] itemFeatures, float[] out) {
            count();
            featured.scoreWithFeatures(user, userFeatures, items, itemFeatures, out);
        }
    }

    private static final class Both extends Folding implements FeatureRecommender {
        private final Featured features;

        Both(FoldIn folding, FeatureRecommender featured) {
            super(folding);
            this.features = new Featured(featured, counter());
        }

        @Override
        public SideFeatures itemFeatures() {
            return features.itemFeatures();
        }

        @Override
        public SideFeatures userFeatures() {
            return features.userFeatures();
        }

        @Override
        public void scoreWithFeatures(int user, Row[] userFeatures, int[] items, Row[] itemFeatures, float[] out) {
            features.scoreWithFeatures(user, userFeatures, items, itemFeatures, out);
        }
    }
}

package org.recxplain.explain.feature;

import org.recxplain.data.FeatureDictionary;
import org.recxplain.data.Row;
import org.recxplain.data.Sampling;
import org.recxplain.data.SideFeatures;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;
import org.recxplain.model.fm.FeatureScaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * LIME-RS (Nóbrega and Marinho, SAC 2019) for any recommender, including black boxes that never read side
 * features (implicit ALS, say): the neighbourhood of the explained item is a sample of real items, each
 * described by its item side features, and a ridge surrogate maps those features to the model's scores for
 * the user.
 *
 * <p>Per explanation: one {@link Recommender#scoreAll} call for the user. {@code samples + heldOut}
 * distinct items besides the target are drawn without replacement: a share {@code topShare} uniformly from
 * the user's top-ranked items (a pool twice that size, by the model's ranking), the rest uniformly from the
 * catalogue. They are shuffled and split into the fitting set (with the target) and the held-out set. When
 * the catalogue is that small, every item is used and at most a fifth of them are held out. An item's representation has one column per feature: 1 for a
 * categorical or multi-valued feature it has, the standardised value ({@link FeatureScaling}) for a numeric
 * one, 0 otherwise; the columns are the target's own features and then the most frequent other features of
 * the fitting set, up to {@code maxFeatures}. Samples are weighted by exp(-d^2 / (2 width^2)), d the cosine
 * distance to the target's representation (1 when either is all zero). The surrogate is a weighted ridge
 * regression with an intercept (weights rescaled to mean 1); the attributions are the coefficients of the
 * target's own features, the {@code topK} largest by magnitude: the estimated score difference an item
 * gets for having the feature. The surrogate's weighted R^2 on the held-out items goes into the note and
 * {@link LimeResult#fidelityR2()}.
 *
 * <p>Seeded: the stream of a (user, item) pair depends only on the seed and the pair, so the same seed gives
 * the same explanation to the byte.
 *
 * <p>Thread-safety: immutable.
 */
public final class LimeRsExplainer implements Explainer {
    /** The name used in the CLI and JSON. */
    public static final String NAME = "lime-rs";

    /**
     * Settings of LIME-RS.
     *
     * @param samples     neighbourhood items the surrogate is fitted on, besides the target (&ge; 2)
     * @param heldOut     further items to measure fidelity on (&ge; 1)
     * @param topK        features reported (&ge; 1)
     * @param topShare    share of the neighbourhood drawn from the user's top-ranked items, in [0, 1]
     * @param kernelWidth kernel width over the cosine distance (&gt; 0)
     * @param ridge       ridge penalty with weights rescaled to mean 1 (&ge; 0)
     * @param maxFeatures most surrogate columns (&ge; 1; the target's own features are always included)
     */
    public record Config(int samples, int heldOut, int topK, double topShare, double kernelWidth, double ridge,
                         int maxFeatures) {
        public Config {
            if (samples < 2 || heldOut < 1 || topK < 1 || maxFeatures < 1) {
                throw new IllegalArgumentException("samples >= 2, heldOut >= 1, topK >= 1 and maxFeatures >= 1 "
                        + "required, got " + samples + ", " + heldOut + ", " + topK + ", " + maxFeatures);
            }
            if (!(topShare >= 0 && topShare <= 1) || !(kernelWidth > 0) || !(ridge >= 0)) {
                throw new IllegalArgumentException("topShare in [0, 1], kernelWidth > 0 and ridge >= 0 required, got "
                        + topShare + ", " + kernelWidth + ", " + ridge);
            }
        }

        /** 400 samples, 100 held out, top 10, half from the top, width 0.5, ridge 1, 64 features. */
        public static Config defaults() {
            return new Config(400, 100, 10, 0.5, 0.5, 1.0, 64);
        }

        public Config withSamples(int n) {
            return new Config(n, heldOut, topK, topShare, kernelWidth, ridge, maxFeatures);
        }

        public Config withHeldOut(int n) {
            return new Config(samples, n, topK, topShare, kernelWidth, ridge, maxFeatures);
        }

        public Config withTopK(int k) {
            return new Config(samples, heldOut, k, topShare, kernelWidth, ridge, maxFeatures);
        }

        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("samples", Integer.toString(samples));
            m.put("heldOut", Integer.toString(heldOut));
            m.put("topK", Integer.toString(topK));
            m.put("topShare", Double.toString(topShare));
            m.put("kernelWidth", Double.toString(kernelWidth));
            m.put("ridge", Double.toString(ridge));
            m.put("maxFeatures", Integer.toString(maxFeatures));
            return m;
        }
    }

    private final Recommender model;
    private final Config config;
    private final long seed;
    private final Provenance provenance;
    private final SideFeatures features;
    private final FeatureScaling scaling;

    public LimeRsExplainer(Recommender model, Config config, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        this.provenance = new Provenance(NAME, config.asMap(), seed, model.info().id());
        this.features = model.data().itemFeatures();
        this.scaling = FeatureScaling.of(features);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Explanation explain(int user, int item) {
        return explainWithDiagnostics(user, item).explanation();
    }

    /**
     * Explains with the surrogate's fidelity.
     *
     * @throws IndexOutOfBoundsException if the user or the item is out of range
     */
    public LimeResult explainWithDiagnostics(int user, int item) {
        long start = System.nanoTime();
        int n = model.numItems();
        Objects.checkIndex(item, n);
        float[] scores = new float[n];
        model.scoreAll(user, scores);
        Row target = features.of(item);
        if (target.size() == 0) {
            Explanation e = Explanations.of(Explanations.target(model, user, item, scores[item]), provenance, List.of(),
                    Optional.empty(), Optional.of("the item has no side features"), start);
            return new LimeResult(e, scores[item], Double.NaN, 0, 0, LimeResult.Design.NEIGHBOURHOOD);
        }
        SplittableRandom rnd = FeatureAttributions.stream(seed, user, item);
        int[] sample = neighbourhood(scores, item, rnd);
        int heldOut = sample.length == config.samples() + config.heldOut() ? config.heldOut()
                : Math.max(1, Math.min(config.heldOut(), sample.length / 5));
        int[] held = Arrays.copyOfRange(sample, 0, heldOut);
        int[] fit = new int[sample.length - heldOut + 1];
        fit[0] = item;
        System.arraycopy(sample, heldOut, fit, 1, sample.length - heldOut);

        int[] columns = columns(target, fit);
        double[][] x = represent(fit, columns);
        double[][] hx = represent(held, columns);
        double[] w = weights(x, x[0]);
        double[] hw = weights(hx, x[0]);
        WeightedLeastSquares.Fit surrogate = Surrogates.fit(x, columns.length, values(scores, fit), w, config.ridge());
        double r2 = WeightedLeastSquares.r2(surrogate, hx, values(scores, held), hw);

        FeatureDictionary dict = features.dictionary();
        int[] own = WeightedLeastSquares.allColumns(target.size());
        List<Attribution> attributions = new ArrayList<>();
        for (int j : Surrogates.top(surrogate.coef(), own, config.topK())) {
            attributions.add(FeatureAttributions.item(dict, target.indices()[j], target.values()[j],
                    surrogate.coef()[j]));
        }
        String note = Surrogates.fidelityNote(r2, fit.length, held.length, false);
        Explanation e = Explanations.of(Explanations.target(model, user, item, scores[item]), provenance, attributions,
                Optional.empty(), Optional.of(note), start);
        return new LimeResult(e, surrogate.intercept(), r2, fit.length, held.length, LimeResult.Design.NEIGHBOURHOOD);
    }

    /** Distinct items other than the target, shuffled: part from the user's top, the rest from everywhere. */
    private int[] neighbourhood(float[] scores, int item, SplittableRandom rnd) {
        int n = scores.length;
        int want = config.samples() + config.heldOut();
        boolean[] taken = new boolean[n];
        taken[item] = true;
        int[] out;
        if (want >= n - 1) {
            out = new int[n - 1];
            for (int i = 0, q = 0; i < n; i++) {
                if (i != item) {
                    out[q++] = i;
                }
            }
        } else {
            out = new int[want];
            int q = 0;
            int fromTop = (int) Math.round(config.topShare() * want);
            int[] pool = Rankings.topK(scores, Math.min(n - 1, 2 * fromTop), new int[] {item});
            int[] order = Sampling.permutation(pool.length, rnd);
            for (int t = 0; t < Math.min(fromTop, pool.length); t++) {
                out[q++] = pool[order[t]];
                taken[pool[order[t]]] = true;
            }
            while (q < want) {
                int i = rnd.nextInt(n);
                if (!taken[i]) {
                    taken[i] = true;
                    out[q++] = i;
                }
            }
        }
        int[] perm = Sampling.permutation(out.length, rnd);
        int[] shuffled = new int[out.length];
        for (int t = 0; t < out.length; t++) {
            shuffled[t] = out[perm[t]];
        }
        return shuffled;
    }

    /** The target's features, then the most frequent other features of the fitting items. */
    private int[] columns(Row target, int[] fit) {
        int nf = features.numFeatures();
        int[] count = new int[nf];
        for (int i : fit) {
            for (int f : features.of(i).indices()) {
                count[f]++;
            }
        }
        for (int f : target.indices()) {
            count[f] = -1;
        }
        Integer[] others = java.util.stream.IntStream.range(0, nf).filter(f -> count[f] > 0).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(others, (a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a]) : Integer.compare(a, b));
        int extra = Math.max(0, Math.min(others.length, config.maxFeatures() - target.size()));
        int[] cols = Arrays.copyOf(target.indices(), target.size() + extra);
        for (int j = 0; j < extra; j++) {
            cols[target.size() + j] = others[j];
        }
        return cols;
    }

    /** Each item's value in each column. */
    private double[][] represent(int[] items, int[] columns) {
        Map<Integer, Integer> col = new java.util.HashMap<>();
        for (int j = 0; j < columns.length; j++) {
            col.put(columns[j], j);
        }
        double[][] x = new double[items.length][columns.length];
        for (int s = 0; s < items.length; s++) {
            Row r = features.of(items[s]);
            for (int p = 0; p < r.size(); p++) {
                Integer j = col.get(r.indices()[p]);
                if (j != null) {
                    x[s][j] = scaling.scale(r.indices()[p], r.values()[p]);
                }
            }
        }
        return x;
    }

    private double[] weights(double[][] x, double[] target) {
        double tn = Math.sqrt(dot(target, target));
        double[] w = new double[x.length];
        for (int s = 0; s < x.length; s++) {
            double xn = Math.sqrt(dot(x[s], x[s]));
            double d = tn == 0 || xn == 0 ? 1 : 1 - dot(x[s], target) / (tn * xn);
            w[s] = Math.exp(-d * d / (2 * config.kernelWidth() * config.kernelWidth()));
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static double[] values(float[] scores, int[] items) {
        double[] y = new double[items.length];
        for (int s = 0; s < items.length; s++) {
            y[s] = scores[items[s]];
        }
        return y;
    }

    public Config config() {
        return config;
    }
}

package org.recxplain.model.fm;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;
import org.recxplain.model.FeatureRecommender;
import org.recxplain.model.Fingerprint;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.io.ModelCodec;
import org.recxplain.model.io.ModelReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A second-order factorisation machine (Rendle, ICDM 2010) over the one-hot user ID, the one-hot item ID,
 * the item side features and the user side features (see {@link InputLayout}):
 * <pre>
 *   y(x) = w0 + sum_f w_f x_f + sum_{f &lt; g} &lt;v_f, v_g&gt; x_f x_g,
 * </pre>
 * with the pairwise sum computed in O(k nnz(x)) as 1/2 sum_c [(sum_f v_fc x_f)^2 - sum_f v_fc^2 x_f^2].
 * Input values are those of {@link FeatureScaling}: 1 for the IDs and for categorical features, 1 / (number
 * of the entity's own features in the group) for multi-valued features (each multi-hot group of an
 * entity sums to 1; a perturbed row keeps its entity's divisor, so the model stays second order in which
 * features are on),
 * standardised values for numeric features, 0 for anything absent.
 *
 * <p>Training is sequential stochastic gradient descent, seeded by a {@link SplittableRandom}, so the same
 * data, configuration and seed give the same parameters to the bit. Every observed interaction counts as a
 * positive, whatever its value. With {@link Loss#BPR} each step draws an observed (u, i) and an unobserved
 * item j of u and descends -ln sigma(y(u,i) - y(u,j)) (Rendle et al., UAI 2009); with {@link Loss#SQUARED}
 * each positive has target 1 and is followed by {@code negatives} sampled unobserved items with target 0
 * (loss 1/2 (y - t)^2). An epoch has as many positive draws (with replacement) as there are interactions.
 * All touched parameters get L2 regularisation; w0 does not.
 *
 * <p>Scoring splits every input into a user part and an item part, precomputed once, so
 * {@link #scoreAll(int, float[])} costs O(items k). {@link #decompose(int, int)} gives the exact
 * per-input split of a score, the ground truth for feature explainers.
 *
 * <p>Thread-safety: immutable once trained; scoring and decomposition may run from many threads.
 */
public final class FactorizationMachine implements FeatureRecommender {
    private static final Logger LOG = LoggerFactory.getLogger(FactorizationMachine.class);

    /** The family name used in {@link ModelInfo}. */
    public static final String FAMILY = "fm";

    /** The training loss. */
    public enum Loss {
        /** Pairwise Bayesian personalised ranking with one sampled negative per positive. */
        BPR,
        /** Pointwise squared loss: target 1 for positives, 0 for sampled negatives. */
        SQUARED
    }

    /**
     * Hyper-parameters of the factorisation machine.
     *
     * @param factors        the number of latent factors k (&ge; 1)
     * @param loss           the training loss
     * @param learningRate   the SGD step size (&gt; 0)
     * @param regularization L2 regularisation of w and v (&ge; 0)
     * @param epochs         passes over the interactions (&ge; 1)
     * @param negatives      sampled negatives per positive for {@link Loss#SQUARED} (&ge; 1; BPR uses one)
     * @param initStd        standard deviation of the Gaussian initialisation of v (&gt; 0)
     * @param seed           the seed of initialisation and sampling
     */
    public record Config(int factors, Loss loss, double learningRate, double regularization, int epochs,
                         int negatives, double initStd, long seed) {
        public Config {
            Objects.requireNonNull(loss, "loss");
            if (factors < 1 || factors > 4096) {
                throw new IllegalArgumentException("factors must be in 1..4096, got " + factors);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be a positive finite number, got "
                        + learningRate);
            }
            if (!(regularization >= 0) || Double.isInfinite(regularization)) {
                throw new IllegalArgumentException("regularization must be a finite number >= 0, got "
                        + regularization);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (negatives < 1) {
                throw new IllegalArgumentException("negatives must be >= 1, got " + negatives);
            }
            if (!(initStd > 0) || Double.isInfinite(initStd)) {
                throw new IllegalArgumentException("initStd must be a positive finite number, got " + initStd);
            }
        }

        /**
         * k = 32, BPR, learning rate 0.05, regularisation 0.003, 15 epochs, 4 negatives, init 0.1, seed 42.
         * On ml-latest-small (leave-last-out) these train stably (largest |score| about 14) and beat
         * popularity (hit rate at 10: 0.056 against 0.043); 30 epochs at regularisation 0.001 overfit there.
         */
        public static Config defaults() {
            return new Config(32, Loss.BPR, 0.05, 0.003, 15, 4, 0.1, 42L);
        }

        public Config withFactors(int k) {
            return new Config(k, loss, learningRate, regularization, epochs, negatives, initStd, seed);
        }

        public Config withLoss(Loss l) {
            return new Config(factors, l, learningRate, regularization, epochs, negatives, initStd, seed);
        }

        public Config withLearningRate(double lr) {
            return new Config(factors, loss, lr, regularization, epochs, negatives, initStd, seed);
        }

        public Config withRegularization(double r) {
            return new Config(factors, loss, learningRate, r, epochs, negatives, initStd, seed);
        }

        public Config withEpochs(int n) {
            return new Config(factors, loss, learningRate, regularization, n, negatives, initStd, seed);
        }

        public Config withNegatives(int n) {
            return new Config(factors, loss, learningRate, regularization, epochs, n, initStd, seed);
        }

        public Config withInitStd(double s) {
            return new Config(factors, loss, learningRate, regularization, epochs, negatives, s, seed);
        }

        public Config withSeed(long s) {
            return new Config(factors, loss, learningRate, regularization, epochs, negatives, initStd, s);
        }

        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("factors", Integer.toString(factors));
            m.put("loss", loss.name().toLowerCase(java.util.Locale.ROOT));
            m.put("learningRate", Double.toString(learningRate));
            m.put("regularization", Double.toString(regularization));
            m.put("epochs", Integer.toString(epochs));
            if (loss == Loss.SQUARED) {
                m.put("negatives", Integer.toString(negatives));
            }
            m.put("initStd", Double.toString(initStd));
            return m;
        }
    }

    private final Dataset data;
    private final Config config;
    private final int k;
    private final InputLayout layout;
    private final FeatureScaling itemScaling;
    private final FeatureScaling userScaling;
    private final double w0;
    private final double[] w;
    private final double[] v;
    /** Per user: the sum of the linear and within-part pairwise terms of the user part; and s_u = sum v x. */
    private final double[] userBias;
    private final double[] userSum;
    private final double[] itemBias;
    private final double[] itemSum;
    private final ModelInfo info;

    private FactorizationMachine(Dataset data, Config config, InputLayout layout, FeatureScaling itemScaling,
                                 FeatureScaling userScaling, double w0, double[] w, double[] v) {
        this.data = data;
        this.config = config;
        this.k = config.factors();
        this.layout = layout;
        this.itemScaling = itemScaling;
        this.userScaling = userScaling;
        this.w0 = w0;
        this.w = w;
        this.v = v;
        int nu = layout.users();
        int ni = layout.items();
        userBias = new double[nu];
        userSum = new double[nu * k];
        itemBias = new double[ni];
        itemSum = new double[ni * k];
        for (int u = 0; u < nu; u++) {
            Part p = userPart(u, data.userFeatures().of(u));
            userBias[u] = p.accumulate(w, v, k, userSum, u * k);
        }
        for (int i = 0; i < ni; i++) {
            Part p = itemPart(i, data.itemFeatures().of(i));
            itemBias[i] = p.accumulate(w, v, k, itemSum, i * k);
        }
        double[] head = new double[w.length + 1];
        System.arraycopy(w, 0, head, 0, w.length);
        head[w.length] = w0;
        this.info = new ModelInfo(FAMILY, config.asMap(), config.seed(),
                Fingerprint.of(v) + Fingerprint.of(head).substring(0, 4));
    }

    /**
     * Trains on {@code data}: its interactions, {@link Dataset#itemFeatures()} and
     * {@link Dataset#userFeatures()}.
     *
     * @throws IllegalArgumentException if the data has no users or no items
     */
    public static FactorizationMachine train(Dataset data, Config config) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        InputLayout layout = layoutOf(data);
        FeatureScaling itemScaling = FeatureScaling.of(data.itemFeatures());
        FeatureScaling userScaling = FeatureScaling.of(data.userFeatures());
        Trainer t = new Trainer(data, config, layout, itemScaling, userScaling);
        t.run();
        return new FactorizationMachine(data, config, layout, itemScaling, userScaling, t.w0, t.w, t.v);
    }

    /** The input layout of a data set; the scalings and the layout are derived from the data alone. */
    private static InputLayout layoutOf(Dataset data) {
        Interactions x = data.interactions();
        if (x.numUsers() == 0 || x.numItems() == 0) {
            throw new IllegalArgumentException("cannot train a factorisation machine on " + x.numUsers()
                    + " users and " + x.numItems() + " items");
        }
        return new InputLayout(x.numUsers(), x.numItems(), data.itemFeatures().numFeatures(),
                data.userFeatures().numFeatures());
    }

    /** The format version of {@link #save(java.nio.file.Path)}. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Saves the model with its training data ({@link ModelCodec} layout): the configuration, the data, then
     * w0, the linear weights and the factors by their exact bit patterns. Layout and scalings are derived
     * from the data again on load.
     *
     * @throws java.io.IOException if the file cannot be written
     */
    public void save(java.nio.file.Path path) throws java.io.IOException {
        ModelCodec.write(path, FAMILY, FORMAT_VERSION,
                out -> out.writeInt(config.factors()).writeString(config.loss().name())
                        .writeDouble(config.learningRate()).writeDouble(config.regularization())
                        .writeInt(config.epochs()).writeInt(config.negatives()).writeDouble(config.initStd())
                        .writeLong(config.seed()),
                data, out -> out.writeDouble(w0).writeDoubles(w).writeDoubles(v));
    }

    /**
     * Reads the body of an FM model file (see {@link org.recxplain.model.Models#load(java.nio.file.Path)}).
     *
     * @throws java.io.IOException with a {@link org.recxplain.model.io.ModelFormatException} naming the file
     *                             if it is not an FM model, is truncated, corrupted or inconsistent
     */
    public static FactorizationMachine read(ModelReader r) throws java.io.IOException {
        return ModelCodec.read(r, FAMILY, FORMAT_VERSION,
                in -> new Config(in.readInt(), Loss.valueOf(in.readString()), in.readDouble(), in.readDouble(),
                        in.readInt(), in.readInt(), in.readDouble(), in.readLong()),
                (in, config, data) -> {
                    InputLayout layout = layoutOf(data);
                    double w0 = in.readDouble();
                    double[] w = in.readDoubles();
                    double[] v = in.readDoubles();
                    if (w.length != layout.size() || v.length != (long) layout.size() * config.factors()) {
                        throw new IllegalArgumentException("parameters do not match the data: " + w.length
                                + " weights and " + v.length + " factor entries for " + layout.size() + " inputs");
                    }
                    return new FactorizationMachine(data, config, layout, FeatureScaling.of(data.itemFeatures()),
                            FeatureScaling.of(data.userFeatures()), w0, w, v);
                });
    }

    /** The sparse input of one side (user part or item part): input indices and values. */
    record Part(int[] inputs, double[] values) {
        /**
         * Adds sum_f v_f x_f into {@code sum[off..off+k)} (which must start at zero) and returns
         * sum_f w_f x_f + 1/2 (|sum v x|^2 - sum |v_f|^2 x_f^2), the part's own terms.
         */
        double accumulate(double[] w, double[] v, int k, double[] sum, int off) {
            double lin = 0;
            double sq = 0;
            for (int p = 0; p < inputs.length; p++) {
                int f = inputs[p];
                double x = values[p];
                lin += w[f] * x;
                int o = f * k;
                for (int c = 0; c < k; c++) {
                    double vx = v[o + c] * x;
                    sum[off + c] += vx;
                    sq += vx * vx;
                }
            }
            double norm = 0;
            for (int c = 0; c < k; c++) {
                norm += sum[off + c] * sum[off + c];
            }
            return lin + 0.5 * (norm - sq);
        }
    }

    private Part userPart(int user, Row features) {
        return part(layout.userInput(user), user, features, userScaling, layout.users() + layout.items()
                + layout.itemFeatures(), "user " + data.interactions().users().id(user));
    }

    private Part itemPart(int item, Row features) {
        return part(layout.itemInput(item), item, features, itemScaling, layout.users() + layout.items(),
                "item " + data.interactions().items().id(item));
    }

    /** The ID input followed by the scaled feature inputs (ascending, since the row is). */
    private static Part part(int idInput, int entity, Row features, FeatureScaling scaling, int offset,
                             String who) {
        int n = features.size();
        int[] in = new int[n + 1];
        double[] val = new double[n + 1];
        in[0] = idInput;
        val[0] = 1;
        int[] idx = features.indices();
        float[] raw = features.values();
        for (int p = 0; p < n; p++) {
            int f = idx[p];
            if (f < 0 || f >= scaling.size()) {
                throw new IllegalArgumentException("feature index " + f + " of " + who + " is not in 0.."
                        + (scaling.size() - 1));
            }
            if (!Float.isFinite(raw[p])) {
                throw new IllegalArgumentException("feature " + f + " of " + who + " must be finite, got " + raw[p]);
            }
            in[p + 1] = offset + f;
        }
        System.arraycopy(scaling.scaleRow(entity, features), 0, val, 1, n);
        return new Part(in, val);
    }

    // ---------------------------------------------------------------------------------------- training

    /** Sequential SGD state; one per training run. */
    private static final class Trainer {
        private final Config config;
        private final int k;
        private final Part[] users;
        private final Part[] items;
        private final int[][] histories;
        private final int[] posUser;
        private final int[] posItem;
        private final SplittableRandom rnd;
        double w0;
        final double[] w;
        final double[] v;
        // scratch: gradients of the inputs touched in one step
        private final double[] gradW;
        private final double[] gradV;
        private final int[] stamp;
        private final int[] touched;
        private int step;
        private int nTouched;
        private final double[] sumA;
        private final double[] sumB;
        private final double[] itemScratch;
        private long skipped;

        Trainer(Dataset data, Config config, InputLayout layout, FeatureScaling itemScaling,
                FeatureScaling userScaling) {
            this.config = config;
            this.k = config.factors();
            Interactions x = data.interactions();
            int nu = x.numUsers();
            int ni = x.numItems();
            users = new Part[nu];
            items = new Part[ni];
            histories = new int[nu][];
            posUser = new int[x.size()];
            posItem = new int[x.size()];
            int n = 0;
            for (int u = 0; u < nu; u++) {
                users[u] = part(layout.userInput(u), u, data.userFeatures().of(u), userScaling,
                        layout.users() + layout.items() + layout.itemFeatures(), "user " + x.users().id(u));
                histories[u] = x.userRow(u).indices();
                for (int i : histories[u]) {
                    posUser[n] = u;
                    posItem[n++] = i;
                }
            }
            for (int i = 0; i < ni; i++) {
                items[i] = part(layout.itemInput(i), i, data.itemFeatures().of(i), itemScaling,
                        layout.users() + layout.items(), "item " + x.items().id(i));
            }
            int p = layout.size();
            rnd = new SplittableRandom(config.seed());
            w = new double[p];
            v = new double[p * k];
            for (int q = 0; q < v.length; q++) {
                v[q] = rnd.nextGaussian() * config.initStd();
            }
            gradW = new double[p];
            gradV = new double[p * k];
            stamp = new int[p];
            touched = new int[p];
            sumA = new double[k];
            sumB = new double[k];
            itemScratch = new double[k];
        }

        void run() {
            int nnz = posUser.length;
            int ni = items.length;
            long start = System.nanoTime();
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                double loss = 0;
                for (int t = 0; t < nnz; t++) {
                    int e = rnd.nextInt(nnz);
                    int u = posUser[e];
                    int i = posItem[e];
                    if (config.loss() == Loss.BPR) {
                        int j = negative(u, ni);
                        if (j >= 0) {
                            loss += bprStep(users[u], items[i], items[j]);
                        }
                    } else {
                        loss += squaredStep(users[u], items[i], 1.0);
                        for (int q = 0; q < config.negatives(); q++) {
                            int j = negative(u, ni);
                            if (j >= 0) {
                                loss += squaredStep(users[u], items[j], 0.0);
                            }
                        }
                    }
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("fm epoch {}/{}: mean loss {}", epoch + 1, config.epochs(), loss / Math.max(1, nnz));
                }
            }
            if (skipped > 0) {
                LOG.warn("fm training skipped {} draws of users who have interacted with every item", skipped);
            }
            LOG.debug("trained fm k={} in {} ms", k, (System.nanoTime() - start) / 1_000_000);
        }

        /** A uniformly drawn item the user has not interacted with, or -1 (counted) if none was found. */
        private int negative(int u, int ni) {
            int[] h = histories[u];
            if (h.length < ni) {
                for (int tries = 0; tries < 64; tries++) {
                    int j = rnd.nextInt(ni);
                    if (Arrays.binarySearch(h, j) < 0) {
                        return j;
                    }
                }
            }
            skipped++;
            return -1;
        }

        /** y for the user and item parts; fills {@code sum} with sum v x. */
        private double predict(Part user, Part item, double[] sum) {
            Arrays.fill(sum, 0);
            double b = user.accumulate(w, v, k, sum, 0);
            double[] s2 = itemScratch;
            Arrays.fill(s2, 0);
            double bi = item.accumulate(w, v, k, s2, 0);
            double cross = 0;
            for (int c = 0; c < k; c++) {
                cross += sum[c] * s2[c];
                sum[c] += s2[c];
            }
            return w0 + b + bi + cross;
        }

        private double bprStep(Part user, Part pos, Part neg) {
            double ya = predict(user, pos, sumA);
            double yb = predict(user, neg, sumB);
            double diff = ya - yb;
            double e = sigmoid(-diff);
            beginStep();
            gradient(user, -e, sumA);
            gradient(pos, -e, sumA);
            gradient(user, e, sumB);
            gradient(neg, e, sumB);
            apply(0);
            return softplus(-diff);
        }

        private double squaredStep(Part user, Part item, double target) {
            double y = predict(user, item, sumA);
            double g = y - target;
            beginStep();
            gradient(user, g, sumA);
            gradient(item, g, sumA);
            apply(g);
            return 0.5 * g * g;
        }

        private void beginStep() {
            step++;
            nTouched = 0;
        }

        /** Adds g * dy/dtheta of one part (within the input whose sum v x is {@code sum}), old parameters. */
        private void gradient(Part part, double g, double[] sum) {
            for (int p = 0; p < part.inputs().length; p++) {
                int f = part.inputs()[p];
                double x = part.values()[p];
                if (stamp[f] != step) {
                    stamp[f] = step;
                    touched[nTouched++] = f;
                    gradW[f] = 0;
                    Arrays.fill(gradV, f * k, f * k + k, 0);
                }
                gradW[f] += g * x;
                int o = f * k;
                for (int c = 0; c < k; c++) {
                    gradV[o + c] += g * x * (sum[c] - v[o + c] * x);
                }
            }
        }

        private void apply(double g0) {
            double lr = config.learningRate();
            double reg = config.regularization();
            w0 -= lr * g0;
            for (int t = 0; t < nTouched; t++) {
                int f = touched[t];
                w[f] -= lr * (gradW[f] + reg * w[f]);
                int o = f * k;
                for (int c = 0; c < k; c++) {
                    v[o + c] -= lr * (gradV[o + c] + reg * v[o + c]);
                }
            }
        }
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** ln(1 + e^z), stable. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    // ----------------------------------------------------------------------------------------- scoring

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Dataset data() {
        return data;
    }

    @Override
    public void scoreAll(int user, float[] out) {
        Objects.checkIndex(user, layout.users());
        int uo = user * k;
        double base = w0 + userBias[user];
        for (int i = 0; i < layout.items(); i++) {
            double s = base + itemBias[i];
            int io = i * k;
            for (int c = 0; c < k; c++) {
                s += userSum[uo + c] * itemSum[io + c];
            }
            out[i] = (float) s;
        }
    }

    /** The score of (user, item) in double precision (the value {@link #scoreAll} rounds to float). */
    public double score(int user, int item) {
        Objects.checkIndex(user, layout.users());
        Objects.checkIndex(item, layout.items());
        double s = w0 + userBias[user] + itemBias[item];
        for (int c = 0; c < k; c++) {
            s += userSum[user * k + c] * itemSum[item * k + c];
        }
        return s;
    }

    @Override
    public void scoreWithFeatures(int user, Row[] userFeatures, int[] items, Row[] itemFeatures, float[] out) {
        Objects.checkIndex(user, layout.users());
        if (userFeatures.length != items.length || itemFeatures.length != items.length) {
            throw new IllegalArgumentException(items.length + " items but " + userFeatures.length
                    + " user rows and " + itemFeatures.length + " item rows");
        }
        double[] us = new double[k];
        double[] is = new double[k];
        Row last = null;
        double ub = 0;
        for (int p = 0; p < items.length; p++) {
            Objects.checkIndex(items[p], layout.items());
            if (userFeatures[p] != last) {
                last = Objects.requireNonNull(userFeatures[p], "user row");
                Arrays.fill(us, 0);
                ub = userPart(user, last).accumulate(w, v, k, us, 0);
            }
            Arrays.fill(is, 0);
            double s = w0 + ub + itemPart(items[p], Objects.requireNonNull(itemFeatures[p], "item row"))
                    .accumulate(w, v, k, is, 0);
            for (int c = 0; c < k; c++) {
                s += us[c] * is[c];
            }
            out[p] = (float) s;
        }
    }

    // ----------------------------------------------------------------------------------- decomposition

    /** The exact per-input split of the score of (user, item) with their own feature rows. */
    public FmDecomposition decompose(int user, int item) {
        return decompose(user, data.userFeatures().of(user), item, data.itemFeatures().of(item));
    }

    /**
     * The exact per-input split of the score of (user, item) when their side features are the given rows
     * (raw units, as in {@link #scoreWithFeatures}): {@code w_f x_f + 1/2 sum_{g != f} <v_f, v_g> x_f x_g}
     * per active input, summing to the score minus w0. Costs O(k nnz).
     *
     * @throws IndexOutOfBoundsException if the user or item is out of range
     * @throws IllegalArgumentException  if a row names an unknown feature index
     */
    public FmDecomposition decompose(int user, Row userFeatures, int item, Row itemFeatures) {
        Objects.checkIndex(user, layout.users());
        Objects.checkIndex(item, layout.items());
        Part up = userPart(user, userFeatures);
        Part ip = itemPart(item, itemFeatures);
        int n = up.inputs().length + ip.inputs().length;
        int[] in = new int[n];
        double[] val = new double[n];
        // the item part's inputs all lie between the user ID and the user features
        int q = 0;
        in[q] = up.inputs()[0];
        val[q++] = up.values()[0];
        for (int p = 0; p < ip.inputs().length; p++) {
            in[q] = ip.inputs()[p];
            val[q++] = ip.values()[p];
        }
        for (int p = 1; p < up.inputs().length; p++) {
            in[q] = up.inputs()[p];
            val[q++] = up.values()[p];
        }
        double[] sum = new double[k];
        for (int p = 0; p < n; p++) {
            int o = in[p] * k;
            for (int c = 0; c < k; c++) {
                sum[c] += v[o + c] * val[p];
            }
        }
        double[] contrib = new double[n];
        for (int p = 0; p < n; p++) {
            int o = in[p] * k;
            double x = val[p];
            double dotS = 0;
            double norm = 0;
            for (int c = 0; c < k; c++) {
                dotS += v[o + c] * sum[c];
                norm += v[o + c] * v[o + c];
            }
            contrib[p] = w[in[p]] * x + 0.5 * x * (dotS - norm * x);
        }
        return new FmDecomposition(w0, in, val, contrib);
    }

    // --------------------------------------------------------------------------------------- accessors

    /** The input space: which input is which user, item or feature. */
    public InputLayout layout() {
        return layout;
    }

    /** The scaling of the item side features. */
    public FeatureScaling itemScaling() {
        return itemScaling;
    }

    /** The scaling of the user side features. */
    public FeatureScaling userScaling() {
        return userScaling;
    }

    /** The global bias w0. */
    public double bias() {
        return w0;
    }

    /** The linear weight w_f of an input. */
    public double linear(int input) {
        return w[Objects.checkIndex(input, w.length)];
    }

    /** A copy of the factor v_f of an input. */
    public double[] factor(int input) {
        Objects.checkIndex(input, w.length);
        return Arrays.copyOfRange(v, input * k, input * k + k);
    }

    /** The pairwise weight &lt;v_f, v_g&gt; of two inputs (its term is this times x_f x_g). */
    public double pairwise(int f, int g) {
        Objects.checkIndex(f, w.length);
        Objects.checkIndex(g, w.length);
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += v[f * k + c] * v[g * k + c];
        }
        return s;
    }

    /** A readable name of an input: {@code user:u3}, {@code item:i5}, {@code genre=g1}, {@code user:age}. */
    public String inputName(int input) {
        int local = layout.local(input);
        return switch (layout.block(input)) {
            case USER_ID -> "user:" + data.interactions().users().id(local);
            case ITEM_ID -> "item:" + data.interactions().items().id(local);
            case ITEM_FEATURE -> data.itemFeatures().dictionary().name(local);
            case USER_FEATURE -> "user:" + data.userFeatures().dictionary().name(local);
        };
    }

    /** The number of factors k. */
    public int factors() {
        return k;
    }

    public Config config() {
        return config;
    }

    @Override
    public SideFeatures itemFeatures() {
        return data.itemFeatures();
    }

    @Override
    public SideFeatures userFeatures() {
        return data.userFeatures();
    }

    @Override
    public String toString() {
        return "FactorizationMachine[" + info.id() + ", " + config + "]";
    }
}

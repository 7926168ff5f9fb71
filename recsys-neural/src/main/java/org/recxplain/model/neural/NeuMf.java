package org.recxplain.model.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.data.Sampling;
import org.recxplain.data.SideFeatures;
import org.recxplain.model.FeatureRecommender;
import org.recxplain.model.Fingerprint;
import org.recxplain.model.FoldIn;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.io.ModelCodec;
import org.recxplain.model.io.ModelFile;
import org.recxplain.model.io.ModelReader;
import org.recxplain.model.neural.NeuMfNetwork.View;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Neural matrix factorisation (NeuMF; He, Liao, Zhang, Nie, Hu and Chua, "Neural Collaborative Filtering",
 * WWW 2017) on DJL's PyTorch engine, with side-feature towers: a GMF tower (p_u^G * q_i^G) and an MLP tower
 * over [p_u^M, q_i^M, e_i, e_u], where e_i and e_u are mean-pooled embeddings of the item's and the user's
 * side features ({@link Dataset#itemFeatures()}, {@link Dataset#userFeatures()}; genres, tags, year and
 * decade for MovieLens), joined by a final linear layer (see {@link NeuMfNetwork} for the exact network).
 * The score of (u, i) is the logit f(u, i); sigma(f) is the predicted probability of an interaction.
 *
 * <p><b>Training.</b> Every observed interaction is a positive, whatever its value. Each epoch visits the
 * positives in a seeded random order, in batches of {@link Config#batchSize()}; each positive comes with
 * {@link Config#negatives()} items drawn uniformly among those the user has not interacted with. The loss is
 * the mean binary cross-entropy of the batch, minimised by Adam with decoupled weight decay
 * {@link Config#regularization()}. All randomness (initialisation, order, negatives, fold-in negatives) comes
 * from {@link SplittableRandom}s derived from {@link Config#seed()}; the engine's random seed is set from it
 * too, although no engine-side random operation is used. So the same data, configuration and seed give the
 * same parameters to the bit, on a machine with the same PyTorch build and number of intra-op threads.
 *
 * <p><b>User objective and fold-in.</b> With every parameter other than the user's own (p_u^G, p_u^M) fixed,
 * a user with history H has the objective
 * <pre>
 *   L_u(p) = [ mean_{i in H} softplus(-f_ui) + k mean_{j in N(H)} softplus(f_uj) ] / (1 + k)
 *            + (lambda / 2) |p|^2,
 * </pre>
 * with lambda = {@link Config#foldInRegularization()}, k = {@link Config#negatives()} and N(H) the first
 * {@link Config#foldInNegatives()} items outside H of one seeded permutation of the items (so a history
 * always gets the same negatives, and removing an interaction swaps at most one of them). {@link #foldIn(int, Row)} minimises L_u by damped Newton
 * steps from p = 0 with the exact Hessian (see {@link #userLossHessian(int, Row)}) until no step lowers L_u
 * (at most {@link Config#foldInIterations()} iterations). Training ends with a fold-in of every user's
 * training history, so the stored user parameters are what {@link #foldIn} gives for the training history
 * (up to float rounding: users are fitted in batches), {@link #scoreAllFolded} of the own history equals
 * {@link #scoreAll} up to rounding, and the stored parameters minimise L_u, which influence functions
 * assume. (L_u is piecewise smooth in p^M; where its minimiser lies on a ReLU switch the gradient there is
 * small but not zero: see {@link UserObjective}.)
 *
 * <p><b>Derivatives for explainers</b> (each computed by PyTorch's autograd; vectors are float arrays):
 * {@link #predictionGradient}, {@link #interactionLossGradient} and {@link #userLossGradient} with respect to
 * the user's own parameters ({@link Scope#USER}: [p_u^G, p_u^M]) or to all parameters ({@link Scope#ALL},
 * laid out by {@link #parameterLayout()}); Hessian-vector products of L_u by double backward
 * ({@link #userLossHessianProducts}); the explicit user-scope Hessian ({@link #userLossHessian(int, Row)});
 * and integrated gradients over the side features of one prediction ({@link #integratedGradients}).
 *
 * <p><b>Feature inputs.</b> As a {@link FeatureRecommender} it scores items with replaced feature rows: a
 * feature absent from a row is switched off (it leaves the pooled embedding, whose mean is then over the
 * remaining features); for a numeric feature (year) the model input is the standardised value, 0 at the
 * mean over the entities that have the feature.
 *
 * <p><b>Resources and thread-safety.</b> The parameters live in native memory owned by this object; it is
 * freed by {@link #close()} or, failing that, once the model is unreachable. Immutable once trained: every
 * method may be called from many threads at once and gives exactly what one thread gets (each call works in
 * its own array manager on aliases of the read-only parameters; gradient recording in libtorch is
 * per-thread). Calls after {@link #close()} throw {@link IllegalStateException}.
 */
public final class NeuMf implements FoldIn, FeatureRecommender, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    /** The family name used in {@link ModelInfo} and in model files. */
    public static final String FAMILY = "neumf";
    /** The format version of {@link #save(Path)}. */
    public static final int FORMAT_VERSION = 1;
    /** The name of the cached item part of the first MLP layer (not a parameter). */
    private static final String ITEM_PART = "cache.itemPart";
    /** Rows per batch of the final fold-in of every user. */
    private static final int FOLD_IN_ROWS = 60_000;

    /** Which parameters a derivative is taken with respect to. */
    public enum Scope {
        /** The user's own parameters [p_u^G, p_u^M]: {@code gmfFactors + mlpFactors} entries. */
        USER,
        /** Every parameter, flattened in {@link NeuMf#parameterLayout()} order. */
        ALL
    }

    /**
     * Hyper-parameters of NeuMF.
     *
     * @param gmfFactors         size k_G of the GMF embeddings (&ge; 1)
     * @param mlpFactors         size k_M of the MLP embeddings (&ge; 1)
     * @param featureFactors     size k_F of the side-feature embeddings (&ge; 1; unused without features)
     * @param hidden             widths of the MLP layers, first to last (at least one, each &ge; 1)
     * @param learningRate       Adam step size of training (&gt; 0)
     * @param regularization     decoupled weight decay of training (&ge; 0)
     * @param epochs             passes over the interactions (&ge; 1)
     * @param batchSize          positives per batch (&ge; 1); each brings its negatives
     * @param negatives          sampled negatives per positive (&ge; 1); also k of the user objective
     * @param foldInRegularization L2 weight lambda of the user objective (&gt; 0; it makes the objective
     *                           strongly convex in p^G and keeps fold-ins from over-fitting short histories)
     * @param foldInIterations   the most Newton iterations of a fold-in (&ge; 1)
     * @param foldInNegatives    negatives of the user objective: 0 for every item outside the history,
     *                           otherwise this many from the seeded permutation
     * @param seed               the seed of everything random
     */
    public record Config(int gmfFactors, int mlpFactors, int featureFactors, List<Integer> hidden,
                         double learningRate, double regularization, int epochs, int batchSize, int negatives,
                         double foldInRegularization, int foldInIterations, int foldInNegatives, long seed) {

        /** The names {@link #of(ModelSpec, long)} accepts. */
        public static final List<String> PARAMETERS = List.of("gmfFactors", "mlpFactors", "featureFactors", "hidden",
                "learningRate", "regularization", "epochs", "batchSize", "negatives", "foldInRegularization",
                "foldInIterations", "foldInNegatives");

        public Config {
            requireRange("gmfFactors", gmfFactors, 1, 4096);
            requireRange("mlpFactors", mlpFactors, 1, 4096);
            requireRange("featureFactors", featureFactors, 1, 4096);
            hidden = List.copyOf(hidden);
            if (hidden.isEmpty()) {
                throw new IllegalArgumentException("hidden must list at least one layer width");
            }
            for (int h : hidden) {
                requireRange("hidden layer width", h, 1, 65536);
            }
            requirePositive("learningRate", learningRate);
            if (!(regularization >= 0) || Double.isInfinite(regularization)) {
                throw new IllegalArgumentException("regularization must be a finite number >= 0, got "
                        + regularization);
            }
            requireRange("epochs", epochs, 1, Integer.MAX_VALUE);
            requireRange("batchSize", batchSize, 1, 1 << 20);
            requireRange("negatives", negatives, 1, 1000);
            requirePositive("foldInRegularization", foldInRegularization);
            requireRange("foldInIterations", foldInIterations, 1, 10_000);
            requireRange("foldInNegatives", foldInNegatives, 0, Integer.MAX_VALUE);
        }

        private static void requireRange(String name, int v, int lo, int hi) {
            if (v < lo || v > hi) {
                throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ", got " + v);
            }
        }

        private static void requirePositive(String name, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + " must be a positive finite number, got " + v);
            }
        }

        /**
         * k_G = k_M = 32, k_F = 8, MLP 32-16-8, learning rate 0.005, weight decay 1e-3, 10 epochs,
         * batches of 1024 positives, 4 negatives, fold-in with lambda 0.03 and at most 20 Newton iterations
         * against 1000 negatives, seed 42. On ml-latest-small with a 20% random hold-out (seed 42; implicit ALS
         * k=64: NDCG@10 0.2520): NDCG@10 0.2349 (k_G = k_M = 16: 0.2255; with 8 negatives 0.2303; k = 32 and
         * 8 negatives 0.2373 at twice the epoch time; 20 epochs 0.1796; fold-in lambda 0.01: 0.2189). Fold-in
         * negatives 200 / 500 / 1000 / all gave 0.185 / 0.215 / 0.226 / 0.231 at k = 16.
         */
        public static Config defaults() {
            return new Config(32, 32, 8, List.of(32, 16, 8), 0.005, 1e-3, 10, 1024, 4, 0.03, 20, 1000, 42L);
        }

        /**
         * A configuration from a {@link ModelSpec} of family {@value #FAMILY}: unset parameters take
         * {@link #defaults()}; {@code hidden} is written as widths joined by {@code -} ({@code 32-16-8}).
         *
         * @throws IllegalArgumentException for an unknown parameter, a value that does not parse or is out of
         *                                  range (the message names the parameter)
         */
        public static Config of(ModelSpec spec, long seed) {
            spec.requireKnown(PARAMETERS);
            Config d = defaults();
            return new Config(spec.intParam("gmfFactors", d.gmfFactors), spec.intParam("mlpFactors", d.mlpFactors),
                    spec.intParam("featureFactors", d.featureFactors), hiddenParam(spec, d.hidden),
                    spec.doubleParam("learningRate", d.learningRate),
                    spec.doubleParam("regularization", d.regularization), spec.intParam("epochs", d.epochs),
                    spec.intParam("batchSize", d.batchSize), spec.intParam("negatives", d.negatives),
                    spec.doubleParam("foldInRegularization", d.foldInRegularization),
                    spec.intParam("foldInIterations", d.foldInIterations),
                    spec.intParam("foldInNegatives", d.foldInNegatives), seed);
        }

        private static List<Integer> hiddenParam(ModelSpec spec, List<Integer> fallback) {
            String v = spec.params().get("hidden");
            if (v == null) {
                return fallback;
            }
            List<Integer> out = new ArrayList<>();
            for (String part : v.trim().split("-", -1)) {
                try {
                    out.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(spec.family() + ": parameter 'hidden' must be layer widths"
                            + " joined by '-', such as 32-16-8, got '" + v + "'");
                }
            }
            return out;
        }

        public Config withEpochs(int n) {
            return new Config(gmfFactors, mlpFactors, featureFactors, hidden, learningRate, regularization, n,
                    batchSize, negatives, foldInRegularization, foldInIterations, foldInNegatives, seed);
        }

        public Config withSeed(long s) {
            return new Config(gmfFactors, mlpFactors, featureFactors, hidden, learningRate, regularization, epochs,
                    batchSize, negatives, foldInRegularization, foldInIterations, foldInNegatives, s);
        }

        public Config withFactors(int gmf, int mlp, int feature) {
            return new Config(gmf, mlp, feature, hidden, learningRate, regularization, epochs, batchSize, negatives,
                    foldInRegularization, foldInIterations, foldInNegatives, seed);
        }

        public Config withHidden(List<Integer> h) {
            return new Config(gmfFactors, mlpFactors, featureFactors, h, learningRate, regularization, epochs,
                    batchSize, negatives, foldInRegularization, foldInIterations, foldInNegatives, seed);
        }

        public Config withLearningRate(double lr) {
            return new Config(gmfFactors, mlpFactors, featureFactors, hidden, lr, regularization, epochs, batchSize,
                    negatives, foldInRegularization, foldInIterations, foldInNegatives, seed);
        }

        public Config withRegularization(double r) {
            return new Config(gmfFactors, mlpFactors, featureFactors, hidden, learningRate, r, epochs, batchSize,
                    negatives, foldInRegularization, foldInIterations, foldInNegatives, seed);
        }

        public Config withBatchSize(int b) {
            return new Config(gmfFactors, mlpFactors, featureFactors, hidden, learningRate, regularization, epochs, b,
                    negatives, foldInRegularization, foldInIterations, foldInNegatives, seed);
        }

        public Config withNegatives(int n) {
            return new Config(gmfFactors, mlpFactors, featureFactors, hidden, learningRate, regularization, epochs,
                    batchSize, n, foldInRegularization, foldInIterations, foldInNegatives, seed);
        }

        public Config withFoldIn(double lambda, int iterations, int negativeItems) {
            return new Config(gmfFactors, mlpFactors, featureFactors, hidden, learningRate, regularization, epochs,
                    batchSize, negatives, lambda, iterations, negativeItems, seed);
        }

        /** The hyper-parameters as strings, for {@link ModelInfo}. */
        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("gmfFactors", Integer.toString(gmfFactors));
            m.put("mlpFactors", Integer.toString(mlpFactors));
            m.put("featureFactors", Integer.toString(featureFactors));
            m.put("hidden", hiddenLabel());
            m.put("learningRate", Double.toString(learningRate));
            m.put("regularization", Double.toString(regularization));
            m.put("epochs", Integer.toString(epochs));
            m.put("batchSize", Integer.toString(batchSize));
            m.put("negatives", Integer.toString(negatives));
            m.put("foldInRegularization", Double.toString(foldInRegularization));
            m.put("foldInIterations", Integer.toString(foldInIterations));
            m.put("foldInNegatives", Integer.toString(foldInNegatives));
            return m;
        }

        String hiddenLabel() {
            StringBuilder sb = new StringBuilder();
            for (int h : hidden) {
                sb.append(sb.length() == 0 ? "" : "-").append(h);
            }
            return sb.toString();
        }

        int[] hiddenArray() {
            return hidden.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private final Dataset data;
    private final Config config;
    private final NeuMfNetwork net;
    private final FeatureBags itemBags;
    private final FeatureBags userBags;
    private final UserHead head;
    private final UserObjective objective;
    private final NDManager manager;
    /** Parameters (and the item-part cache), owned by {@link #manager}, without gradient. */
    private final Map<String, NDArray> arrays;
    private final float[] userGmf;
    private final float[] userMlp;
    private final ParameterLayout layout;
    private final ModelInfo info;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    /** Builds a model from parameter values (by name, layout order); the values are copied to native memory. */
    NeuMf(Dataset data, Config config, Map<String, float[]> values) {
        this.data = data;
        this.config = config;
        this.itemBags = FeatureBags.of(data.itemFeatures());
        this.userBags = FeatureBags.of(data.userFeatures());
        this.net = new NeuMfNetwork(dimsOf(data, config, itemBags, userBags));
        this.layout = ParameterLayout.of(net.shapes());
        Map<String, Shape> shapes = net.shapes();
        if (!values.keySet().equals(shapes.keySet())) {
            throw new IllegalArgumentException("parameters " + values.keySet() + " do not match the network's "
                    + shapes.keySet());
        }
        NDManager m = NeuralEngine.newManager();
        UserHead head;
        try {
            Map<String, NDArray> a = new LinkedHashMap<>();
            for (Map.Entry<String, Shape> e : shapes.entrySet()) {
                float[] v = values.get(e.getKey());
                if (v.length != e.getValue().size()) {
                    throw new IllegalArgumentException("parameter " + e.getKey() + " has " + v.length
                            + " values, its shape " + e.getValue() + " needs " + e.getValue().size());
                }
                for (float x : v) {
                    if (!Float.isFinite(x)) {
                        throw new IllegalArgumentException("parameter " + e.getKey() + " has a value " + x);
                    }
                }
                NDArray p = m.create(v, e.getValue());
                p.setName(e.getKey());
                a.put(e.getKey(), p);
            }
            try (NDManager call = m.newSubManager()) {
                View v = View.of(call, a);
                NDArray allItems = call.arange(0, data.interactions().numItems(), 1,
                        ai.djl.ndarray.types.DataType.INT32);
                NDArray part = net.itemPart(v, NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_MLP), allItems),
                        net.pooled(v, NeuMfNetwork.ITEM_FEATURE, itemBags.of(range(data.interactions().numItems()))));
                part.attach(m);
                a.put(ITEM_PART, part);
                NDArray userPooled = userPooled(v, range(data.interactions().numUsers()));
                head = new UserHead(net.dims(), values, part.toFloatArray(), userPooled == null ? null
                        : userPooled.matMul(v.get(NeuMfNetwork.IN_USER_FEATURE)).toFloatArray());
            }
            this.arrays = a;
            this.manager = m;
        } catch (RuntimeException | Error e) {
            m.close();
            throw e;
        }
        this.head = head;
        this.objective = new UserObjective(head, config, negativeOrder(data.interactions().numItems(), config.seed()));
        this.userGmf = values.get(NeuMfNetwork.USER_GMF).clone();
        this.userMlp = values.get(NeuMfNetwork.USER_MLP).clone();
        float[] all = new float[layout.size()];
        int at = 0;
        for (String name : layout.names()) {
            float[] v = values.get(name);
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        this.info = new ModelInfo(FAMILY, config.asMap(), config.seed(), Fingerprint.of(all));
        this.cleanable = CLEANER.register(this, new Release(manager));
    }

    /** Frees the native arrays; holds no reference to the model. */
    private record Release(NDManager manager) implements Runnable {
        @Override
        public void run() {
            manager.close();
        }
    }

    /**
     * The sizes of the network for a data set and configuration.
     *
     * @throws IllegalArgumentException if the data has no users or no items
     */
    static NeuMfNetwork.Dims dimsOf(Dataset data, Config config, FeatureBags items, FeatureBags users) {
        Interactions x = data.interactions();
        if (x.numUsers() == 0 || x.numItems() == 0) {
            throw new IllegalArgumentException("cannot train NeuMF on " + x.numUsers() + " users and "
                    + x.numItems() + " items");
        }
        return new NeuMfNetwork.Dims(x.numUsers(), x.numItems(), items.numFeatures(), users.numFeatures(),
                config.gmfFactors(), config.mlpFactors(), config.featureFactors(), config.hiddenArray());
    }

    /** The seeded random stream for one purpose, derived from the configuration's seed. */
    static SplittableRandom stream(long seed, int purpose) {
        long z = seed + 0x9E3779B97F4A7C15L * (purpose + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /** The seeded permutation of the items from which the user objective's negatives are taken. */
    private static int[] negativeOrder(int items, long seed) {
        SplittableRandom rnd = stream(seed, 3);
        return Sampling.permutation(items, rnd);
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    // ------------------------------------------------------------------------------------ train, save, load

    /**
     * Trains on {@code data}: its interactions, {@link Dataset#itemFeatures()} and
     * {@link Dataset#userFeatures()}. Loads the PyTorch engine on first use (see {@link NeuralEngine}).
     *
     * @throws IllegalArgumentException if the data has no users or no items
     */
    public static NeuMf train(Dataset data, Config config) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        return new NeuMfTrainer(data, config).run();
    }

    /**
     * Trains a model of a {@link ModelSpec} of family {@value #FAMILY} (see {@link Config#of(ModelSpec, long)}).
     *
     * @throws IllegalArgumentException for a spec of another family, an unknown or malformed parameter
     */
    public static NeuMf train(ModelSpec spec, Dataset data, long seed) {
        if (!spec.family().equals(FAMILY)) {
            throw new IllegalArgumentException("a '" + spec.family() + "' spec is not a " + FAMILY + " spec");
        }
        return train(data, Config.of(spec, seed));
    }

    /**
     * This model with the user parameters replaced by the fold-in of every user's training history (the
     * last step of training).
     */
    NeuMf withFoldedUsers() {
        int nu = data.interactions().numUsers();
        float[] g = new float[userGmf.length];
        float[] m = new float[userMlp.length];
        int kg = config.gmfFactors();
        int km = config.mlpFactors();
        int from = 0;
        while (from < nu) {
            int to = from;
            long rows = 0;
            while (to < nu && (to == from || rows + rowsOf(to) <= FOLD_IN_ROWS)) {
                rows += rowsOf(to);
                to++;
            }
            int[] users = Arrays.copyOfRange(range(nu), from, to);
            Row[] histories = new Row[users.length];
            for (int k = 0; k < users.length; k++) {
                histories[k] = data.interactions().userRow(users[k]);
            }
            float[][] fitted = fenced(() -> objective.fit(users, histories, numItems()));
            for (int k = 0; k < users.length; k++) {
                System.arraycopy(fitted[k], 0, g, users[k] * kg, kg);
                System.arraycopy(fitted[k], kg, m, users[k] * km, km);
            }
            from = to;
        }
        Map<String, float[]> values = parameterValues();
        values.put(NeuMfNetwork.USER_GMF, g);
        values.put(NeuMfNetwork.USER_MLP, m);
        return new NeuMf(data, config, values);
    }

    private long rowsOf(int user) {
        int d = data.interactions().userDegree(user);
        int others = data.interactions().numItems() - d;
        return d + (config.foldInNegatives() == 0 ? others : Math.min(others, config.foldInNegatives()));
    }

    /** Every parameter's values by name, in layout order (fresh arrays). */
    Map<String, float[]> parameterValues() {
        return fenced(() -> {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (String name : layout.names()) {
                out.put(name, arrays.get(name).toFloatArray());
            }
            return out;
        });
    }

    /**
     * Saves the model with its training data ({@link ModelCodec} layout): the configuration, the data, then
     * the parameter names and the parameters in DJL's NDList encoding (names, shapes, data types and exact
     * values) as one byte block. The item-part cache and the negative permutation are derived again on load.
     *
     * @throws IOException if the file cannot be written
     */
    public void save(Path path) throws IOException {
        byte[] encoded = fenced(() -> {
            NDList list = new NDList();
            for (String name : layout.names()) {
                list.add(arrays.get(name));
            }
            return list.encode();
        });
        ModelCodec.write(path, FAMILY, FORMAT_VERSION,
                out -> out.writeInt(config.gmfFactors()).writeInt(config.mlpFactors())
                        .writeInt(config.featureFactors()).writeInts(config.hiddenArray())
                        .writeDouble(config.learningRate()).writeDouble(config.regularization())
                        .writeInt(config.epochs()).writeInt(config.batchSize()).writeInt(config.negatives())
                        .writeDouble(config.foldInRegularization()).writeInt(config.foldInIterations())
                        .writeInt(config.foldInNegatives()).writeLong(config.seed()),
                data, out -> out.writeStrings(layout.names()).writeBytes(encoded));
    }

    /**
     * Loads a model saved by {@link #save(Path)}; it scores exactly as the saved one did.
     *
     * @throws org.recxplain.model.io.ModelFormatException naming the file if it is not a NeuMF model, is
     *                                                     truncated, corrupted or inconsistent
     * @throws IOException                                 if the file cannot be read
     */
    public static NeuMf load(Path path) throws IOException {
        return read(ModelFile.read(path));
    }

    /** Reads the body of a NeuMF model file (see {@link #load(Path)}). */
    public static NeuMf read(ModelReader r) throws IOException {
        return ModelCodec.read(r, FAMILY, FORMAT_VERSION,
                in -> new Config(in.readInt(), in.readInt(), in.readInt(),
                        Arrays.stream(in.readInts()).boxed().toList(), in.readDouble(), in.readDouble(), in.readInt(),
                        in.readInt(), in.readInt(), in.readDouble(), in.readInt(), in.readInt(), in.readLong()),
                (in, config, data) -> {
                    List<String> names = in.readStrings();
                    byte[] encoded = in.readBytes();
                    Map<String, float[]> values = new LinkedHashMap<>();
                    try (NDManager m = NeuralEngine.newManager()) {
                        NDList list = NDList.decode(m, encoded);
                        if (list.size() != names.size()) {
                            throw new IllegalArgumentException(names.size() + " parameter names but "
                                    + list.size() + " arrays");
                        }
                        for (int p = 0; p < names.size(); p++) {
                            NDArray a = list.get(p);
                            if (!names.get(p).equals(a.getName())) {
                                throw new IllegalArgumentException("array " + p + " is named '" + a.getName()
                                        + "', expected '" + names.get(p) + "'");
                            }
                            if (a.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
                                throw new IllegalArgumentException("parameter " + names.get(p) + " is "
                                        + a.getDataType() + ", expected float32");
                            }
                            values.put(names.get(p), a.toFloatArray());
                        }
                    }
                    return new NeuMf(data, config, values);
                });
    }

    /** Frees the native memory of the parameters. Idempotent; later calls on the model throw. */
    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this NeuMF model has been closed");
        }
    }

    /**
     * Runs {@code body} on the native arrays, keeping this model reachable until it returns (otherwise the
     * cleaner could free the arrays of a model whose last reference is the running call).
     */
    private <T> T fenced(java.util.function.Supplier<T> body) {
        checkOpen();
        try {
            return body.get();
        } finally {
            java.lang.ref.Reference.reachabilityFence(this);
        }
    }

    /** {@link #fenced} with a fresh array manager under the model's, closed afterwards. */
    private <T> T inCall(java.util.function.Function<NDManager, T> body) {
        return fenced(() -> {
            try (NDManager m = manager.newSubManager()) {
                return body.apply(m);
            }
        });
    }

    // -------------------------------------------------------------------------------------------- scoring

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Dataset data() {
        return data;
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

    /** The network restricted to one user, on the Java heap (for tests). */
    UserHead userHead() {
        return head;
    }

    /** The flattened layout of all parameters (the vectors of {@link Scope#ALL}). */
    public ParameterLayout parameterLayout() {
        return layout;
    }

    /** The length of a vector of the scope. */
    public int dimension(Scope scope) {
        return scope == Scope.USER ? config.gmfFactors() + config.mlpFactors() : layout.size();
    }

    /** The stored parameters of a user, [p_u^G, p_u^M] (a copy). */
    public float[] userParameters(int user) {
        Objects.checkIndex(user, data.interactions().numUsers());
        int kg = config.gmfFactors();
        int km = config.mlpFactors();
        float[] p = new float[kg + km];
        System.arraycopy(userGmf, user * kg, p, 0, kg);
        System.arraycopy(userMlp, user * km, p, kg, km);
        return p;
    }

    @Override
    public void scoreAll(int user, float[] out) {
        scoreAllWith(user, userParameters(user), out);
    }

    /** The score (logit) of one pair, as {@link #scoreAll} computes it. */
    public float score(int user, int item) {
        Objects.checkIndex(item, numItems());
        float[] all = new float[numItems()];
        scoreAll(user, all);
        return all[item];
    }

    /**
     * The scores of every item for {@code user} with the user's parameters replaced by {@code parameters}
     * ([p^G, p^M], as {@link #foldIn} gives); the user's side features stay. Computed on the Java heap
     * ({@code UserHead}: the network restricted to one user), equal to the engine's forward pass to float rounding.
     *
     * @throws IllegalArgumentException if {@code parameters} does not have {@link #dimension(Scope) USER} entries
     */
    public void scoreAllWith(int user, float[] parameters, float[] out) {
        checkOpen();
        Objects.checkIndex(user, data.interactions().numUsers());
        requireUserVector(parameters);
        int ni = numItems();
        if (out.length < ni) {
            throw new IllegalArgumentException("output has " + out.length + " entries for " + ni + " items");
        }
        head.scoreAll(user, parameters, out);
    }

    private NDArray[] userArrays(NDManager m, float[] parameters) {
        int kg = config.gmfFactors();
        return new NDArray[] {m.create(Arrays.copyOfRange(parameters, 0, kg), new Shape(1, kg)),
                m.create(Arrays.copyOfRange(parameters, kg, parameters.length), new Shape(1, config.mlpFactors()))};
    }

    private void requireUserVector(float[] parameters) {
        if (parameters.length != dimension(Scope.USER)) {
            throw new IllegalArgumentException("user parameters have " + parameters.length + " entries, expected "
                    + dimension(Scope.USER) + " (gmfFactors + mlpFactors)");
        }
    }

    private NDArray userPooled(View v, int[] users) {
        return userBags.numFeatures() == 0 ? null : net.pooled(v, NeuMfNetwork.USER_FEATURE, userBags.of(users));
    }

    @Override
    public void scoreAllFolded(int user, Row history, float[] out) {
        scoreAllWith(user, foldIn(user, history), out);
    }

    /** Fits the histories as one batch ({@link #foldIn(int, Row[])}), then scores each. */
    @Override
    public void scoreAllFolded(int user, Row[] histories, float[][] out) {
        if (out.length != histories.length) {
            throw new IllegalArgumentException(histories.length + " histories but " + out.length + " score arrays");
        }
        float[][] p = foldIn(user, histories);
        for (int b = 0; b < histories.length; b++) {
            scoreAllWith(user, p[b], out[b]);
        }
    }

    /** Scores only {@code items} after the fold-in (the network is evaluated on those rows alone). */
    @Override
    public void scoreFolded(int user, Row history, int[] items, float[] out) {
        for (int i : items) {
            Objects.checkIndex(i, numItems());
        }
        float[] p = foldIn(user, history);
        head.evaluate(user, p, head.rows(items), 0, items.length, out, null, head.new Scratch(items.length));
    }

    @Override
    public void scoreWithFeatures(int user, Row[] userFeatures, int[] items, Row[] itemFeatures, float[] out) {
        checkOpen();
        Objects.checkIndex(user, data.interactions().numUsers());
        if (userFeatures.length != items.length || itemFeatures.length != items.length) {
            throw new IllegalArgumentException(items.length + " items but " + userFeatures.length
                    + " user rows and " + itemFeatures.length + " item rows");
        }
        for (int i : items) {
            Objects.checkIndex(i, numItems());
        }
        if (items.length == 0) {
            return;
        }
        // one slot per distinct user row instance
        Map<Row, Integer> slots = new IdentityHashMap<>();
        List<Row> distinct = new ArrayList<>();
        int[] slot = new int[items.length];
        for (int p = 0; p < items.length; p++) {
            Row r = Objects.requireNonNull(userFeatures[p], "user row");
            Integer s = slots.get(r);
            if (s == null) {
                s = distinct.size();
                slots.put(r, s);
                distinct.add(r);
            }
            slot[p] = s;
            Objects.requireNonNull(itemFeatures[p], "item row");
        }
        FeatureBags.Bag itemBag = itemBags.ofRows(itemFeatures, "item");
        FeatureBags.Bag userBag = userBags.ofRows(distinct.toArray(new Row[0]), "user");
        float[] p = userParameters(user);
        float[] f = inCall(m -> {
            View v = View.of(m, arrays);
            NDArray itemIdx = m.create(items);
            NDArray part = net.itemPart(v, NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_MLP), itemIdx),
                    net.pooled(v, NeuMfNetwork.ITEM_FEATURE, itemBag));
            NDArray[] u = userArrays(m, p);
            int b = distinct.size();
            return net.logits(v, m.create(slot), u[0].repeat(0, b), u[1].repeat(0, b),
                    net.pooled(v, NeuMfNetwork.USER_FEATURE, userBag), part,
                    NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_GMF), itemIdx)).toFloatArray();
        });
        System.arraycopy(f, 0, out, 0, items.length);
    }

    // ------------------------------------------------------------------------------- the user objective

    /**
     * The fold-in of a history: the user parameters [p^G, p^M] that minimise the user objective L_u for
     * {@code history} (item indices ascending; values ignored) with every other parameter fixed, by damped
     * Newton steps from zero. A deterministic function of the history (and of the user's side features).
     *
     * @throws IndexOutOfBoundsException if the user or an item is out of range
     */
    public float[] foldIn(int user, Row history) {
        return foldIn(user, new Row[] {history})[0];
    }

    /** {@link #foldIn(int, Row)} of several histories of one user, fitted as one batch. */
    public float[][] foldIn(int user, Row[] histories) {
        checkOpen();
        Objects.checkIndex(user, data.interactions().numUsers());
        int[] users = new int[histories.length];
        Arrays.fill(users, user);
        return fenced(() -> objective.fit(users, histories, numItems()));
    }

    /** (lambda / 2) (|g|^2 + |m|^2), the regularizer of the user objective. */
    private NDArray regularizer(NDArray g, NDArray m) {
        return g.square().sum().add(m.square().sum())
                .mul(Autograd.constant(g.getManager(), (float) (config.foldInRegularization() / 2)));
    }

    // ------------------------------------------------------------------------------ derivatives (hooks)

    /**
     * One differentiable evaluation for one user in its own array manager: the leaves are the user's
     * parameters ({@link Scope#USER}, initialised from {@code userParameters}) or, for {@link Scope#ALL}, copies
     * of the parameters that the evaluation can reach: the user's rows of the user tables, the rows of
     * {@code items} (the only items it evaluates) of the item tables, and every other parameter whole. The
     * gradient of every other row is zero, so it is not computed; vectors over all parameters are gathered
     * from and scattered to the {@link #parameterLayout()} ({@link LeafCoordinates}). Keeping the leaves
     * that small matters beyond speed: a double-backward session leaves its leaves allocated (see
     * {@link HessianVectorProduct}), which for whole-table copies was about 2 MB per session. Every
     * operation on the leaves is recorded, also those of the constructor.
     */
    private final class Evaluation implements AutoCloseable {
        final NDManager m;
        final View v;
        final List<NDArray> leaves = new ArrayList<>();
        final NDArray userGmfRow;
        final NDArray userMlpRow;
        final NDArray pooled;
        final boolean all;
        /** The items whose rows the item-table leaves hold, ascending ({@link Scope#ALL} only). */
        final int[] rowItems;
        /** Where the leaf coordinates sit in the scope's vectors. */
        final LeafCoordinates coordinates;

        Evaluation(Scope scope, int user, float[] parameters, int[] items) {
            checkOpen();
            Objects.checkIndex(user, data.interactions().numUsers());
            m = manager.newSubManager();
            try {
                all = scope == Scope.ALL;
                if (all) {
                    rowItems = Arrays.stream(items).distinct().sorted().toArray();
                    Map<String, NDArray> copies = new LinkedHashMap<>();
                    it.unimi.dsi.fastutil.ints.IntArrayList at = new it.unimi.dsi.fastutil.ints.IntArrayList();
                    for (String name : layout.names()) {
                        NDArray table = arrays.get(name);
                        int[] rowsHeld = NeuMfNetwork.USER_GMF.equals(name) || NeuMfNetwork.USER_MLP.equals(name)
                                ? new int[] {user}
                                : NeuMfNetwork.ITEM_GMF.equals(name) || NeuMfNetwork.ITEM_MLP.equals(name) ? rowItems
                                : null;
                        NDArray c;
                        int offset = layout.offset(name);
                        if (rowsHeld == null) {
                            c = View.rehome(m, table).duplicate();
                            for (int q = 0; q < table.size(); q++) {
                                at.add(offset + q);
                            }
                        } else {
                            c = NeuMfNetwork.rows(View.rehome(m, table), m.create(rowsHeld)).duplicate();
                            int width = Math.toIntExact(table.getShape().get(1));
                            for (int r : rowsHeld) {
                                for (int q = 0; q < width; q++) {
                                    at.add(offset + r * width + q);
                                }
                            }
                        }
                        c.attach(m);
                        leaves.add(Autograd.leaf(c));
                        copies.put(name, c);
                    }
                    coordinates = new LeafCoordinates(at.toIntArray(), layout.size());
                    v = View.of(m, copies);
                    NDArray first = m.create(new int[] {0});
                    userGmfRow = Autograd.recording(() -> NeuMfNetwork.rows(v.get(NeuMfNetwork.USER_GMF), first));
                    userMlpRow = Autograd.recording(() -> NeuMfNetwork.rows(v.get(NeuMfNetwork.USER_MLP), first));
                } else {
                    rowItems = null;
                    coordinates = LeafCoordinates.identity(dimension(Scope.USER));
                    v = View.of(m, arrays);
                    NDArray[] p = userArrays(m, parameters == null ? userParameters(user) : parameters);
                    userGmfRow = Autograd.leaf(p[0]);
                    userMlpRow = Autograd.leaf(p[1]);
                    leaves.add(userGmfRow);
                    leaves.add(userMlpRow);
                }
                pooled = Autograd.recording(() -> userPooled(v, new int[] {user}));
            } catch (RuntimeException | Error e) {
                m.close();
                throw e;
            }
        }

        /** The logits of {@code items} for the user [n] (recorded if called while recording). */
        NDArray logits(int[] items) {
            NDArray idx = m.create(items);
            if (!all) {
                return net.logits(v, null, userGmfRow, userMlpRow, pooled, NeuMfNetwork.rows(v.get(ITEM_PART), idx),
                        NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_GMF), idx));
            }
            int[] local = new int[items.length];
            for (int q = 0; q < items.length; q++) {
                local[q] = Arrays.binarySearch(rowItems, items[q]);
                if (local[q] < 0) {
                    throw new IllegalStateException("item " + items[q] + " is not among the evaluation's items");
                }
            }
            NDArray rowsIdx = m.create(local);
            NDArray part = net.itemPart(v, NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_MLP), rowsIdx),
                    net.pooled(v, NeuMfNetwork.ITEM_FEATURE, itemBags.of(items)));
            return net.logits(v, null, userGmfRow, userMlpRow, pooled, part,
                    NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_GMF), rowsIdx));
        }

        /** L_u for a history. */
        NDArray objective(Row history) {
            UserObjective.Rows rows = objective.rows(new Row[] {history}, numItems());
            NDArray f = logits(rows.items());
            return NeuMfNetwork.logisticLoss(f, m.create(rows.signs()), m.create(rows.weights()))
                    .add(regularizer(userGmfRow, userMlpRow));
        }

        /** d(target)/d(leaves), flattened in the scope's order (all parameters: the full layout). */
        float[] gradient(NDArray target) {
            Autograd.backward(target, false, false);
            float[][] parts = new float[leaves.size()][];
            int n = 0;
            for (int p = 0; p < parts.length; p++) {
                parts[p] = Autograd.gradient(leaves.get(p));
                n += parts[p].length;
            }
            float[] out = new float[n];
            int at = 0;
            for (float[] part : parts) {
                System.arraycopy(part, 0, out, at, part.length);
                at += part.length;
            }
            return coordinates.scatter(out);
        }

        /**
         * The logits of {@code items} (into {@code logits}) and their Jacobian-vector products J v for each
         * direction v (vectors of the scope): {@code out[d][q] = grad f(user, items[q]) . directions[d]}.
         * Forward mode by double backward: with u a leaf of ones over the items, the gradient
         * G(u) = sum_q u_q grad f_q is recorded ({@code createGraph}), and the gradient of v . G(u) with
         * respect to u is J v; one backward per direction after the first.
         */
        double[][] jacobianProducts(int[] items, float[][] directions, float[] logits) {
            double[][] out = new double[directions.length][items.length];
            Autograd.recording(() -> {
                NDArray f = logits(items);
                System.arraycopy(f.toFloatArray(), 0, logits, 0, items.length);
                NDArray u = Autograd.leaf(m.ones(new Shape(items.length)));
                Autograd.backward(f.mul(u).sum(), true, true);
                NDArray g = Autograd.flatGradient(m, leaves);
                for (int d = 0; d < directions.length; d++) {
                    Autograd.clearGradient(u);
                    NDArray t = m.create(coordinates.gather(directions[d])).mul(g).sum();
                    Autograd.backward(t, d < directions.length - 1, false);
                    float[] jv = Autograd.gradient(u);
                    for (int q = 0; q < items.length; q++) {
                        out[d][q] = jv[q];
                    }
                }
                return null;
            });
            return out;
        }

        @Override
        public void close() {
            m.close();
        }
    }

    /** The items an all-parameter evaluation of the user objective of {@code history} reaches. */
    private int[] objectiveItems(Row history) {
        return objective.rows(new Row[] {history}, numItems()).items();
    }

    private float[] gradientOf(Scope scope, int user, float[] parameters, int[] items,
                               java.util.function.Function<Evaluation, NDArray> target) {
        try (Evaluation e = new Evaluation(scope, user, parameters, items)) {
            return Autograd.recording(() -> e.gradient(target.apply(e)));
        }
    }

    /**
     * The gradient of the prediction f(u, i) (the logit {@link #scoreAll} gives).
     *
     * @throws IndexOutOfBoundsException if the user or the item is out of range
     */
    public float[] predictionGradient(int user, int item, Scope scope) {
        Objects.checkIndex(item, numItems());
        return gradientOf(scope, user, null, new int[] {item}, e -> e.logits(new int[] {item}).sum());
    }

    /**
     * The gradient of the training loss of one interaction, softplus(-f) for a positive and softplus(f) for a
     * negative (unweighted, without regularisation): the per-example term that influence functions remove.
     */
    public float[] interactionLossGradient(int user, int item, boolean positive, Scope scope) {
        Objects.checkIndex(item, numItems());
        return gradientOf(scope, user, null, new int[] {item}, e -> {
            NDArray f = e.logits(new int[] {item});
            return (positive ? f.neg() : f).getNDArrayInternal().softPlus().sum();
        });
    }

    /** The user objective L_u of {@code history} at the user's stored parameters. */
    public double userLoss(int user, Row history) {
        return userLoss(user, history, null);
    }

    /**
     * The user objective L_u of {@code history} at {@code parameters} ([p^G, p^M]; null for the stored ones).
     *
     * @throws IllegalArgumentException if {@code parameters} has the wrong length
     */
    public double userLoss(int user, Row history, float[] parameters) {
        if (parameters != null) {
            requireUserVector(parameters);
        }
        try (Evaluation e = new Evaluation(Scope.USER, user, parameters, null)) {
            return e.objective(history).getFloat();
        }
    }

    /** The gradient of the user objective L_u of {@code history} at the stored parameters. */
    public float[] userLossGradient(int user, Row history, Scope scope) {
        return gradientOf(scope, user, null, objectiveItems(history), e -> e.objective(history));
    }

    /**
     * The gradient of L_u of {@code history} with respect to the user's parameters, at {@code parameters}
     * ([p^G, p^M]): what a fold-in descends.
     */
    public float[] userLossGradient(int user, Row history, float[] parameters) {
        requireUserVector(parameters);
        return gradientOf(Scope.USER, user, parameters, null, e -> e.objective(history));
    }

    /**
     * For each direction v (a vector of the scope) and each position j of {@code history}, the directional
     * derivative v . (grad L_{H-j} - grad L_H) of the user objective at the stored parameters: what influence
     * functions need of each removal, without one backward pass per history entry.
     *
     * <p>L_S = sum_r w_r softplus(s_r f_r) + (regularizer of the user's parameters, the same for every S), over
     * the rows r of S (its positives and its negatives, {@link #userLoss}), so v . grad L_S =
     * sum_r w_r s_r sigmoid(s_r f_r) (J v)_r. Every S = H - j reaches only items of H and of H's negatives (an
     * entry j may take the place of a negative, and j is in H), so one forward pass over those items and one
     * Jacobian-vector product per direction ({@link Evaluation#jacobianProducts}) give every term; the sums
     * run in double precision. Equal, up to float rounding, to the difference of {@link #userLossGradient}
     * of H - j and of H dotted with v (tested).
     *
     * @return {@code out[d][j]}
     * @throws IllegalArgumentException if a direction does not have {@link #dimension(Scope)} entries
     */
    public double[][] userLossGradientChanges(int user, Row history, float[][] directions, Scope scope) {
        for (float[] v : directions) {
            if (v.length != dimension(scope)) {
                throw new IllegalArgumentException("a direction has " + v.length + " entries, the " + scope
                        + " scope " + dimension(scope));
            }
        }
        int[] items = Arrays.stream(objectiveItems(history)).distinct().sorted().toArray();
        float[] f = new float[items.length];
        double[][] jv;
        try (Evaluation e = new Evaluation(scope, user, null, items)) {
            jv = e.jacobianProducts(items, directions, f);
        }
        int[] h = history.indices();
        double[][] out = new double[directions.length][h.length];
        double[] full = directionalLossDerivatives(history, items, f, jv);
        for (int j = 0; j < h.length; j++) {
            double[] without = directionalLossDerivatives(history.without(h[j]), items, f, jv);
            for (int d = 0; d < directions.length; d++) {
                out[d][j] = without[d] - full[d];
            }
        }
        return out;
    }

    /** v_d . grad (L_S without its regularizer), for every direction d, from the logits and J v of {@code items}. */
    private double[] directionalLossDerivatives(Row s, int[] items, float[] f, double[][] jv) {
        UserObjective.Rows rows = objective.rows(new Row[] {s}, numItems());
        double[] out = new double[jv.length];
        for (int r = 0; r < rows.size(); r++) {
            int q = Arrays.binarySearch(items, rows.items()[r]);
            if (q < 0) {
                throw new IllegalStateException("row item " + rows.items()[r] + " outside the evaluated items");
            }
            double sign = rows.signs()[r];
            double dl = rows.weights()[r] * sign * UserObjective.sigmoid(sign * f[q]);
            for (int d = 0; d < jv.length; d++) {
                out[d] += dl * jv[d][q];
            }
        }
        return out;
    }

    /**
     * Hessian-vector products of the user objective L_u of {@code history} at the stored parameters, by
     * double backward. The caller closes the session.
     */
    public HessianVectorProduct userLossHessianProducts(int user, Row history, Scope scope) {
        return hessianProducts(new Evaluation(scope, user, null, objectiveItems(history)), history);
    }

    /**
     * Hessian-vector products of L_u of {@code history} with respect to the user's parameters, at
     * {@code parameters} ([p^G, p^M]), by double backward. The caller closes the session.
     */
    public HessianVectorProduct userLossHessianProducts(int user, Row history, float[] parameters) {
        requireUserVector(parameters);
        return hessianProducts(new Evaluation(Scope.USER, user, parameters, null), history);
    }

    private HessianVectorProduct hessianProducts(Evaluation e, Row history) {
        try {
            NDArray objective = Autograd.recording(() -> e.objective(history));
            return new HessianVectorProduct(this, e.m, e.leaves, e.coordinates, objective);
        } catch (RuntimeException | Error ex) {
            e.close();
            throw ex;
        }
    }

    /**
     * The explicit Hessian of the user objective L_u of {@code history} with respect to the user's own
     * parameters, at {@code parameters} ([p^G, p^M]; null for the stored ones), in double precision.
     *
     * <p>f is linear in p^G and piecewise linear in p^M (ReLU layers, linear output), so its second
     * derivatives in p vanish wherever they exist and the Hessian is exactly
     * {@code sum_r w_r sigma(f_r)(1 - sigma(f_r)) J_r J_r^T + lambda I}, with J_r = df_r/dp. This
     * computes all J_r with one first-order backward (one copy of p per row) and sums in double precision;
     * it agrees with {@link #userLossHessianProducts(int, Row, Scope)} (double backward) to float rounding.
     */
    public double[][] userLossHessian(int user, Row history, float[] parameters) {
        checkOpen();
        Objects.checkIndex(user, data.interactions().numUsers());
        float[] p = parameters == null ? userParameters(user) : parameters;
        requireUserVector(p);
        UserObjective.Rows rows = objective.rows(new Row[] {history}, numItems());
        UserObjective.Evaluation e = objective.evaluate(new int[] {user}, new float[][] {p}, rows, true);
        double[] flat = objective.hessian(rows, 0, e);
        int d = objective.dimension();
        double[][] h = new double[d][];
        for (int a = 0; a < d; a++) {
            h[a] = Arrays.copyOfRange(flat, a * d, a * d + d);
        }
        return h;
    }

    /** {@link #userLossHessian(int, Row, float[])} at the stored parameters. */
    public double[][] userLossHessian(int user, Row history) {
        return userLossHessian(user, history, null);
    }

    /**
     * Integrated gradients of f(u, i) over the side features of the item and of the user, against the
     * baseline with every side feature switched off, with the trapezoid rule over {@code steps} intervals
     * (all path points in one batched forward and backward pass). The path scales the model inputs of the
     * features, x(a) = a x, while the mean-pooling divisor stays the item's (user's) feature count.
     *
     * <p>Pooling is linear, so the path of the pooled embedding is a e (e = the pooled embedding of x) and the
     * derivative with respect to input x_f is the pooled embedding's gradient dotted with the feature's
     * embedding E_f: the attribution of f is {@code x_f / n . E_f . mean over the path of dF/de}.
     *
     * @throws IllegalArgumentException  if {@code steps < 1}
     * @throws IndexOutOfBoundsException if the user or the item is out of range
     */
    public FeatureAttribution integratedGradients(int user, int item, int steps) {
        checkOpen();
        Objects.checkIndex(user, data.interactions().numUsers());
        Objects.checkIndex(item, numItems());
        if (steps < 1) {
            throw new IllegalArgumentException("integrated gradients need at least one step, got " + steps);
        }
        int s = steps + 1;
        int[] fi = itemBags.features(item);
        int[] fu = userBags.features(user);
        float[] params = userParameters(user);
        return inCall(m -> {
            View v = View.of(m, arrays);
            NDArray itemPath = pathOf(m, net.pooled(v, NeuMfNetwork.ITEM_FEATURE, itemBags.of(new int[] {item})), s);
            NDArray userPath = pathOf(m, net.pooled(v, NeuMfNetwork.USER_FEATURE, userBags.of(new int[] {user})), s);
            int[] itemIdx = new int[s];
            Arrays.fill(itemIdx, item);
            NDArray items = m.create(itemIdx);
            NDArray[] p = userArrays(m, params);
            float[] f = Autograd.recording(() -> {
                NDArray part = net.itemPart(v, NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_MLP), items), itemPath);
                NDArray logits = net.logits(v, m.create(range(s)), p[0].repeat(0, s), p[1].repeat(0, s), userPath,
                        part, NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_GMF), items));
                float[] values = logits.toFloatArray();
                if (itemPath != null || userPath != null) {
                    Autograd.backward(logits.sum(), false, false);
                }
                return values;
            });
            double[] ai = attributions(v, NeuMfNetwork.ITEM_FEATURE, itemPath, fi, itemBags.weights(item), steps);
            double[] au = attributions(v, NeuMfNetwork.USER_FEATURE, userPath, fu, userBags.weights(user), steps);
            return new FeatureAttribution(user, item, fi, ai, fu, au, f[steps], f[0], steps);
        });
    }

    /** The path a e for a = 0, 1/(s-1), .., 1 as a leaf [s, k_F], or null without features. */
    private static NDArray pathOf(NDManager m, NDArray pooled, int s) {
        if (pooled == null) {
            return null;
        }
        float[] e = pooled.toFloatArray();
        float[] path = new float[s * e.length];
        for (int t = 0; t < s; t++) {
            float a = (float) t / (s - 1);
            for (int c = 0; c < e.length; c++) {
                path[t * e.length + c] = a * e[c];
            }
        }
        return Autograd.leaf(m.create(path, new Shape(s, e.length)));
    }

    /** x_f / n . E_f . (trapezoid mean of the path gradients of the pooled embedding), per feature. */
    private static double[] attributions(View v, String table, NDArray path, int[] features, float[] weights,
                                         int steps) {
        double[] out = new double[features.length];
        if (path == null || features.length == 0) {
            return out;
        }
        float[] grad = Autograd.gradient(path);
        int k = grad.length / (steps + 1);
        double[] mean = new double[k];
        for (int t = 0; t <= steps; t++) {
            double w = (t == 0 || t == steps) ? 0.5 / steps : 1.0 / steps;
            for (int c = 0; c < k; c++) {
                mean[c] += w * grad[t * k + c];
            }
        }
        float[] rows = NeuMfNetwork.rows(v.get(table), v.manager().create(features)).toFloatArray();
        for (int j = 0; j < features.length; j++) {
            double dot = 0;
            for (int c = 0; c < k; c++) {
                dot += mean[c] * rows[j * k + c];
            }
            out[j] = weights[j] * dot;
        }
        return out;
    }

    @Override
    public String toString() {
        return "NeuMf[" + info.id() + ", " + config + "]";
    }
}

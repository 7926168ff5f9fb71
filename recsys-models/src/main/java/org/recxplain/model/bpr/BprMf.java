package org.recxplain.model.bpr;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.data.Sampling;
import org.recxplain.model.Fingerprint;
import org.recxplain.model.FoldIn;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.Parallel;
import org.recxplain.model.io.ModelCodec;
import org.recxplain.model.io.ModelFile;
import org.recxplain.model.io.ModelReader;
import org.recxplain.model.linalg.Cholesky;
import org.recxplain.model.linalg.Dense;
import org.recxplain.model.linalg.FactorColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Matrix factorisation trained for Bayesian personalised ranking (BPR-MF; Rendle et al., UAI 2009).
 *
 * <p>The score of item i for user u is s_ui = p_u . q_i + b_i (b_i = 0 without {@link Config#itemBias()}).
 * Every observed pair is a positive (its value is ignored). Training is sequential stochastic gradient
 * ascent on ln sigma(s_ui - s_uj) - regularisation: each step draws an observed pair (u, i) uniformly and a
 * negative j uniformly among the items u has not interacted with; an epoch is as many steps as there are
 * observed pairs. One seeded {@link SplittableRandom} drives initialisation and sampling, so the same data,
 * configuration and seed give the same bytes.
 *
 * <p><b>User objective and fold-in.</b> With the item parameters fixed, a user with history H (positives P)
 * and negatives N has the loss
 * <pre>  L(p) = 1/(|P| |N|) * sum over i in P, j in N of -ln sigma(p . (q_i - q_j) + b_i - b_j)
 *        + (reg / 2) ||p||^2</pre>
 * It is strictly convex in p (the first term is convex and the second strongly convex), and its stationary
 * point is exactly where the expected SGD step on p_u vanishes when N holds every item not in H. N is every
 * such item when {@link Config#foldInNegatives()} is 0; otherwise it is the first
 * {@code foldInNegatives} items not in H of one fixed, seeded permutation of the items, so that the same
 * history always gets the same negatives and removing an interaction changes N by at most one item.
 * {@link #foldIn(Row)} minimises L by damped Newton steps from p = 0 (to a gradient norm of 1e-10);
 * {@link #scoreAllFolded} and {@link #scoreFolded} start from the user's stored vector instead (the same
 * minimiser, as L is strictly convex, in fewer steps after a small change of history); {@link #userLoss},
 * {@link #userGradient}, {@link #userHessian} and {@link #userGradientChanges} expose L and its derivatives
 * for influence functions. Cost of one Newton step: O(|P| |N| k + (|P| + |N|) k^2 + k^3).
 *
 * <p>Training ends with a fold-in of every user (parallel over users; each user's result is independent of
 * the others, so the number of threads does not change it). The stored user vectors are therefore exactly
 * {@link #foldIn(Row)} of each training history, they satisfy the first-order optimality condition that
 * influence functions assume, and {@link #scoreAllFolded} of the own history equals {@link #scoreAll}.
 *
 * <p>Thread-safety: immutable once trained; scoring, fold-in and the user objective may be used from many
 * threads.
 */
public final class BprMf implements FoldIn {
    private static final Logger LOG = LoggerFactory.getLogger(BprMf.class);

    /** The family name used in {@link ModelInfo} and in model files. */
    public static final String FAMILY = "bpr";

    /** Newton stops when the gradient's Euclidean norm is at most this. */
    public static final double GRADIENT_TOLERANCE = 1e-10;
    private static final int MAX_NEWTON_STEPS = 100;
    /** Below this Newton decrement g^T H^-1 g, full Newton steps are taken without a line search. */
    private static final double PURE_NEWTON_DECREMENT = 1e-8;

    /**
     * Hyper-parameters of BPR-MF.
     *
     * @param factors            the number of latent factors k (&ge; 1)
     * @param learningRate       SGD step size (&gt; 0)
     * @param regularization     L2 weight of user and item factors (&gt; 0: it makes the user objective
     *                           strictly convex)
     * @param biasRegularization L2 weight of the item biases (&ge; 0)
     * @param epochs             passes of |interactions| SGD steps each (&ge; 1)
     * @param itemBias           whether items have a learned bias b_i
     * @param foldInNegatives    negatives per fold-in: 0 for every item outside the history, otherwise this
     *                           many from a fixed seeded permutation (&ge; 0)
     * @param seed               seed of initialisation, sampling and the fold-in negatives
     * @param threads            worker threads for the final user fold-in (&ge; 1); does not change the result
     */
    public record Config(int factors, double learningRate, double regularization, double biasRegularization,
                         int epochs, boolean itemBias, int foldInNegatives, long seed, int threads) {
        public Config {
            if (factors < 1 || factors > 4096) {
                throw new IllegalArgumentException("factors must be in 1..4096, got " + factors);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be a positive finite number, got "
                        + learningRate);
            }
            if (!(regularization > 0) || Double.isInfinite(regularization)) {
                throw new IllegalArgumentException("regularization must be a positive finite number (the user "
                        + "objective needs it to be strictly convex), got " + regularization);
            }
            if (!(biasRegularization >= 0) || Double.isInfinite(biasRegularization)) {
                throw new IllegalArgumentException("biasRegularization must be a finite number >= 0, got "
                        + biasRegularization);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (foldInNegatives < 0) {
                throw new IllegalArgumentException("foldInNegatives must be >= 0 (0 = all), got " + foldInNegatives);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /**
         * k = 32, learning rate 0.05, regularisation 0.01, bias regularisation 0.01, 30 epochs, item bias on,
         * 200 fold-in negatives, seed 42, one thread per core (on ml-latest-small, leave-last-out HR@10 0.075
         * against 0.043 for popularity; 1000 negatives gave 0.077 at three times the fold-in cost).
         */
        public static Config defaults() {
            return new Config(32, 0.05, 0.01, 0.01, 30, true, 200, 42L, Runtime.getRuntime().availableProcessors());
        }

        public Config withFactors(int k) {
            return new Config(k, learningRate, regularization, biasRegularization, epochs, itemBias,
                    foldInNegatives, seed, threads);
        }

        public Config withLearningRate(double lr) {
            return new Config(factors, lr, regularization, biasRegularization, epochs, itemBias,
                    foldInNegatives, seed, threads);
        }

        public Config withRegularization(double reg) {
            return new Config(factors, learningRate, reg, biasRegularization, epochs, itemBias,
                    foldInNegatives, seed, threads);
        }

        public Config withBiasRegularization(double reg) {
            return new Config(factors, learningRate, regularization, reg, epochs, itemBias,
                    foldInNegatives, seed, threads);
        }

        public Config withEpochs(int n) {
            return new Config(factors, learningRate, regularization, biasRegularization, n, itemBias,
                    foldInNegatives, seed, threads);
        }

        public Config withItemBias(boolean b) {
            return new Config(factors, learningRate, regularization, biasRegularization, epochs, b,
                    foldInNegatives, seed, threads);
        }

        public Config withFoldInNegatives(int n) {
            return new Config(factors, learningRate, regularization, biasRegularization, epochs, itemBias,
                    n, seed, threads);
        }

        public Config withSeed(long s) {
            return new Config(factors, learningRate, regularization, biasRegularization, epochs, itemBias,
                    foldInNegatives, s, threads);
        }

        public Config withThreads(int t) {
            return new Config(factors, learningRate, regularization, biasRegularization, epochs, itemBias,
                    foldInNegatives, seed, t);
        }

        /** The hyper-parameters that define the model (threads excluded: they do not change it). */
        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("factors", Integer.toString(factors));
            m.put("learningRate", Double.toString(learningRate));
            m.put("regularization", Double.toString(regularization));
            m.put("biasRegularization", Double.toString(biasRegularization));
            m.put("epochs", Integer.toString(epochs));
            m.put("itemBias", Boolean.toString(itemBias));
            m.put("foldInNegatives", Integer.toString(foldInNegatives));
            return m;
        }
    }

    private final Dataset data;
    private final Config config;
    private final int k;
    /** Users x k. */
    private final double[] userFactors;
    /** Items x k. */
    private final double[] itemFactors;
    /** Zero when the config has no item bias. */
    private final double[] itemBias;
    /** The seeded permutation of the items from which sampled fold-in negatives are taken. */
    private final int[] negativeOrder;
    /** The position of each item in negativeOrder. */
    private final int[] negativePosition;
    /** The item factors by column, for scoring every item. */
    private final FactorColumns itemColumns;
    private final ModelInfo info;

    private BprMf(Dataset data, Config config, double[] userFactors, double[] itemFactors, double[] itemBias,
                  int[] negativeOrder) {
        this.data = data;
        this.config = config;
        this.k = config.factors();
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.itemBias = itemBias;
        this.negativeOrder = negativeOrder;
        this.negativePosition = new int[negativeOrder.length];
        for (int q = 0; q < negativeOrder.length; q++) {
            negativePosition[negativeOrder[q]] = q;
        }
        this.itemColumns = new FactorColumns(itemFactors, k);
        String fp = Fingerprint.of(userFactors) + Fingerprint.of(itemFactors).substring(0, 4);
        this.info = new ModelInfo(FAMILY, config.asMap(), config.seed(), fp);
    }

    /** Trains on {@code data}; every observed pair is a positive. */
    public static BprMf train(Dataset data, Config config) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        long start = System.nanoTime();
        Interactions x = data.interactions();
        int k = config.factors();
        int nu = x.numUsers();
        int ni = x.numItems();
        SplittableRandom rnd = new SplittableRandom(config.seed());
        int[] negativeOrder = Sampling.permutation(ni, rnd.split());
        double[] users = new double[nu * k];
        double[] items = new double[ni * k];
        double[] bias = new double[ni];
        for (int p = 0; p < users.length; p++) {
            users[p] = rnd.nextGaussian() * 0.1;
        }
        for (int p = 0; p < items.length; p++) {
            items[p] = rnd.nextGaussian() * 0.1;
        }
        sgd(x, config, rnd, users, items, bias);
        BprMf afterSgd = new BprMf(data, config, users, items, bias, negativeOrder);
        // the final fold-in makes every stored user vector the exact minimiser of its user objective
        double[] folded = afterSgd.foldInAll(config.threads());
        LOG.debug("trained BPR-MF k={} on {} in {} ms", k, x, (System.nanoTime() - start) / 1_000_000);
        return new BprMf(data, config, folded, items, bias, negativeOrder);
    }

    /** The format version of {@link #save(Path)}. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Saves the model with its training data in the project's model container ({@link ModelCodec} layout):
     * the configuration, the data, then the user factors, item factors, item biases (by their exact bit
     * patterns) and the permutation the fold-in negatives are drawn from.
     *
     * @throws IOException if the file cannot be written
     */
    public void save(Path path) throws IOException {
        ModelCodec.write(path, FAMILY, FORMAT_VERSION,
                w -> w.writeInt(config.factors()).writeDouble(config.learningRate())
                        .writeDouble(config.regularization()).writeDouble(config.biasRegularization())
                        .writeInt(config.epochs()).writeBoolean(config.itemBias())
                        .writeInt(config.foldInNegatives()).writeLong(config.seed()),
                data,
                w -> w.writeDoubles(userFactors).writeDoubles(itemFactors).writeDoubles(itemBias)
                        .writeInts(negativeOrder));
    }

    /**
     * Loads a model saved by {@link #save(Path)}; it scores and folds in exactly as the saved one did.
     *
     * @throws org.recxplain.model.io.ModelFormatException if the file is not a BPR model, is truncated,
     *                                                     corrupted or inconsistent (the message names the file)
     * @throws IOException                                 if the file cannot be read
     */
    public static BprMf load(Path path) throws IOException {
        return read(ModelFile.read(path));
    }

    /** Reads the body of a BPR model file (see {@link org.recxplain.model.Models#load(Path)}). */
    public static BprMf read(ModelReader r) throws IOException {
        return ModelCodec.read(r, FAMILY, FORMAT_VERSION,
                in -> new Config(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readInt(),
                        in.readBoolean(), in.readInt(), in.readLong(), Runtime.getRuntime().availableProcessors()),
                (in, config, data) -> restore(data, config, in.readDoubles(), in.readDoubles(), in.readDoubles(),
                        in.readInts()));
    }

    /**
     * A model from stored parameters, after checking their shapes, that the biases are zero without item
     * bias, and that the negative order is a permutation of the items.
     *
     * @throws IllegalArgumentException saying what does not fit
     */
    private static BprMf restore(Dataset data, Config config, double[] users, double[] items, double[] bias,
                                 int[] negativeOrder) {
        int k = config.factors();
        int ni = data.interactions().numItems();
        if (users.length != (long) data.interactions().numUsers() * k || items.length != (long) ni * k
                || bias.length != ni || negativeOrder.length != ni) {
            throw new IllegalArgumentException("parameters do not match the data: " + users.length + " user and "
                    + items.length + " item factor entries for k=" + k + ", " + bias.length + " item biases and "
                    + negativeOrder.length + " negative-order entries for " + ni + " items");
        }
        boolean[] seen = new boolean[ni];
        for (int p = 0; p < ni; p++) {
            int i = negativeOrder[p];
            if (i < 0 || i >= ni || seen[i]) {
                throw new IllegalArgumentException("negative order is not a permutation of the items: entry " + p
                        + " is " + i);
            }
            seen[i] = true;
            if (!config.itemBias() && bias[i] != 0) {
                throw new IllegalArgumentException("item " + i + " has bias " + bias[i]
                        + " in a model without item bias");
            }
        }
        return new BprMf(data, config, users, items, bias, negativeOrder);
    }

    /**
     * The SGD epochs: each step draws an observed pair (u, i) and a negative j of u uniformly, and takes one
     * ascent step on ln sigma(x_uij) - regularisation. Updates the arrays in place.
     */
    private static void sgd(Interactions x, Config config, SplittableRandom rnd, double[] users, double[] items,
                            double[] bias) {
        int k = config.factors();
        int nu = x.numUsers();
        int ni = x.numItems();
        int[] ptr = new int[nu + 1];
        int[] pairUser = new int[x.size()];
        int[] pairItem = new int[x.size()];
        for (int u = 0; u < nu; u++) {
            int[] row = x.userRow(u).indices();
            System.arraycopy(row, 0, pairItem, ptr[u], row.length);
            Arrays.fill(pairUser, ptr[u], ptr[u] + row.length, u);
            ptr[u + 1] = ptr[u] + row.length;
        }
        long skipped = 0;
        double lr = config.learningRate();
        double reg = config.regularization();
        double regBias = config.biasRegularization();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int step = 0; step < pairItem.length; step++) {
                int s = rnd.nextInt(pairItem.length);
                int u = pairUser[s];
                int i = pairItem[s];
                if (ptr[u + 1] - ptr[u] == ni) {
                    skipped++;
                    continue;
                }
                int j;
                do {
                    j = rnd.nextInt(ni);
                } while (Arrays.binarySearch(pairItem, ptr[u], ptr[u + 1], j) >= 0);
                int ou = u * k;
                int oi = i * k;
                int oj = j * k;
                double xuij = bias[i] - bias[j];
                for (int f = 0; f < k; f++) {
                    xuij += users[ou + f] * (items[oi + f] - items[oj + f]);
                }
                double g = sigmoid(-xuij);
                for (int f = 0; f < k; f++) {
                    double pu = users[ou + f];
                    double qi = items[oi + f];
                    double qj = items[oj + f];
                    users[ou + f] += lr * (g * (qi - qj) - reg * pu);
                    items[oi + f] += lr * (g * pu - reg * qi);
                    items[oj + f] += lr * (-g * pu - reg * qj);
                }
                if (config.itemBias()) {
                    bias[i] += lr * (g - regBias * bias[i]);
                    bias[j] += lr * (-g - regBias * bias[j]);
                }
            }
        }
        if (skipped > 0) {
            LOG.warn("BPR skipped {} SGD steps of users who have interacted with every item (no negatives)",
                    skipped);
        }
    }

    /** The fold-in of every user's training history, parallel over users (users x k). */
    private double[] foldInAll(int threads) {
        Interactions x = data.interactions();
        int nu = x.numUsers();
        double[] folded = new double[nu * k];
        Parallel.forChunks(threads, nu, 16, (from, to) -> {
            for (int u = from; u < to; u++) {
                System.arraycopy(foldIn(x.userRow(u)), 0, folded, u * k, k);
            }
        });
        return folded;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * The negatives of a history's user objective, ascending: every item not in it, or the first
     * {@link Config#foldInNegatives()} of those in the model's fixed permutation.
     *
     * @throws IndexOutOfBoundsException if the history names an item outside the data
     */
    public int[] foldInNegatives(Row history) {
        return objective(history).negatives.clone();
    }

    /** The user objective L(p) of a history (see the class description). */
    public double userLoss(Row history, double[] userVector) {
        return objective(history).loss(checkVector(userVector));
    }

    /** The gradient of L at {@code userVector} (length k). */
    public double[] userGradient(Row history, double[] userVector) {
        return objective(history).gradient(checkVector(userVector));
    }

    /**
     * grad L_{H-j} - grad L_H at {@code userVector} for every position j of {@code history} (history order):
     * the gradient changes of influence functions. Where removing j leaves the negatives N unchanged (j is not
     * among the first {@link Config#foldInNegatives()} items outside H - j), the change follows from the sums
     * of one pass over the pairs, with R = sum_i r_i q_i (r_i = sum_n sigma(z_in)), C = sum_n c_n q_n
     * (c_n = sum_i sigma(z_in)) and u_j = sum_n sigma(z_jn) q_n:
     * <pre>  (s' - s)(C - R) + s' (r_j q_j - u_j),   s = 1 / (|P| |N|),  s' = 1 / ((|P| - 1) |N|)</pre>
     * (C - R is the gradient less its regulariser, times |P| |N|; u_j comes from the same pass). The other
     * positions, and every position when N is every item outside H, take the difference of the two gradients.
     * Cost O(|P| |N| k) plus one gradient per position that changes N, instead of |H| + 1 gradients.
     *
     * @throws IndexOutOfBoundsException if the history names an item outside the data
     */
    public double[][] userGradientChanges(Row history, double[] userVector) {
        double[] p = checkVector(userVector);
        UserObjective full = objective(history);
        int[] h = history.indices();
        int np = h.length;
        // the closed form needs N full (capped) and a positive left after the removal
        boolean closedForm = !full.trivial() && np >= 2 && config.foldInNegatives() != 0
                && full.nn == config.foldInNegatives();
        // the latest position in the permutation of a negative: a removed item before it joins N
        int last = -1;
        for (int n : full.negatives) {
            last = Math.max(last, negativePosition[n]);
        }
        double[] u = closedForm ? new double[2 * np * k] : null;
        double[] g = new double[k];
        full.derivatives(p, g, null, u);
        // C - R = (g - reg p) / s, so (s' - s)(C - R) = (s' / s - 1)(g - reg p) with s' / s = |P| / (|P| - 1)
        double ratio = (double) np / (np - 1) - 1;
        double s1 = 1.0 / ((double) (np - 1) * full.nn);
        double[][] out = new double[np][];
        for (int j = 0; j < np; j++) {
            if (!closedForm || negativePosition[h[j]] < last) {
                out[j] = minus(objective(history.without(h[j])).gradient(p), g);
                continue;
            }
            double[] d = new double[k];
            for (int f = 0; f < k; f++) {
                d[f] = ratio * (g[f] - config.regularization() * p[f]) + s1 * (u[j * k + f] - u[(np + j) * k + f]);
            }
            out[j] = d;
        }
        return out;
    }

    private static double[] minus(double[] a, double[] b) {
        for (int f = 0; f < a.length; f++) {
            a[f] -= b[f];
        }
        return a;
    }

    /** The Hessian of L at {@code userVector}: k x k, row-major, symmetric positive definite. */
    public double[] userHessian(Row history, double[] userVector) {
        double[] h = objective(history).hessian(checkVector(userVector));
        Dense.symmetrize(h, k);
        return h;
    }

    /**
     * The user vector that minimises the user objective of {@code history} with the item parameters fixed
     * (damped Newton from p = 0). An empty history, or one that holds every item, gives p = 0 (the objective
     * is then the regulariser alone).
     *
     * @throws IndexOutOfBoundsException if the history names an item outside the data
     */
    public double[] foldIn(Row history) {
        return objective(history).minimise(new double[k]);
    }

    /**
     * The fold-in of a history of {@code user}, by Newton from the user's stored vector instead of from 0: the
     * objective is strictly convex, so this is the same minimiser (to the gradient tolerance), and after a
     * change of a few interactions it takes a few steps instead of the whole path from 0. The refits of
     * {@link #scoreAllFolded} and {@link #scoreFolded}.
     */
    private double[] refit(int user, Row history) {
        Objects.checkIndex(user, data.interactions().numUsers());
        return objective(history).minimise(Arrays.copyOfRange(userFactors, user * k, user * k + k));
    }

    private double[] checkVector(double[] p) {
        if (p.length != k) {
            throw new IllegalArgumentException("user vector has length " + p.length + ", the model has k = " + k);
        }
        return p;
    }

    private UserObjective objective(Row history) {
        int ni = numItems();
        int[] positives = history.indices();
        boolean[] isPositive = new boolean[ni];
        for (int i : positives) {
            Objects.checkIndex(i, ni);
            isPositive[i] = true;
        }
        int cap = config.foldInNegatives() == 0 ? ni : config.foldInNegatives();
        int[] negatives = new int[Math.min(cap, ni)];
        int n = 0;
        if (config.foldInNegatives() == 0) {
            for (int j = 0; j < ni; j++) {
                if (!isPositive[j]) {
                    negatives[n++] = j;
                }
            }
        } else {
            for (int p = 0; p < ni && n < negatives.length; p++) {
                if (!isPositive[negativeOrder[p]]) {
                    negatives[n++] = negativeOrder[p];
                }
            }
        }
        negatives = Arrays.copyOf(negatives, n);
        Arrays.sort(negatives);
        return new UserObjective(positives, negatives);
    }

    /**
     * L(p) of one history over the pairs positives x negatives, with the factor rows of both gathered into
     * contiguous arrays. Each pair costs one exp (and one log for the loss); nothing of size
     * |positives| x |negatives| is stored. Immutable.
     */
    private final class UserObjective {
        private final int[] negatives;
        private final int np;
        private final int nn;
        private final double[] qp;
        private final double[] bp;
        private final double[] qn;
        private final double[] bn;
        private final double scale;

        UserObjective(int[] positives, int[] negatives) {
            this.negatives = negatives;
            this.np = positives.length;
            this.nn = negatives.length;
            this.qp = gather(positives);
            this.bp = biasesOf(positives);
            this.qn = gather(negatives);
            this.bn = biasesOf(negatives);
            this.scale = 1.0 / ((double) np * nn);
        }

        private double[] gather(int[] items) {
            double[] q = new double[items.length * k];
            for (int a = 0; a < items.length; a++) {
                System.arraycopy(itemFactors, items[a] * k, q, a * k, k);
            }
            return q;
        }

        private double[] biasesOf(int[] items) {
            double[] b = new double[items.length];
            for (int a = 0; a < items.length; a++) {
                b[a] = itemBias[items[a]];
            }
            return b;
        }

        boolean trivial() {
            return np == 0 || nn == 0;
        }

        private double[] scores(double[] q, double[] b, double[] p) {
            double[] s = new double[b.length];
            for (int a = 0; a < b.length; a++) {
                s[a] = b[a] + Dense.dot(q, a, p, 0, k);
            }
            return s;
        }

        double loss(double[] p) {
            double sum = 0;
            if (!trivial()) {
                double[] sp = scores(qp, bp, p);
                double[] sn = scores(qn, bn, p);
                for (int a = 0; a < np; a++) {
                    for (int b = 0; b < nn; b++) {
                        // -ln sigma(s_i - s_j) = softplus(z) with z = s_j - s_i
                        double z = sn[b] - sp[a];
                        sum += Math.max(z, 0) + Math.log(1 + Math.exp(-Math.abs(z)));
                    }
                }
            }
            return sum * scale + 0.5 * config.regularization() * Dense.dot(p, 0, p, 0, k);
        }

        double[] gradient(double[] p) {
            double[] g = new double[k];
            derivatives(p, g, null, null);
            return g;
        }

        /** The Hessian, lower triangle and diagonal only. */
        double[] hessian(double[] p) {
            double[] h = new double[k * k];
            derivatives(p, new double[k], h, null);
            return h;
        }

        /**
         * Fills {@code g} with the gradient and, unless {@code h} is null, {@code h} (lower triangle) with
         * the Hessian at p. With z = s_j - s_i, a pair adds sigma(z) (q_j - q_i) to the gradient and
         * sigma(z) (1 - sigma(z)) (q_i - q_j)(q_i - q_j)^T to the Hessian; both are gathered per row and
         * column of the pair matrix, so that only the cross term q_i v_i^T costs O(k) per pair. Unless
         * {@code removal} is null, it receives, for each positive i at offset i k, r_i q_i with r_i = sum over j
         * of sigma(z), and at offset (|P| + i) k, u_i = sum over j of sigma(z) q_j (see
         * {@link #userGradientChanges}).
         */
        void derivatives(double[] p, double[] g, double[] h, double[] removal) {
            if (!trivial()) {
                double[] sp = scores(qp, bp, p);
                double[] sn = scores(qn, bn, p);
                double[] colGrad = new double[nn];
                double[] colCurv = new double[nn];
                double[][] qnRows = h == null && removal == null ? null : rows(qn, nn);
                // the Hessian's lower triangle, one array per row (loops over a row's columns vectorise)
                double[][] t = null;
                if (h != null) {
                    t = new double[k][];
                    for (int r = 0; r < k; r++) {
                        t[r] = new double[r + 1];
                    }
                }
                double[] v = new double[k];
                double[] qa = new double[k];
                for (int a = 0; a < np; a++) {
                    double rowGrad = 0;
                    double rowCurv = 0;
                    Arrays.fill(v, 0);
                    for (int b = 0; b < nn; b++) {
                        double z = sn[b] - sp[a];
                        double e = Math.exp(-Math.abs(z));
                        double inv = 1 / (1 + e);
                        double sig = z >= 0 ? inv : e * inv;
                        rowGrad += sig;
                        colGrad[b] += sig;
                        if (removal != null) {
                            double[] qb = qnRows[b];
                            int ou = (np + a) * k;
                            for (int f = 0; f < k; f++) {
                                removal[ou + f] += sig * qb[f];
                            }
                        }
                        if (h != null) {
                            double curv = e * inv * inv;
                            rowCurv += curv;
                            colCurv[b] += curv;
                            double[] qb = qnRows[b];
                            for (int f = 0; f < k; f++) {
                                v[f] += curv * qb[f];
                            }
                        }
                    }
                    int oa = a * k;
                    for (int f = 0; f < k; f++) {
                        g[f] -= scale * rowGrad * qp[oa + f];
                    }
                    if (removal != null) {
                        for (int f = 0; f < k; f++) {
                            removal[oa + f] = rowGrad * qp[oa + f];
                        }
                    }
                    if (h != null) {
                        // rowCurv q_i q_i^T - (q_i v^T + v q_i^T), where v = sum over j of curv_ij q_j
                        System.arraycopy(qp, oa, qa, 0, k);
                        for (int r = 0; r < k; r++) {
                            double wa = scale * (rowCurv * qa[r] - v[r]);
                            double wv = -scale * qa[r];
                            double[] tr = t[r];
                            for (int c = 0; c <= r; c++) {
                                tr[c] += wa * qa[c] + wv * v[c];
                            }
                        }
                    }
                }
                for (int b = 0; b < nn; b++) {
                    int ob = b * k;
                    for (int f = 0; f < k; f++) {
                        g[f] += scale * colGrad[b] * qn[ob + f];
                    }
                }
                if (h != null) {
                    for (int r = 0; r < k; r++) {
                        for (int c = 0; c <= r; c++) {
                            h[r * k + c] += t[r][c];
                        }
                    }
                    int[] all = new int[nn];
                    double[] weights = new double[nn];
                    for (int b = 0; b < nn; b++) {
                        all[b] = b;
                        weights[b] = colCurv[b] * scale;
                    }
                    Dense.addOuters(h, qn, k, all, weights, nn);
                }
            }
            for (int f = 0; f < k; f++) {
                g[f] += config.regularization() * p[f];
                if (h != null) {
                    h[f * k + f] += config.regularization();
                }
            }
        }

        /** The rows of a gathered matrix as separate arrays. */
        private double[][] rows(double[] q, int count) {
            double[][] out = new double[count][];
            for (int a = 0; a < count; a++) {
                out[a] = Arrays.copyOfRange(q, a * k, a * k + k);
            }
            return out;
        }

        /** The minimiser, by damped Newton from {@code start} (not modified). */
        double[] minimise(double[] start) {
            double[] p = new double[k];
            if (trivial()) {
                return p;
            }
            System.arraycopy(start, 0, p, 0, k);
            double current = loss(p);
            int step = 0;
            for (; step < MAX_NEWTON_STEPS; step++) {
                double[] g = new double[k];
                double[] h = new double[k * k];
                derivatives(p, g, h, null);
                if (Math.sqrt(Dense.dot(g, 0, g, 0, k)) <= GRADIENT_TOLERANCE) {
                    return p;
                }
                double[] dir = new Cholesky(h, k).solve(g);
                double decrement = Dense.dot(g, 0, dir, 0, k);
                double[] next = new double[k];
                if (decrement < PURE_NEWTON_DECREMENT) {
                    // close to the minimiser: full steps converge quadratically, while the loss would no
                    // longer resolve the decrease a line search looks for
                    for (int f = 0; f < k; f++) {
                        next[f] = p[f] - dir[f];
                    }
                    p = next;
                    continue;
                }
                // backtracking (Armijo) line search along -H^-1 g
                boolean moved = false;
                for (double t = 1; t > 1e-12 && !moved; t /= 2) {
                    for (int f = 0; f < k; f++) {
                        next[f] = p[f] - t * dir[f];
                    }
                    double l = loss(next);
                    if (l <= current - 1e-4 * t * decrement) {
                        p = next;
                        current = l;
                        moved = true;
                    }
                }
                if (!moved) {
                    break;
                }
            }
            LOG.warn("BPR fold-in of a history of {} items stopped after {} Newton steps above gradient norm {}",
                    np, step, GRADIENT_TOLERANCE);
            return p;
        }
    }

    /** The number of factors k. */
    public int factors() {
        return k;
    }

    public Config config() {
        return config;
    }

    /** A copy of q_i. */
    public double[] itemFactor(int item) {
        Objects.checkIndex(item, numItems());
        return Arrays.copyOfRange(itemFactors, item * k, item * k + k);
    }

    /** The item bias b_i (0 without item bias). */
    public double itemBias(int item) {
        Objects.checkIndex(item, numItems());
        return itemBias[item];
    }

    /** A copy of the stored user vector p_u (equal to the fold-in of the user's training history). */
    public double[] userFactor(int user) {
        Objects.checkIndex(user, data.interactions().numUsers());
        return Arrays.copyOfRange(userFactors, user * k, user * k + k);
    }

    /** p_u . q_i + b_i in double precision (the value scoreAll rounds). */
    public double score(int user, int item) {
        Objects.checkIndex(user, data.interactions().numUsers());
        Objects.checkIndex(item, numItems());
        return score(userFactors, user, item);
    }

    private double score(double[] users, int row, int item) {
        return itemBias[item] + Dense.dot(itemFactors, item, users, row, k);
    }

    /** Every item's score, the same bits as {@link #score(double[], int, int)} item by item. */
    private void scoreAll(double[] users, int row, float[] out) {
        itemColumns.scoreAll(users, row * k, itemBias, out);
    }

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
        Objects.checkIndex(user, data.interactions().numUsers());
        scoreAll(userFactors, user, out);
    }

    @Override
    public void scoreAllFolded(int user, Row history, float[] out) {
        Objects.checkIndex(user, data.interactions().numUsers());
        scoreAll(refit(user, history), 0, out);
    }

    /** Scores only {@code items} after the fold-in. */
    @Override
    public void scoreFolded(int user, Row history, int[] items, float[] out) {
        Objects.checkIndex(user, data.interactions().numUsers());
        for (int i : items) {
            Objects.checkIndex(i, numItems());
        }
        double[] p = refit(user, history);
        for (int q = 0; q < items.length; q++) {
            out[q] = (float) score(p, 0, items[q]);
        }
    }

    @Override
    public String toString() {
        return "BprMf[" + info.id() + ", " + config + "]";
    }
}

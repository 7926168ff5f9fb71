package org.recxplain.model.als;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.model.Fingerprint;
import org.recxplain.model.FoldIn;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.Parallel;
import org.recxplain.model.linalg.Cholesky;
import org.recxplain.model.io.ModelCodec;
import org.recxplain.model.io.ModelFile;
import org.recxplain.model.io.ModelFormatException;
import org.recxplain.model.io.ModelReader;
import org.recxplain.model.linalg.Dense;
import org.recxplain.model.linalg.FactorColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren and Volinsky, ICDM 2008).
 *
 * <p>Each observed value r_ui &ge; 0 gives a confidence c_ui = 1 + alpha * r_ui and a preference p_ui = 1
 * if r_ui &gt; 0, else 0; unobserved pairs have c = 1, p = 0. The score of item i for user u is
 * x_u . y_i. A user's factor solves (Y^T Y + Y^T (C_u - I) Y + lambda I) x_u = Y^T C_u p_u; with the
 * precomputed Y^T Y one solve costs O(|H_u| k^2 + k^3). Items are solved symmetrically; an item with at most
 * k/4 users is solved by the Woodbury identity against the sweep's (X^T X + lambda I)^-1 instead
 * ({@code LowRankSolver}, O(r k^2): the same solution to rounding), as most items of sparse data are.
 *
 * <p>Training ends with a user sweep against the final item factors, so that the stored user factors are
 * exactly the {@link #userSystem(Row) fold-in} of each user's history: the neighbourhood explanation
 * (Section 5 of the paper) then sums to the score the model ranks by, to rounding.
 *
 * <p>Parallel over users and items; every solve depends only on the other side's factors, so the result
 * does not depend on the number of threads. The same data, configuration and seed give the same bytes.
 *
 * <p>Thread-safety: immutable once trained; scoring, fold-in and explanation may run from many threads.
 */
public final class ImplicitAls implements FoldIn {
    private static final Logger LOG = LoggerFactory.getLogger(ImplicitAls.class);

    /** The family name used in {@link ModelInfo} and in model files. */
    public static final String FAMILY = "als";

    /**
     * Hyper-parameters of implicit ALS.
     *
     * @param factors    the number of latent factors k (&ge; 1)
     * @param lambda     L2 regularisation (&gt; 0)
     * @param alpha      confidence slope: c = 1 + alpha * r (&ge; 0)
     * @param iterations number of alternating sweeps (&ge; 1); a final user sweep follows
     * @param seed       seed of the item-factor initialisation
     * @param threads    worker threads for training (&ge; 1); does not change the result
     */
    public record Config(int factors, double lambda, double alpha, int iterations, long seed, int threads) {
        public Config {
            if (factors < 1 || factors > 4096) {
                throw new IllegalArgumentException("factors must be in 1..4096, got " + factors);
            }
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be a positive finite number, got " + lambda);
            }
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be a finite number >= 0, got " + alpha);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /** k = 64, lambda = 0.1, alpha = 10, 15 iterations, seed 42, one thread per core. */
        public static Config defaults() {
            return new Config(64, 0.1, 10.0, 15, 42L, Runtime.getRuntime().availableProcessors());
        }

        public Config withFactors(int k) {
            return new Config(k, lambda, alpha, iterations, seed, threads);
        }

        public Config withLambda(double l) {
            return new Config(factors, l, alpha, iterations, seed, threads);
        }

        public Config withAlpha(double a) {
            return new Config(factors, lambda, a, iterations, seed, threads);
        }

        public Config withIterations(int n) {
            return new Config(factors, lambda, alpha, n, seed, threads);
        }

        public Config withSeed(long s) {
            return new Config(factors, lambda, alpha, iterations, s, threads);
        }

        public Config withThreads(int t) {
            return new Config(factors, lambda, alpha, iterations, seed, t);
        }

        /** The hyper-parameters that define the model (threads excluded: they do not change it). */
        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("factors", Integer.toString(factors));
            m.put("lambda", Double.toString(lambda));
            m.put("alpha", Double.toString(alpha));
            m.put("iterations", Integer.toString(iterations));
            return m;
        }
    }

    /** Receives progress during training: the sweep just finished and the total. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void sweepDone(int done, int total);
    }

    private final Dataset data;
    private final Config config;
    private final int k;
    private final double[] userFactors;
    private final double[] itemFactors;
    /** The item factors by column, for scoring every item at once. */
    private final FactorColumns itemColumns;
    private final double[] itemGram;
    /** The start of the item factors' fingerprint, part of the model id. */
    private final String itemPrint;
    private final ModelInfo info;

    private ImplicitAls(Dataset data, Config config, double[] userFactors, double[] itemFactors) {
        this(data, config, userFactors, itemFactors, Dense.gram(itemFactors, config.factors()),
                Fingerprint.of(itemFactors).substring(0, 4));
    }

    /** With the Gramian and fingerprint of {@code itemFactors} already known (a model sharing its items). */
    private ImplicitAls(Dataset data, Config config, double[] userFactors, double[] itemFactors, double[] itemGram,
                        String itemPrint) {
        this.data = data;
        this.config = config;
        this.k = config.factors();
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.itemColumns = new FactorColumns(itemFactors, k);
        this.itemGram = itemGram;
        this.itemPrint = itemPrint;
        this.info = new ModelInfo(FAMILY, config.asMap(), config.seed(), Fingerprint.of(userFactors) + itemPrint);
    }

    /** Trains without progress reports. */
    public static ImplicitAls train(Dataset data, Config config) {
        return train(data, config, Progress.NONE);
    }

    /**
     * Trains on {@code data}.
     *
     * @throws IllegalArgumentException if a value is negative (apply {@code ImplicitFeedback} first)
     */
    public static ImplicitAls train(Dataset data, Config config, Progress progress) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        Interactions x = data.interactions();
        checkValues(x);
        int k = config.factors();
        int nu = x.numUsers();
        int ni = x.numItems();
        double[] users = new double[nu * k];
        double[] items = new double[ni * k];
        SplittableRandom rnd = new SplittableRandom(config.seed());
        double scale = 1.0 / Math.sqrt(k);
        for (int p = 0; p < items.length; p++) {
            items[p] = rnd.nextGaussian() * scale * 0.1;
        }
        ForkJoinPool pool = new ForkJoinPool(config.threads());
        try {
            long start = System.nanoTime();
            for (int it = 0; it < config.iterations(); it++) {
                sweep(pool, nu, users, items, k, config, x::userRow, false);
                sweep(pool, ni, items, users, k, config, x::itemColumn, true);
                progress.sweepDone(it + 1, config.iterations());
            }
            // the final user sweep makes the stored user factors the exact fold-in of each history
            sweep(pool, nu, users, items, k, config, x::userRow, false);
            LOG.debug("trained implicit ALS k={} on {} in {} ms", k, x, (System.nanoTime() - start) / 1_000_000);
        } finally {
            pool.shutdown();
        }
        return new ImplicitAls(data, config, users, items);
    }

    /** The format version of {@link #save(Path)}. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Saves the model with everything needed to explain it (training data, ID maps, features, titles) in
     * the project's versioned, checksummed container ({@link ModelFile}).
     *
     * @throws IOException if the file cannot be written
     */
    public void save(Path path) throws IOException {
        ModelCodec.write(path, FAMILY, FORMAT_VERSION,
                w -> w.writeInt(config.factors()).writeDouble(config.lambda()).writeDouble(config.alpha())
                        .writeInt(config.iterations()).writeLong(config.seed()),
                data,
                w -> w.writeDoubles(userFactors).writeDoubles(itemFactors));
    }

    /**
     * Loads a model saved by {@link #save(Path)}.
     *
     * @throws ModelFormatException if the file is not an ALS model, is truncated or corrupted (the message
     *                              names the file and the problem)
     * @throws IOException          if the file cannot be read
     */
    public static ImplicitAls load(Path path) throws IOException {
        return read(ModelFile.read(path));
    }

    /** Reads the body of an ALS model file (see {@link org.recxplain.model.Models#load(Path)}). */
    public static ImplicitAls read(ModelReader r) throws IOException {
        return ModelCodec.read(r, FAMILY, FORMAT_VERSION,
                in -> new Config(in.readInt(), in.readDouble(), in.readDouble(), in.readInt(), in.readLong(),
                        Runtime.getRuntime().availableProcessors()),
                (in, config, data) -> restore(data, config, in.readDoubles(), in.readDoubles()));
    }

    /** Restores a trained model from its parameters (used by the model file reader). */
    static ImplicitAls restore(Dataset data, Config config, double[] userFactors, double[] itemFactors) {
        int k = config.factors();
        if (userFactors.length != data.interactions().numUsers() * k
                || itemFactors.length != data.interactions().numItems() * k) {
            throw new IllegalArgumentException("factor matrices do not match the data: " + userFactors.length
                    + " user and " + itemFactors.length + " item entries for k=" + k);
        }
        return new ImplicitAls(data, config, userFactors.clone(), itemFactors.clone());
    }

    private static void checkValues(Interactions x) {
        for (int u = 0; u < x.numUsers(); u++) {
            float[] v = x.userRow(u).values();
            for (int p = 0; p < v.length; p++) {
                if (v[p] < 0) {
                    throw new IllegalArgumentException("implicit ALS needs values >= 0; user '" + x.users().id(u)
                            + "' has " + v[p] + " (convert ratings with ImplicitFeedback first)");
                }
            }
        }
    }

    /**
     * Solves every row of {@code target} against the fixed {@code fixed} factors; with {@code lowRank}, rows
     * of few entries by the Woodbury identity ({@link LowRankSolver}; the item sweeps: the user sweeps solve
     * directly, so that a stored user factor is bit for bit the {@link #userSystem} solution).
     */
    private static void sweep(ForkJoinPool pool, int n, double[] target, double[] fixed, int k, Config config,
                              java.util.function.IntFunction<Row> rows, boolean lowRank) {
        double[] gram = Dense.gram(fixed, k);
        LowRankSolver low = lowRank ? new LowRankSolver(gram, k, config.lambda()) : null;
        Parallel.forChunks(pool, n, 64, (from, to) -> {
            double[] a = new double[k * k];
            double[] b = new double[k];
            for (int r = from; r < to; r++) {
                Row row = rows.apply(r);
                if (low != null && row.size() <= low.maxEntries()) {
                    low.solve(row, fixed, config.alpha(), b);
                } else {
                    halfStep(row, fixed, gram, k, config.lambda(), config.alpha(), a, b);
                }
                System.arraycopy(b, 0, target, r * k, k);
            }
        });
    }

    /**
     * One exact ALS half-step: fills {@code a} with Y^T C Y + lambda I (lower triangle) and overwrites
     * {@code b} with the solution x; returns the factorisation of {@code a}.
     */
    static Cholesky halfStep(Row row, double[] fixed, double[] gram, int k, double lambda, double alpha,
                             double[] a, double[] b) {
        System.arraycopy(gram, 0, a, 0, k * k);
        java.util.Arrays.fill(b, 0);
        int[] idx = row.indices();
        float[] val = row.values();
        double[] weights = new double[idx.length];
        for (int p = 0; p < idx.length; p++) {
            weights[p] = (1 + alpha * val[p]) - 1;
        }
        Dense.addOuters(a, fixed, k, idx, weights, idx.length);
        for (int p = 0; p < idx.length; p++) {
            double c = 1 + alpha * val[p];
            int off = idx[p] * k;
            if (val[p] > 0) {
                for (int f = 0; f < k; f++) {
                    b[f] += c * fixed[off + f];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        Cholesky chol = new Cholesky(a, k);
        chol.solveInPlace(b);
        return chol;
    }

    /**
     * The exact user system for a given history, with the item factors fixed: its matrix
     * A_u = Y^T C_u Y + lambda I, factorised, and the solution x_u (the fold-in). Costs
     * O(|history| k^2 + k^3).
     */
    public UserSystem userSystem(Row history) {
        double[] a = new double[k * k];
        double[] b = new double[k];
        Cholesky chol = halfStep(history, itemFactors, itemGram, k, config.lambda(), config.alpha(), a, b);
        return new UserSystem(history, chol, a, b);
    }

    /** The user system of a user's training history; its factor equals the stored one. */
    public UserSystem userSystem(int user) {
        return userSystem(data.interactions().userRow(user));
    }

    /**
     * A user's factorised ALS system A_u = Y^T C_u Y + lambda I and the solution x_u = A_u^-1 Y^T C_u p_u.
     * Immutable and thread-safe; {@link #applyInverse(double[])} allocates its result.
     */
    public final class UserSystem {
        private final Row history;
        private final Cholesky chol;
        private final double[] matrix;
        private final double[] factor;

        private UserSystem(Row history, Cholesky chol, double[] matrix, double[] factor) {
            this.history = history;
            this.chol = chol;
            this.matrix = matrix;
            Dense.symmetrize(matrix, k);
            this.factor = factor;
        }

        /** The history this system was built from. */
        public Row history() {
            return history;
        }

        /** A copy of x_u. */
        public double[] factor() {
            return factor.clone();
        }

        /** A copy of the matrix A_u (row-major, full). */
        public double[] matrix() {
            return matrix.clone();
        }

        /** A_u^-1 v, as a new array. */
        public double[] applyInverse(double[] v) {
            return chol.solve(v);
        }

        /** The factorisation of A_u (package-private: for the exact-removal kernels). */
        Cholesky cholesky() {
            return chol;
        }

        /** The explicit inverse W_u = A_u^-1 (row-major). */
        public double[] inverse() {
            return chol.inverse();
        }

        /** x_u . y_i in double precision. */
        public double score(int item) {
            return Dense.dot(itemFactors, item, factor, 0, k);
        }

        /** Scores of every item with this user factor. */
        public void scoreAll(float[] out) {
            scoreAllWithFactor(factor, out);
        }
    }

    /**
     * This model as if {@code user}'s training history were {@code history}: the data is a view with that
     * row replaced and the user's factor is refit exactly (fold-in); every other parameter is shared. Costs
     * O(|history| k^2 + k^3) plus a copy of the user factors. Used to measure how explanations change under
     * small changes of the input.
     */
    public ImplicitAls withHistory(int user, Row history) {
        java.util.Objects.checkIndex(user, data.interactions().numUsers());
        Dataset changed = data.withInteractions(data.interactions().withUserRow(user, history));
        double[] users = userFactors.clone();
        System.arraycopy(userSystem(history).factor, 0, users, user * k, k);
        // the items are shared (never written), and so are their Gramian and fingerprint
        return new ImplicitAls(changed, config, users, itemFactors, itemGram, itemPrint);
    }

    /** The confidence c = 1 + alpha * r of an observed value r. */
    public double confidence(float value) {
        return 1 + config.alpha() * value;
    }

    /** The preference p = 1 if r &gt; 0, else 0. */
    public static double preference(float value) {
        return value > 0 ? 1 : 0;
    }

    /** The number of factors k. */
    public int factors() {
        return k;
    }

    public Config config() {
        return config;
    }

    /** A copy of item i's factor y_i. */
    public double[] itemFactor(int item) {
        java.util.Objects.checkIndex(item, data.interactions().numItems());
        return java.util.Arrays.copyOfRange(itemFactors, item * k, item * k + k);
    }

    /** A copy of user u's stored factor x_u. */
    public double[] userFactor(int user) {
        java.util.Objects.checkIndex(user, data.interactions().numUsers());
        return java.util.Arrays.copyOfRange(userFactors, user * k, user * k + k);
    }

    /** A copy of all item factors, row-major (items x k). */
    public double[] itemFactors() {
        return itemFactors.clone();
    }

    /** Every item's score (rounded to float) for a user factor x. */
    void scoreAllWithFactor(double[] x, float[] out) {
        itemColumns.scoreAll(x, 0, out);
    }

    /** The item factors without copying; package-private for the exact-update kernels. */
    double[] itemFactorsView() {
        return itemFactors;
    }

    /** A copy of all user factors, row-major (users x k). */
    public double[] userFactors() {
        return userFactors.clone();
    }

    /** x_u . y_i in double precision (the value {@link #scoreAll} rounds to float). */
    public double score(int user, int item) {
        java.util.Objects.checkIndex(user, data.interactions().numUsers());
        java.util.Objects.checkIndex(item, data.interactions().numItems());
        return Dense.dot(itemFactors, item, userFactors, user, k);
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
        java.util.Objects.checkIndex(user, data.interactions().numUsers());
        itemColumns.scoreAll(userFactors, user * k, out);
    }

    @Override
    public void scoreAllFolded(int user, Row history, float[] out) {
        java.util.Objects.checkIndex(user, data.interactions().numUsers());
        userSystem(history).scoreAll(out);
    }

    @Override
    public void scoreFolded(int user, Row history, int[] items, float[] out) {
        java.util.Objects.checkIndex(user, data.interactions().numUsers());
        UserSystem sys = userSystem(history);
        for (int p = 0; p < items.length; p++) {
            out[p] = (float) sys.score(items[p]);
        }
    }

    @Override
    public String toString() {
        return "ImplicitAls[" + info.id() + ", " + config + "]";
    }
}

package org.recxplain.model.knn;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntHeapPriorityQueue;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.model.Fingerprint;
import org.recxplain.model.FoldIn;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.Parallel;
import org.recxplain.model.io.ModelCodec;
import org.recxplain.model.io.ModelFile;
import org.recxplain.model.io.ModelReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Item-based k-nearest-neighbour recommender (Sarwar et al. 2001; Deshpande and Karypis 2004) whose score
 * decomposes exactly over the user's history.
 *
 * <p><b>Similarity.</b> Each item i is the column a_i of the users x items matrix, with a_ui = w(r_ui) for
 * {@link Similarity#COSINE} and a_ui = w(r_ui) - mean_u for {@link Similarity#ADJUSTED_COSINE} (mean_u is
 * the mean of user u's values), where w(r) = 1 if {@link Config#binary()} and r otherwise. Then
 * <pre>  sim(i, j) = a_i . a_j / (||a_i|| ||a_j|| + shrinkage)</pre>
 * Each item keeps its neighbourhood N(i): the {@link Config#neighbours()} items j &ne; i with the highest
 * strictly positive similarity, ties going to the lower item index. Zero and negative similarities are
 * dropped. Similarities are computed from the item columns by sparse accumulation (for every item i, over
 * its users u and their items j), in O(sum over users of degree^2) time, parallel over items; every
 * similarity is summed in ascending user order, so the model does not depend on the number of threads.
 *
 * <p><b>Score.</b> The score of item i for a user with history H is
 * <pre>  score(H, i) = sum over j in H with j in N(i) of sim(i, j) * w(r_uj)</pre>
 * that is, the user's items that are among i's neighbours vote for i (the classic item-based prediction,
 * without normalisation so that the score is a plain sum). {@link #contributions(int, int)} gives the term
 * of each history entry (zero where j is not in N(i)); {@link #score(int, int)} adds them in history
 * order and is bit-for-bit the double that {@link #scoreAll(int, float[])} rounds to float.
 *
 * <p><b>Fold-in.</b> With the similarities fixed, the score of any history is the same sum, so
 * {@link #scoreAllFolded(int, Row, float[])} is exact and cheap. (For adjusted cosine the similarities were
 * computed with the user's training history; fold-in does not recompute them.)
 *
 * <p>Thread-safety: immutable once trained; scoring and contributions may run from many threads.
 */
public final class ItemKnn implements FoldIn {
    private static final Logger LOG = LoggerFactory.getLogger(ItemKnn.class);

    /** The family name used in {@link ModelInfo} and in model files. */
    public static final String FAMILY = "item-knn";

    /** How two item columns are compared. */
    public enum Similarity {
        /** Cosine of the raw (or binary) columns. */
        COSINE,
        /** Cosine of the columns after subtracting each user's mean value from the user's entries. */
        ADJUSTED_COSINE
    }

    /**
     * Hyper-parameters of item kNN.
     *
     * @param neighbours the neighbourhood size N kept per item (&ge; 1)
     * @param similarity the similarity measure
     * @param shrinkage  added to the denominator of the similarity (&ge; 0); damps pairs with little support
     * @param binary     treat every observed value as 1, in the similarity and in the score; not allowed with
     *                   {@link Similarity#ADJUSTED_COSINE} (centred binary values are all zero)
     * @param threads    worker threads for the similarity computation (&ge; 1); does not change the result
     */
    public record Config(int neighbours, Similarity similarity, double shrinkage, boolean binary, int threads) {
        public Config {
            if (neighbours < 1) {
                throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
            }
            Objects.requireNonNull(similarity, "similarity");
            if (!(shrinkage >= 0) || Double.isInfinite(shrinkage)) {
                throw new IllegalArgumentException("shrinkage must be a finite number >= 0, got " + shrinkage);
            }
            if (binary && similarity == Similarity.ADJUSTED_COSINE) {
                throw new IllegalArgumentException("adjusted cosine needs the values: it cannot be binary "
                        + "(every centred binary value is 0)");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /** 50 neighbours, cosine, no shrinkage, values as given, one thread per core. */
        public static Config defaults() {
            return new Config(50, Similarity.COSINE, 0.0, false, Runtime.getRuntime().availableProcessors());
        }

        public Config withNeighbours(int n) {
            return new Config(n, similarity, shrinkage, binary, threads);
        }

        public Config withSimilarity(Similarity s) {
            return new Config(neighbours, s, shrinkage, binary, threads);
        }

        public Config withShrinkage(double s) {
            return new Config(neighbours, similarity, s, binary, threads);
        }

        public Config withBinary(boolean b) {
            return new Config(neighbours, similarity, shrinkage, b, threads);
        }

        public Config withThreads(int t) {
            return new Config(neighbours, similarity, shrinkage, binary, t);
        }

        /** The hyper-parameters that define the model (threads excluded: they do not change it). */
        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("neighbours", Integer.toString(neighbours));
            m.put("similarity", similarity.name().toLowerCase(java.util.Locale.ROOT));
            m.put("shrinkage", Double.toString(shrinkage));
            m.put("binary", Boolean.toString(binary));
            return m;
        }
    }

    private final Dataset data;
    private final Config config;
    /** N(i) is nbrItem[nbrPtr[i] .. nbrPtr[i+1]), ascending, with similarities nbrSim. */
    private final int[] nbrPtr;
    private final int[] nbrItem;
    private final double[] nbrSim;
    /** The transpose: the items i with j in N(i) are revItem[revPtr[j] .. revPtr[j+1]), ascending. */
    private final int[] revPtr;
    private final int[] revItem;
    private final double[] revSim;
    private final ModelInfo info;

    private ItemKnn(Dataset data, Config config, int[] nbrPtr, int[] nbrItem, double[] nbrSim) {
        this.data = data;
        this.config = config;
        this.nbrPtr = nbrPtr;
        this.nbrItem = nbrItem;
        this.nbrSim = nbrSim;
        int ni = nbrPtr.length - 1;
        revPtr = new int[ni + 1];
        for (int j : nbrItem) {
            revPtr[j + 1]++;
        }
        for (int j = 0; j < ni; j++) {
            revPtr[j + 1] += revPtr[j];
        }
        revItem = new int[nbrItem.length];
        revSim = new double[nbrItem.length];
        int[] fill = Arrays.copyOf(revPtr, ni);
        // items are visited in ascending order, so each transposed list comes out ascending
        for (int i = 0; i < ni; i++) {
            for (int e = nbrPtr[i]; e < nbrPtr[i + 1]; e++) {
                int q = fill[nbrItem[e]]++;
                revItem[q] = i;
                revSim[q] = nbrSim[e];
            }
        }
        float[] items = new float[nbrItem.length];
        for (int e = 0; e < items.length; e++) {
            items[e] = nbrItem[e];
        }
        String fp = Fingerprint.of(nbrSim) + Fingerprint.of(items).substring(0, 4);
        this.info = new ModelInfo(FAMILY, config.asMap(), 0L, fp);
    }

    /**
     * Computes the item similarities and neighbourhoods of {@code data}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static ItemKnn train(Dataset data, Config config) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        long start = System.nanoTime();
        Interactions x = data.interactions();
        int nu = x.numUsers();
        int ni = x.numItems();
        // the transformed matrix a, by user (rows) and by item (columns)
        int[] uPtr = new int[nu + 1];
        int[] uItem = new int[x.size()];
        double[] uVal = new double[x.size()];
        double[] mean = new double[nu];
        for (int u = 0; u < nu; u++) {
            Row r = x.userRow(u);
            int off = uPtr[u];
            double sum = 0;
            for (int p = 0; p < r.size(); p++) {
                uItem[off + p] = r.indices()[p];
                uVal[off + p] = config.binary() ? 1 : r.values()[p];
                sum += uVal[off + p];
            }
            mean[u] = config.similarity() == Similarity.ADJUSTED_COSINE && r.size() > 0 ? sum / r.size() : 0;
            for (int p = 0; p < r.size(); p++) {
                uVal[off + p] -= mean[u];
            }
            uPtr[u + 1] = off + r.size();
        }
        double[] norm = new double[ni];
        for (int u = 0; u < nu; u++) {
            for (int p = uPtr[u]; p < uPtr[u + 1]; p++) {
                norm[uItem[p]] += uVal[p] * uVal[p];
            }
        }
        for (int i = 0; i < ni; i++) {
            norm[i] = Math.sqrt(norm[i]);
        }
        int[][] cols = new int[ni][];
        for (int i = 0; i < ni; i++) {
            cols[i] = x.itemColumn(i).indices();
        }
        int[][] nbrs = new int[ni][];
        double[][] sims = new double[ni][];
        Parallel.forChunks(config.threads(), ni, 64, (from, to) -> {
            Neighbourhoods scratch = new Neighbourhoods(ni, config);
            for (int i = from; i < to; i++) {
                scratch.compute(i, cols[i], uPtr, uItem, uVal, norm, nbrs, sims);
            }
        });
        int[] ptr = new int[ni + 1];
        for (int i = 0; i < ni; i++) {
            ptr[i + 1] = ptr[i] + nbrs[i].length;
        }
        int[] item = new int[ptr[ni]];
        double[] sim = new double[ptr[ni]];
        for (int i = 0; i < ni; i++) {
            System.arraycopy(nbrs[i], 0, item, ptr[i], nbrs[i].length);
            System.arraycopy(sims[i], 0, sim, ptr[i], sims[i].length);
        }
        LOG.debug("trained item kNN N={} on {}: {} neighbour pairs in {} ms", config.neighbours(), x, item.length,
                (System.nanoTime() - start) / 1_000_000);
        return new ItemKnn(data, config, ptr, item, sim);
    }

    /** The format version of {@link #save(Path)}. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Saves the model with its training data in the project's model container ({@link ModelCodec} layout):
     * the configuration, the data, then the neighbourhoods with their exact similarities. The transposed
     * lists used for scoring are rebuilt on loading.
     *
     * @throws IOException if the file cannot be written
     */
    public void save(Path path) throws IOException {
        ModelCodec.write(path, FAMILY, FORMAT_VERSION,
                w -> w.writeInt(config.neighbours()).writeString(config.similarity().name())
                        .writeDouble(config.shrinkage()).writeBoolean(config.binary()),
                data,
                w -> w.writeInts(nbrPtr).writeInts(nbrItem).writeDoubles(nbrSim));
    }

    /**
     * Loads a model saved by {@link #save(Path)}; it scores exactly as the saved one did.
     *
     * @throws org.recxplain.model.io.ModelFormatException if the file is not an item-kNN model, is truncated,
     *                                                     corrupted or inconsistent (the message names the file)
     * @throws IOException                                 if the file cannot be read
     */
    public static ItemKnn load(Path path) throws IOException {
        return read(ModelFile.read(path));
    }

    /** Reads the body of an item-kNN model file (see {@link org.recxplain.model.Models#load(Path)}). */
    public static ItemKnn read(ModelReader r) throws IOException {
        return ModelCodec.read(r, FAMILY, FORMAT_VERSION,
                in -> new Config(in.readInt(), similarity(in.readString()), in.readDouble(), in.readBoolean(),
                        Runtime.getRuntime().availableProcessors()),
                (in, config, data) -> restore(data, config, in.readInts(), in.readInts(), in.readDoubles()));
    }

    private static Similarity similarity(String name) {
        try {
            return Similarity.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown similarity '" + name + "', expected one of "
                    + Arrays.toString(Similarity.values()));
        }
    }

    /**
     * A model from stored neighbourhoods, after checking that they are what training produces: one list
     * per item of at most {@code neighbours} other items, ascending, with positive finite similarities.
     *
     * @throws IllegalArgumentException naming the first item whose list does not fit
     */
    private static ItemKnn restore(Dataset data, Config config, int[] ptr, int[] item, double[] sim) {
        int ni = data.interactions().numItems();
        if (ptr.length != ni + 1 || ptr[0] != 0 || ptr[ni] != item.length || sim.length != item.length) {
            throw new IllegalArgumentException("neighbourhood arrays do not fit " + ni + " items: " + ptr.length
                    + " offsets, " + item.length + " neighbours, " + sim.length + " similarities");
        }
        for (int i = 0; i < ni; i++) {
            if (ptr[i + 1] < ptr[i] || ptr[i + 1] > item.length || ptr[i + 1] - ptr[i] > config.neighbours()) {
                throw new IllegalArgumentException("item " + i + " has " + (ptr[i + 1] - ptr[i])
                        + " neighbours, expected 0 to " + config.neighbours());
            }
            for (int e = ptr[i]; e < ptr[i + 1]; e++) {
                int j = item[e];
                if (j < 0 || j >= ni || j == i || (e > ptr[i] && j <= item[e - 1])) {
                    throw new IllegalArgumentException("item " + i + ": neighbour " + j
                            + " is out of range, the item itself, or not ascending");
                }
                if (!(sim[e] > 0) || Double.isInfinite(sim[e])) {
                    throw new IllegalArgumentException("item " + i + ": similarity " + sim[e] + " to item " + j
                            + " is not a positive finite number");
                }
            }
        }
        return new ItemKnn(data, config, ptr, item, sim);
    }

    /** Per-worker scratch space: dense accumulators reset lazily by a stamp. Not thread-safe. */
    private static final class Neighbourhoods {
        private final Config config;
        private final double[] acc;
        private final int[] stamp;
        private final IntArrayList touched = new IntArrayList();
        private final IntHeapPriorityQueue best;

        Neighbourhoods(int ni, Config config) {
            this.config = config;
            this.acc = new double[ni];
            this.stamp = new int[ni];
            // the head is the worst kept neighbour: lowest similarity, then highest index
            this.best = new IntHeapPriorityQueue(config.neighbours(), (a, b) -> {
                int bySim = Double.compare(acc[a], acc[b]);
                return bySim != 0 ? bySim : Integer.compare(b, a);
            });
        }

        void compute(int i, int[] users, int[] uPtr, int[] uItem, double[] uVal, double[] norm, int[][] nbrs,
                     double[][] sims) {
            touched.clear();
            for (int u : users) {
                int from = uPtr[u];
                int to = uPtr[u + 1];
                double ai = uVal[Arrays.binarySearch(uItem, from, to, i)];
                if (ai == 0) {
                    continue;
                }
                for (int p = from; p < to; p++) {
                    int j = uItem[p];
                    if (j == i) {
                        continue;
                    }
                    if (stamp[j] != i + 1) {
                        stamp[j] = i + 1;
                        acc[j] = 0;
                        touched.add(j);
                    }
                    acc[j] += ai * uVal[p];
                }
            }
            // acc now holds the similarities; the heap compares through it
            best.clear();
            for (int t = 0; t < touched.size(); t++) {
                int j = touched.getInt(t);
                double denominator = norm[i] * norm[j] + config.shrinkage();
                double s = denominator > 0 ? acc[j] / denominator : 0;
                acc[j] = s;
                if (!(s > 0)) {
                    continue;
                }
                if (best.size() < config.neighbours()) {
                    best.enqueue(j);
                } else {
                    int worst = best.firstInt();
                    if (s > acc[worst] || (s == acc[worst] && j < worst)) {
                        best.dequeueInt();
                        best.enqueue(j);
                    }
                }
            }
            int[] kept = new int[best.size()];
            for (int n = 0; n < kept.length; n++) {
                kept[n] = best.dequeueInt();
            }
            Arrays.sort(kept);
            double[] s = new double[kept.length];
            for (int n = 0; n < kept.length; n++) {
                s[n] = acc[kept[n]];
            }
            nbrs[i] = kept;
            sims[i] = s;
        }
    }

    /** The weight of a history entry with this value in the score: 1 if binary, else the value. */
    public double weight(float value) {
        return config.binary() ? 1 : value;
    }

    public Config config() {
        return config;
    }

    /** The neighbourhood N(item), ascending item indices (a copy). */
    public int[] neighbours(int item) {
        Objects.checkIndex(item, numItems());
        return Arrays.copyOfRange(nbrItem, nbrPtr[item], nbrPtr[item + 1]);
    }

    /** The similarities of {@link #neighbours(int)}, in the same order (a copy). */
    public double[] neighbourSimilarities(int item) {
        Objects.checkIndex(item, numItems());
        return Arrays.copyOfRange(nbrSim, nbrPtr[item], nbrPtr[item + 1]);
    }

    /** sim(item, other) if {@code other} is in N(item), else 0. */
    public double similarity(int item, int other) {
        Objects.checkIndex(item, numItems());
        Objects.checkIndex(other, numItems());
        int e = Arrays.binarySearch(nbrItem, nbrPtr[item], nbrPtr[item + 1], other);
        return e < 0 ? 0 : nbrSim[e];
    }

    /**
     * The term of each entry of the user's training history in the score of {@code item}, in history order
     * (ascending item index): sim(item, j) * w(r_uj) if j is in N(item), else 0. They sum to
     * {@link #score(int, int)}.
     */
    public double[] contributions(int user, int item) {
        Objects.checkIndex(user, data.interactions().numUsers());
        return contributions(data.interactions().userRow(user), item);
    }

    /** The term of each entry of {@code history} in the score of {@code item}, in history order. */
    public double[] contributions(Row history, int item) {
        Objects.checkIndex(item, numItems());
        int[] idx = history.indices();
        float[] val = history.values();
        double[] out = new double[idx.length];
        for (int p = 0; p < idx.length; p++) {
            Objects.checkIndex(idx[p], numItems());
            int e = Arrays.binarySearch(nbrItem, nbrPtr[item], nbrPtr[item + 1], idx[p]);
            out[p] = e < 0 ? 0 : nbrSim[e] * weight(val[p]);
        }
        return out;
    }

    /** The score of {@code item} for {@code user} in double precision (the value scoreAll rounds). */
    public double score(int user, int item) {
        return sum(contributions(user, item));
    }

    /** The score of {@code item} for an arbitrary history, in double precision. */
    public double score(Row history, int item) {
        return sum(contributions(history, item));
    }

    private static double sum(double[] terms) {
        double s = 0;
        for (double t : terms) {
            s += t;
        }
        return s;
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
        scoreHistory(data.interactions().userRow(user), out);
    }

    @Override
    public void scoreAllFolded(int user, Row history, float[] out) {
        Objects.checkIndex(user, data.interactions().numUsers());
        scoreHistory(history, out);
    }

    /**
     * Every item's score for a history, by the transposed neighbourhoods. Each item's terms are added in
     * history order, exactly as {@link #score(Row, int)} adds them.
     */
    private void scoreHistory(Row history, float[] out) {
        int ni = numItems();
        double[] acc = new double[ni];
        int[] idx = history.indices();
        float[] val = history.values();
        for (int p = 0; p < idx.length; p++) {
            int j = idx[p];
            Objects.checkIndex(j, ni);
            double w = weight(val[p]);
            for (int e = revPtr[j]; e < revPtr[j + 1]; e++) {
                acc[revItem[e]] += revSim[e] * w;
            }
        }
        for (int i = 0; i < ni; i++) {
            out[i] = (float) acc[i];
        }
    }

    @Override
    public String toString() {
        return "ItemKnn[" + info.id() + ", " + config + "]";
    }
}

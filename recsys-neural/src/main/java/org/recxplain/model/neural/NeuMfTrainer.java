package org.recxplain.model.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Sampling;
import org.recxplain.model.neural.NeuMfNetwork.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link NeuMf}: mini-batch Adam on the binary cross-entropy of positives and sampled negatives
 * (see {@link NeuMf} for the procedure), then the fold-in of every user. Single use; not thread-safe.
 */
final class NeuMfTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(NeuMfTrainer.class);

    private final Dataset data;
    private final NeuMf.Config config;
    private final NeuMfNetwork net;
    private final FeatureBags itemBags;
    private final FeatureBags userBags;

    NeuMfTrainer(Dataset data, NeuMf.Config config) {
        this.data = data;
        this.config = config;
        this.itemBags = FeatureBags.of(data.itemFeatures());
        this.userBags = FeatureBags.of(data.userFeatures());
        this.net = new NeuMfNetwork(NeuMf.dimsOf(data, config, itemBags, userBags));
    }

    /** Trains and ends with the fold-in of every user. */
    NeuMf run() {
        long start = System.nanoTime();
        NeuMf sgd = trainBySgd();
        long trained = System.nanoTime();
        try {
            NeuMf model = sgd.withFoldedUsers();
            LOG.info("NeuMF trained on {} interactions in {} ms ({} epochs) plus {} ms fold-in of {} users",
                    data.interactions().size(), (trained - start) / 1_000_000, config.epochs(),
                    (System.nanoTime() - trained) / 1_000_000, data.interactions().numUsers());
            return model;
        } finally {
            sgd.close();
        }
    }

    /** The model after the epochs of mini-batch training, with the user parameters of training. */
    NeuMf trainBySgd() {
        NeuralEngine.get().setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
        Map<String, float[]> values = net.initialValues(NeuMf.stream(config.seed(), 0));
        Interactions x = data.interactions();
        int n = x.size();
        int[] posUser = new int[n];
        int[] posItem = new int[n];
        int[][] seen = new int[x.numUsers()][];
        int at = 0;
        for (int u = 0; u < x.numUsers(); u++) {
            seen[u] = x.userRow(u).indices();
            for (int i : seen[u]) {
                posUser[at] = u;
                posItem[at++] = i;
            }
        }
        SplittableRandom order = NeuMf.stream(config.seed(), 1);
        SplittableRandom sampling = NeuMf.stream(config.seed(), 2);
        int[] perm = NeuMf.range(n);
        try (NDManager tm = NeuralEngine.newManager()) {
            Map<String, NDArray> leaves = new LinkedHashMap<>();
            net.shapes().forEach((name, shape) -> leaves.put(name, Autograd.leaf(tm.create(values.get(name), shape))));
            Optimizer adam = AdamW.builder().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                    .optWeightDecays((float) config.regularization()).build();
            int k = config.negatives();
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                Sampling.shuffle(perm, order);
                double lossSum = 0;
                int batches = 0;
                for (int from = 0; from < n; from += config.batchSize()) {
                    int to = Math.min(n, from + config.batchSize());
                    int rows = (to - from) * (1 + k);
                    int[] users = new int[rows];
                    int[] items = new int[rows];
                    float[] signs = new float[rows];
                    int r = 0;
                    for (int p = from; p < to; p++) {
                        int u = posUser[perm[p]];
                        users[r] = u;
                        items[r] = posItem[perm[p]];
                        signs[r++] = -1f;
                        for (int j = 0; j < k; j++) {
                            users[r] = u;
                            items[r] = negative(seen[u], x.numItems(), sampling);
                            signs[r++] = 1f;
                        }
                    }
                    lossSum += step(tm, leaves, users, items, signs);
                    batches++;
                    for (Map.Entry<String, NDArray> e : leaves.entrySet()) {
                        update(adam, e.getKey(), e.getValue());
                    }
                }
                LOG.debug("NeuMF epoch {}: mean loss {}", epoch + 1, lossSum / Math.max(1, batches));
            }
            leaves.forEach((name, leaf) -> values.put(name, leaf.toFloatArray()));
        }
        return new NeuMf(data, config, values);
    }

    /** One forward and backward pass of a batch; returns the batch's mean loss. */
    private double step(NDManager tm, Map<String, NDArray> leaves, int[] users, int[] items, float[] signs) {
        try (NDManager m = tm.newSubManager()) {
            View v = View.of(m, leaves);
            return Autograd.recording(() -> {
                NDArray u = m.create(users);
                NDArray i = m.create(items);
                NDArray part = net.itemPart(v, NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_MLP), i),
                        net.pooled(v, NeuMfNetwork.ITEM_FEATURE, itemBags.numFeatures() == 0 ? null : itemBags.of(items)));
                NDArray pooledUsers = net.pooled(v, NeuMfNetwork.USER_FEATURE,
                        userBags.numFeatures() == 0 ? null : userBags.of(users));
                NDArray f = net.logits(v, m.arange(0, users.length, 1, ai.djl.ndarray.types.DataType.INT32),
                        NeuMfNetwork.rows(v.get(NeuMfNetwork.USER_GMF), u),
                        NeuMfNetwork.rows(v.get(NeuMfNetwork.USER_MLP), u), pooledUsers, part,
                        NeuMfNetwork.rows(v.get(NeuMfNetwork.ITEM_GMF), i));
                float[] w = new float[users.length];
                java.util.Arrays.fill(w, 1f / users.length);
                NDArray loss = NeuMfNetwork.logisticLoss(f, m.create(signs), m.create(w, new Shape(w.length)));
                Autograd.backward(loss, false, false);
                return (double) loss.getFloat();
            });
        }
    }

    private static void update(Optimizer adam, String name, NDArray leaf) {
        Autograd.notRecording(() -> {
            try (NDArray g = leaf.getGradient()) {
                adam.update(name, leaf, g);
            }
            Autograd.clearGradient(leaf);
        });
    }

    /** A uniformly random item outside the (ascending) history; the history must not hold every item. */
    private static int negative(int[] seen, int items, SplittableRandom rnd) {
        if (seen.length >= items) {
            throw new IllegalArgumentException("a user has interacted with every item; no negative to sample");
        }
        while (true) {
            int j = rnd.nextInt(items);
            if (java.util.Arrays.binarySearch(seen, j) < 0) {
                return j;
            }
        }
    }

}

package org.recxplain.model.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The NeuMF network (He et al., WWW 2017) with side-feature towers, as functions of named parameter arrays.
 *
 * <pre>
 *   gmf  = p_u^G * q_i^G                                  (element-wise, k_G)
 *   a_0  = relu(W_u p_u^M + W_i q_i^M + W_f e_i + W_g e_u + b_0)   (MLP input layer, e = pooled features)
 *   a_l  = relu(W_l a_{l-1} + b_l)                         (hidden layers 1..L-1)
 *   f    = w_G . gmf + w_M . a_{L-1} + b                   (the logit; the score)
 * </pre>
 * The first MLP layer over the concatenation [p^M, q^M, e_i, e_u] is stored as one block per input, so its
 * pre-activation splits into an item part (W_i q^M + W_f e_i + b_0, cacheable per item) and a user part; the
 * final layer over the concatenation [gmf, a_{L-1}] is likewise stored as w_G and w_M.
 *
 * <p>Parameters, in {@link #names()} order (the order of every flattened parameter vector):
 * {@value #USER_GMF} [U, k_G], {@value #ITEM_GMF} [I, k_G], {@value #USER_MLP} [U, k_M], {@value #ITEM_MLP}
 * [I, k_M], {@value #ITEM_FEATURE} [F_i, k_F] (if items have features), {@value #USER_FEATURE} [F_u, k_F]
 * (if users have features), {@code mlp.0.user} [k_M, h_0], {@code mlp.0.item} [k_M, h_0],
 * {@code mlp.0.itemFeature} [k_F, h_0], {@code mlp.0.userFeature} [k_F, h_0], {@code mlp.0.bias} [h_0],
 * {@code mlp.l.weight} [h_{l-1}, h_l] and {@code mlp.l.bias} [h_l] for each further layer,
 * {@value #OUT_GMF} [k_G], {@value #OUT_MLP} [h_{L-1}], {@value #OUT_BIAS} [1].
 *
 * <p>Thread-safety: immutable; every function reads its {@link View} only.
 */
final class NeuMfNetwork {
    static final String USER_GMF = "user.gmf";
    static final String ITEM_GMF = "item.gmf";
    static final String USER_MLP = "user.mlp";
    static final String ITEM_MLP = "item.mlp";
    static final String ITEM_FEATURE = "feature.item";
    static final String USER_FEATURE = "feature.user";
    static final String IN_USER = "mlp.0.user";
    static final String IN_ITEM = "mlp.0.item";
    static final String IN_ITEM_FEATURE = "mlp.0.itemFeature";
    static final String IN_USER_FEATURE = "mlp.0.userFeature";
    static final String IN_BIAS = "mlp.0.bias";
    static final String OUT_GMF = "out.gmf";
    static final String OUT_MLP = "out.mlp";
    static final String OUT_BIAS = "out.bias";

    /** The sizes of a network. */
    record Dims(int users, int items, int itemFeatures, int userFeatures, int gmf, int mlp, int feature,
                int[] hidden) {
        boolean hasItemFeatures() {
            return itemFeatures > 0;
        }

        boolean hasUserFeatures() {
            return userFeatures > 0;
        }

        int last() {
            return hidden[hidden.length - 1];
        }
    }

    private final Dims dims;
    private final LinkedHashMap<String, Shape> shapes = new LinkedHashMap<>();

    NeuMfNetwork(Dims dims) {
        this.dims = dims;
        int h0 = dims.hidden()[0];
        shapes.put(USER_GMF, new Shape(dims.users(), dims.gmf()));
        shapes.put(ITEM_GMF, new Shape(dims.items(), dims.gmf()));
        shapes.put(USER_MLP, new Shape(dims.users(), dims.mlp()));
        shapes.put(ITEM_MLP, new Shape(dims.items(), dims.mlp()));
        if (dims.hasItemFeatures()) {
            shapes.put(ITEM_FEATURE, new Shape(dims.itemFeatures(), dims.feature()));
        }
        if (dims.hasUserFeatures()) {
            shapes.put(USER_FEATURE, new Shape(dims.userFeatures(), dims.feature()));
        }
        shapes.put(IN_USER, new Shape(dims.mlp(), h0));
        shapes.put(IN_ITEM, new Shape(dims.mlp(), h0));
        if (dims.hasItemFeatures()) {
            shapes.put(IN_ITEM_FEATURE, new Shape(dims.feature(), h0));
        }
        if (dims.hasUserFeatures()) {
            shapes.put(IN_USER_FEATURE, new Shape(dims.feature(), h0));
        }
        shapes.put(IN_BIAS, new Shape(h0));
        for (int l = 1; l < dims.hidden().length; l++) {
            shapes.put(weight(l), new Shape(dims.hidden()[l - 1], dims.hidden()[l]));
            shapes.put(bias(l), new Shape(dims.hidden()[l]));
        }
        shapes.put(OUT_GMF, new Shape(dims.gmf()));
        shapes.put(OUT_MLP, new Shape(dims.last()));
        shapes.put(OUT_BIAS, new Shape(1));
    }

    static String weight(int layer) {
        return "mlp." + layer + ".weight";
    }

    static String bias(int layer) {
        return "mlp." + layer + ".bias";
    }

    Dims dims() {
        return dims;
    }

    /** Parameter names in layout order. */
    List<String> names() {
        return List.copyOf(shapes.keySet());
    }

    /** The shape of every parameter, in layout order (unmodifiable). */
    Map<String, Shape> shapes() {
        return Collections.unmodifiableMap(shapes);
    }

    /**
     * Initial parameter values: embeddings N(0, 0.01^2) as in the NeuMF paper, weight matrices
     * Kaiming-uniform (bound sqrt(6 / fan-in)), output weights uniform with bound sqrt(3 / inputs), biases 0.
     */
    Map<String, float[]> initialValues(SplittableRandom rnd) {
        Map<String, float[]> out = new LinkedHashMap<>();
        int outInputs = dims.gmf() + dims.last();
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            String name = e.getKey();
            Shape s = e.getValue();
            float[] v = new float[Math.toIntExact(s.size())];
            if (name.endsWith("bias")) {
                // zeros
            } else if (s.dimension() == 2 && (name.startsWith("user.") || name.startsWith("item.")
                    || name.startsWith("feature."))) {
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) (0.01 * gaussian(rnd));
                }
            } else {
                double bound = s.dimension() == 2 ? Math.sqrt(6.0 / fanIn(name, s)) : Math.sqrt(3.0 / outInputs);
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) ((2 * rnd.nextDouble() - 1) * bound);
                }
            }
            out.put(name, v);
        }
        return out;
    }

    /** The fan-in of a weight matrix; the blocks of the input layer share the whole input width. */
    private long fanIn(String name, Shape s) {
        if (name.startsWith("mlp.0.")) {
            return 2L * dims.mlp() + (dims.hasItemFeatures() ? dims.feature() : 0)
                    + (dims.hasUserFeatures() ? dims.feature() : 0);
        }
        return s.get(0);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller, one value per call (deterministic given the stream)
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    // ------------------------------------------------------------------------------------------ forward

    /** The rows {@code index} of a table (an embedding lookup; its gradient flows into the table). */
    static NDArray rows(NDArray table, NDArray index) {
        return index.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * The bag matrix [count, features] in {@code m} (sparse, coordinate form). Built from index and value
     * arrays that stay in {@code m} as long as the matrix: DJL's {@code NDManager.createCoo} closes them at
     * once, and libtorch does not copy them, so the matrix would read freed memory.
     */
    static NDArray bagMatrix(NDManager m, FeatureBags.Bag bag) {
        NDArray indices = m.create(new long[][] {bag.rowIndices(), bag.featureIndices()});
        NDArray values = m.create(bag.weights());
        return ai.djl.pytorch.jni.JniUtils.createSparseCoo((ai.djl.pytorch.engine.PtNDArray) indices,
                (ai.djl.pytorch.engine.PtNDArray) values, new Shape(bag.count, bag.features));
    }

    /**
     * Pooled features of a bag, [count, k_F], or null when no row of the bag has a feature or the table is
     * absent (the pooled embeddings are then all zero, and so is their contribution).
     */
    NDArray pooled(View v, String table, FeatureBags.Bag bag) {
        if (bag == null || bag.entries() == 0 || !v.has(table)) {
            return null;
        }
        return bagMatrix(v.manager(), bag).matMul(v.get(table));
    }

    /** The item side of the first MLP layer's pre-activation: W_i q^M + W_f e_i + b_0, [n, h_0]. */
    NDArray itemPart(View v, NDArray itemMlp, NDArray itemPooled) {
        NDArray a = itemMlp.matMul(v.get(IN_ITEM));
        if (itemPooled != null) {
            a = a.add(itemPooled.matMul(v.get(IN_ITEM_FEATURE)));
        }
        return a.add(v.get(IN_BIAS));
    }

    /** The user side of the first MLP layer's pre-activation: W_u p^M + W_g e_u, [b, h_0]. */
    NDArray userPart(View v, NDArray userMlp, NDArray userPooled) {
        NDArray a = userMlp.matMul(v.get(IN_USER));
        if (userPooled != null) {
            a = a.add(userPooled.matMul(v.get(IN_USER_FEATURE)));
        }
        return a;
    }

    /** The logits from the first layer's pre-activation [n, h_0] and the GMF product [n, k_G]: [n]. */
    NDArray head(View v, NDArray preActivation, NDArray gmf) {
        NDArray a = preActivation.getNDArrayInternal().relu();
        for (int l = 1; l < dims.hidden().length; l++) {
            a = a.matMul(v.get(weight(l))).add(v.get(bias(l))).getNDArrayInternal().relu();
        }
        return a.matMul(v.get(OUT_MLP)).add(gmf.matMul(v.get(OUT_GMF))).add(v.get(OUT_BIAS));
    }

    /**
     * Logits of rows that pair a user slot with an item.
     *
     * @param slot       for each row, the slot of its user in {@code userGmf} etc. ([n] int), or null for
     *                   one user (b = 1) broadcast over every row
     * @param userGmf    GMF user vectors per slot [b, k_G]
     * @param userMlp    MLP user vectors per slot [b, k_M]
     * @param userPooled pooled user features per slot [b, k_F], or null
     * @param itemPart   {@link #itemPart} of each row's item [n, h_0]
     * @param itemGmf    GMF item vector of each row [n, k_G]
     */
    NDArray logits(View v, NDArray slot, NDArray userGmf, NDArray userMlp, NDArray userPooled, NDArray itemPart,
                   NDArray itemGmf) {
        NDArray user = userPart(v, userMlp, userPooled);
        NDArray pre = itemPart.add(slot == null ? user : rows(user, slot));
        NDArray gmf = (slot == null ? userGmf : rows(userGmf, slot)).mul(itemGmf);
        return head(v, pre, gmf);
    }

    /** Weighted logistic loss sum_r weight_r softplus(sign_r f_r): sign -1 for a positive, +1 for a negative. */
    static NDArray logisticLoss(NDArray logits, NDArray signs, NDArray weights) {
        return logits.mul(signs).getNDArrayInternal().softPlus().mul(weights).sum();
    }

    // -------------------------------------------------------------------------------------------- views

    /**
     * Named arrays for one computation, all owned by one manager, so that every result of an operation on
     * them (DJL gives a result the manager of its first operand) is freed with that manager.
     *
     * <p>Not thread-safe; each computation makes its own.
     */
    static final class View {
        private final NDManager manager;
        private final Map<String, NDArray> arrays;

        private View(NDManager manager, Map<String, NDArray> arrays) {
            this.manager = manager;
            this.arrays = arrays;
        }

        /**
         * A view of {@code source} owned by {@code m}: arrays that collect gradients become differentiable
         * views (gradients still reach the originals), the others aliases without gradient (no copy).
         */
        static View of(NDManager m, Map<String, NDArray> source) {
            Map<String, NDArray> out = new LinkedHashMap<>();
            source.forEach((name, a) -> out.put(name, rehome(m, a)));
            return new View(m, out);
        }

        /** An array owned by {@code m} with the values of {@code a} (and, if {@code a} has one, its gradient path). */
        static NDArray rehome(NDManager m, NDArray a) {
            NDArray r = a.hasGradient() ? Autograd.recording(() -> a.reshape(a.getShape())) : a.stopGradient();
            r.attach(m);
            return r;
        }

        NDManager manager() {
            return manager;
        }

        boolean has(String name) {
            return arrays.containsKey(name);
        }

        NDArray get(String name) {
            return Objects.requireNonNull(arrays.get(name), name);
        }

        /** This view re-homed into another manager (for a step of an iteration). */
        View into(NDManager m) {
            return of(m, arrays);
        }

        /** The names, in insertion order. */
        List<String> names() {
            return new ArrayList<>(arrays.keySet());
        }
    }
}

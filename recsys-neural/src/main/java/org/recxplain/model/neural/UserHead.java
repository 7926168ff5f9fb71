package org.recxplain.model.neural;

import java.util.Map;
import java.util.Objects;

/**
 * The network's logit f(u, i) as a function of one user's own parameters p = [p^G, p^M], every other
 * parameter fixed, in plain arrays on the Java heap: the logits of the user objective's rows and their
 * Jacobian rows J = df/dp, without a call into the native engine.
 *
 * <p>With the item side of the first layer cached per item (a_i = W_i q_i^M + W_f e_i + b_0, as the network
 * caches it) and the user's side-feature part c_u = W_g e_u, the logit and its Jacobian are
 * <pre>
 *   z_0 = a_i + c_u + W_u p^M,   z_l = W_l relu(z_{l-1}) + b_l,   f = w_M . relu(z_{L-1}) + (w_G * q_i^G) . p^G + b
 *   df/dp^G = w_G * q_i^G,       df/dp^M = W_u^T delta_0,   delta_{L-1} = w_M [z_{L-1} > 0],
 *   delta_{l-1} = (W_l^T delta_l) [z_{l-1} > 0]
 * </pre>
 * (the ReLU's derivative at 0 is 0, as PyTorch's). This is the network of {@link NeuMfNetwork} restricted to
 * one user: a fold-in evaluates it some hundred thousand rows at a time in dozens of small steps, where the
 * native engine's cost is its per-call overhead and a backward pass with one copy of p per row. The engine's
 * graph ({@link NeuMfNetwork#logits}) remains the definition for training and for derivatives in all
 * parameters; the two agree to float rounding (tested).
 *
 * <p>Thread-safety: immutable; every call works in its own scratch arrays.
 */
final class UserHead {
    private final int kg;
    private final int km;
    private final int[] hidden;
    private final int numItems;
    /** Every item, in index order, as rows. */
    private final ItemRows allItems;
    /** c_u per user, [U, h_0], or null when users have no side features. */
    private final float[] userPart;
    /** W_u as stored, [k_M, h_0]. */
    private final float[] inUser;
    /** W_l (l >= 1) as stored, [h_{l-1}, h_l]; index 0 unused. */
    private final float[][] weights;
    private final float[][] biases;
    private final float[] outMlp;
    private final float outBias;

    /**
     * @param values   every parameter's values by name (as {@link NeuMfNetwork#names()})
     * @param itemPart the cached item side of the first layer, [I, h_0]
     * @param userPart the users' side-feature part of the first layer, [U, h_0], or null
     */
    UserHead(NeuMfNetwork.Dims dims, Map<String, float[]> values, float[] itemPart, float[] userPart) {
        this.kg = dims.gmf();
        this.km = dims.mlp();
        this.hidden = dims.hidden().clone();
        this.numItems = dims.items();
        if (itemPart.length != numItems * hidden[0] || userPart != null && userPart.length != dims.users() * hidden[0]) {
            throw new IllegalArgumentException("item or user part does not match the network's sizes");
        }
        this.allItems = new ItemRows(numItems, transposed(itemPart, numItems, hidden[0], null),
                transposed(values.get(NeuMfNetwork.ITEM_GMF), numItems, kg, values.get(NeuMfNetwork.OUT_GMF)));
        this.userPart = userPart;
        this.inUser = values.get(NeuMfNetwork.IN_USER).clone();
        this.weights = new float[hidden.length][];
        this.biases = new float[hidden.length][];
        for (int l = 1; l < hidden.length; l++) {
            weights[l] = values.get(NeuMfNetwork.weight(l)).clone();
            biases[l] = values.get(NeuMfNetwork.bias(l)).clone();
        }
        this.outMlp = values.get(NeuMfNetwork.OUT_MLP).clone();
        this.outBias = values.get(NeuMfNetwork.OUT_BIAS)[0];
    }

    /** A row-major [rows, cols] matrix as [cols][rows], each column scaled by {@code scale[col]} if given. */
    private static float[][] transposed(float[] m, int rows, int cols, float[] scale) {
        float[][] t = new float[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c][r] = scale == null ? m[r * cols + c] : scale[c] * m[r * cols + c];
            }
        }
        return t;
    }

    /** The length of p. */
    int dimension() {
        return kg + km;
    }

    /**
     * The user side of the first layer's pre-activation, c_u + W_u p^M (computed once per user and p, shared
     * by all of that user's rows).
     */
    float[] userSide(int user, float[] p) {
        int h0 = hidden[0];
        float[] u = new float[h0];
        if (userPart != null) {
            System.arraycopy(userPart, user * h0, u, 0, h0);
        }
        for (int j = 0; j < km; j++) {
            float pj = p[kg + j];
            int o = j * h0;
            for (int c = 0; c < h0; c++) {
                u[c] += pj * inUser[o + c];
            }
        }
        return u;
    }

    /**
     * The item side of a sequence of rows, per unit: the cached first-layer part a_i of each row's item per
     * first-layer unit, [h_0][size], and w_G * q_i^G per GMF factor, [k_G][size] (the GMF tower's share of f
     * per unit of p^G, and df/dp^G). A fold-in evaluates the same rows dozens of times, so it gathers them
     * once. Immutable.
     */
    record ItemRows(int size, float[][] part, float[][] gmf) {
    }

    /** The rows of {@code items}, in that order. */
    ItemRows rows(int[] items) {
        float[][] part = new float[allItems.part.length][items.length];
        float[][] gmf = new float[kg][items.length];
        for (int c = 0; c < part.length; c++) {
            float[] from = allItems.part[c];
            float[] to = part[c];
            for (int r = 0; r < items.length; r++) {
                to[r] = from[Objects.checkIndex(items[r], numItems)];
            }
        }
        for (int c = 0; c < kg; c++) {
            float[] from = allItems.gmf[c];
            float[] to = gmf[c];
            for (int r = 0; r < items.length; r++) {
                to[r] = from[items[r]];
            }
        }
        return new ItemRows(items.length, part, gmf);
    }

    /**
     * Rows evaluated together. Each unit's values over a block's rows are one array, so that the loops run
     * along rows, each over its own arrays from index 0 (the JIT vectorises them; over one shared array at
     * two offsets it cannot tell that they do not overlap, and does not).
     */
    private static final int BLOCK = 256;

    /**
     * Work arrays for evaluations: each layer's pre-activations, activations and back-propagated derivatives
     * for one block of rows, as [unit][row]. Not thread-safe: one per thread.
     */
    final class Scratch {
        private final float[][][] z = new float[hidden.length][][];
        private final float[][][] a = new float[hidden.length][][];
        private final float[][][] delta = new float[hidden.length][][];
        private final int block;
        private final float[][] g;
        private final float[][] jm;
        private final float[] f;

        /** Work arrays for blocks of the full size. */
        Scratch() {
            this(BLOCK);
        }

        /**
         * Work arrays for evaluations of at most {@code rows} rows at a time (a fold-in of a short history
         * need not allocate and clear a full block per call; the values do not depend on the block size).
         */
        Scratch(int rows) {
            block = Math.max(1, Math.min(BLOCK, rows));
            g = new float[kg][block];
            jm = new float[km][block];
            f = new float[block];
            for (int l = 0; l < hidden.length; l++) {
                z[l] = new float[hidden[l]][block];
                a[l] = new float[hidden[l]][block];
                delta[l] = new float[hidden[l]][block];
            }
        }
    }

    /**
     * The logits of (user, row r) at p for rows r in [from, to) of {@code rows} into {@code logits[r]};
     * with {@code jacobian} not null, also df/dp of each row into {@code jacobian[r * dimension() ..]}.
     */
    void evaluate(int user, float[] p, ItemRows rows, int from, int to, float[] logits, float[] jacobian,
                  Scratch s) {
        float[] side = userSide(user, p);
        for (int at = from; at < to; at += s.block) {
            int n = Math.min(s.block, to - at);
            forward(p, side, rows, at, n, s);
            System.arraycopy(s.f, 0, logits, at, n);
            if (jacobian != null) {
                backward(n, s);
                int d = kg + km;
                for (int q = 0; q < n; q++) {
                    int o = (at + q) * d;
                    for (int c = 0; c < kg; c++) {
                        jacobian[o + c] = s.g[c][q];
                    }
                    for (int j = 0; j < km; j++) {
                        jacobian[o + kg + j] = s.jm[j][q];
                    }
                }
            }
        }
    }

    /** Every item's logit for {@code user} with parameters p, into {@code out[0 .. numItems)}. */
    void scoreAll(int user, float[] p, float[] out) {
        evaluate(user, p, allItems, 0, numItems, out, null, new Scratch());
    }

    /** The logits of rows [at, at + n) into {@code s.f}, leaving every layer's values in {@code s}. */
    private void forward(float[] p, float[] side, ItemRows rows, int at, int n, Scratch s) {
        for (int c = 0; c < hidden[0]; c++) {
            float[] z = s.z[0][c];
            System.arraycopy(rows.part[c], at, z, 0, n);
            float u = side[c];
            for (int q = 0; q < n; q++) {
                z[q] += u;
            }
        }
        int last = hidden.length - 1;
        for (int l = 0; l <= last; l++) {
            for (int c = 0; c < hidden[l]; c++) {
                float[] z = s.z[l][c];
                float[] a = s.a[l][c];
                for (int q = 0; q < n; q++) {
                    a[q] = Math.max(z[q], 0f);
                }
            }
            if (l < last) {
                layer(weights[l + 1], biases[l + 1], s.a[l], s.z[l + 1], n);
            }
        }
        float[] f = s.f;
        java.util.Arrays.fill(f, 0, n, outBias);
        accumulate(outMlp, 0, 1, s.a[last], f, n);
        for (int c = 0; c < kg; c++) {
            System.arraycopy(rows.gmf[c], at, s.g[c], 0, n);
        }
        accumulate(p, 0, 1, s.g, f, n);
    }

    /** out[c][q] = b[c] + sum_r in[r][q] w[r][c] for the block's n rows (w row-major [in.length, out.length]). */
    private static void layer(float[] w, float[] b, float[][] in, float[][] out, int n) {
        for (int c = 0; c < out.length; c++) {
            java.util.Arrays.fill(out[c], 0, n, b[c]);
            accumulate(w, c, out.length, in, out[c], n);
        }
    }

    /**
     * o[q] += sum_r w[at + r * stride] in[r][q] over r = 0, 1, ... in that order, for the block's n rows. Four
     * sources per pass over o (o is loaded and stored a quarter as often), summed left to right: the same
     * float operations in the same order as adding them one by one.
     */
    private static void accumulate(float[] w, int at, int stride, float[][] in, float[] o, int n) {
        int units = in.length;
        int r = 0;
        for (; r + 3 < units; r += 4) {
            float w0 = w[at + r * stride];
            float w1 = w[at + (r + 1) * stride];
            float w2 = w[at + (r + 2) * stride];
            float w3 = w[at + (r + 3) * stride];
            float[] x0 = in[r];
            float[] x1 = in[r + 1];
            float[] x2 = in[r + 2];
            float[] x3 = in[r + 3];
            for (int q = 0; q < n; q++) {
                o[q] = o[q] + w0 * x0[q] + w1 * x1[q] + w2 * x2[q] + w3 * x3[q];
            }
        }
        for (; r < units; r++) {
            float wr = w[at + r * stride];
            float[] x = in[r];
            for (int q = 0; q < n; q++) {
                o[q] += wr * x[q];
            }
        }
    }

    /**
     * df/dp^M of the block's rows into {@code s.jm}, from the values {@link #forward} left in {@code s}. The
     * ReLU's derivative [z &gt; 0] is applied as a bit mask from the activation a = max(z, 0), whose bits are
     * positive exactly where z &gt; 0 (max gives +0 for z = -0; a NaN z, whose logit is NaN anyway, counts as
     * active): x [z &gt; 0] = x where z &gt; 0, +0 elsewhere, as the comparison would give, in a loop the JIT
     * vectorises (it does not vectorise the conditional).
     */
    private void backward(int n, Scratch s) {
        int last = hidden.length - 1;
        float[][] delta = s.delta[last];
        for (int c = 0; c < hidden[last]; c++) {
            int w = Float.floatToRawIntBits(outMlp[c]);
            float[] a = s.a[last][c];
            float[] dc = delta[c];
            for (int q = 0; q < n; q++) {
                dc[q] = Float.intBitsToFloat(w & active(a[q]));
            }
        }
        for (int l = last; l >= 1; l--) {
            float[][] prev = s.delta[l - 1];
            timesUnits(weights[l], delta, prev, n);
            for (int r = 0; r < prev.length; r++) {
                float[] pr = prev[r];
                float[] a = s.a[l - 1][r];
                for (int q = 0; q < n; q++) {
                    pr[q] = Float.intBitsToFloat(Float.floatToRawIntBits(pr[q]) & active(a[q]));
                }
            }
            delta = prev;
        }
        timesUnits(inUser, delta, s.jm, n);
    }

    /** All ones where the ReLU activation {@code a} (+0 or positive) is positive, zero where it is +0. */
    private static int active(float a) {
        return -Float.floatToRawIntBits(a) >> 31;
    }

    /** out[r][q] = sum_c w[r][c] in[c][q] for the block's n rows (w row-major [out.length, in.length]). */
    private static void timesUnits(float[] w, float[][] in, float[][] out, int n) {
        for (int r = 0; r < out.length; r++) {
            java.util.Arrays.fill(out[r], 0, n, 0f);
            accumulate(w, r * in.length, 1, in, out[r], n);
        }
    }
}

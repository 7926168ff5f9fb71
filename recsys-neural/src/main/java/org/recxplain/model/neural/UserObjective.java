package org.recxplain.model.neural;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.recxplain.data.Row;
import org.recxplain.model.linalg.Cholesky;

import java.util.Arrays;
import java.util.Objects;

/**
 * The user objective of a {@link NeuMf} (see there) with every parameter but the user's own fixed:
 * its rows (the user's positives and the seeded negatives N(H)), its value, gradient and Hessian with
 * respect to p = [p^G, p^M], and its minimisation (the fold-in).
 *
 * <p>{@link UserHead} gives the logits f_r and their Jacobian rows J_r = df_r/dp in plain arrays; the rest is
 * assembled in double precision:
 * <pre>
 *   L(p) = sum_r w_r softplus(s_r f_r) + (lambda / 2) |p|^2            (s = -1 positive, +1 negative)
 *   g(p) = sum_r w_r s_r sigma(s_r f_r) J_r + lambda p
 *   H(p) = sum_r w_r sigma(f_r) (1 - sigma(f_r)) J_r J_r^T + lambda I
 * </pre>
 * H is the exact Hessian: f is linear in p^G and piecewise linear in p^M (ReLU layers and a linear output),
 * so its own second derivatives in p vanish wherever they exist. The fold-in is damped Newton from p = 0
 * with an Armijo backtracking line search; it stops at a gradient norm of {@value #TOLERANCE}, when a step
 * lowers L by less than a relative {@value #STALL}, when no step lowers it, or after
 * {@link NeuMf.Config#foldInIterations()} iterations. Because L is only piecewise smooth in p^M (a ReLU
 * switches where a unit's input is zero), its minimiser often lies on such a switch; there the gradient
 * does not vanish (it is typically 1e-4 of its size at zero) although no step lowers L: the fold-in is a
 * minimiser, not a zero of the gradient. Several users are fitted together; each user's iterations depend
 * on that user's rows only.
 *
 * <p>Thread-safety: immutable; each call works in its own arrays.
 */
final class UserObjective {
    /** The gradient norm at which a fold-in stops. */
    static final double TOLERANCE = 1e-6;
    /** A Newton step that lowers the objective by less than this (relative) ends the fold-in. */
    private static final double STALL = 1e-8;
    /**
     * A Newton step whose predicted decrease (half the Newton decrement, -g . delta / 2) is below this share
     * of the objective ends the fold-in without a line search: the logits are floats, so the objective cannot
     * resolve a smaller decrease, and the search would only halve the step until it gives up.
     */
    private static final double RESOLUTION = 1e-7;
    private static final int MAX_HALVINGS = 20;

    private final UserHead head;
    private final NeuMf.Config config;
    private final int[] negativeOrder;

    UserObjective(UserHead head, NeuMf.Config config, int[] negativeOrder) {
        this.head = head;
        this.config = config;
        this.negativeOrder = negativeOrder;
    }

    /** The dimension of p. */
    int dimension() {
        return head.dimension();
    }

    /**
     * The rows of the objectives of a batch of histories: per row the slot (position of its history), item,
     * sign and weight; {@code start[b]..start[b+1]} are the rows of history b.
     */
    record Rows(int[] slot, int[] items, float[] signs, float[] weights, int[] start) {
        int size() {
            return items.length;
        }
    }

    /** The rows of {@code histories} (item indices ascending, values ignored). */
    Rows rows(Row[] histories, int numItems) {
        int k = config.negatives();
        IntArrayList slot = new IntArrayList();
        IntArrayList items = new IntArrayList();
        FloatArrayList signs = new FloatArrayList();
        FloatArrayList weights = new FloatArrayList();
        int[] start = new int[histories.length + 1];
        for (int b = 0; b < histories.length; b++) {
            int[] h = histories[b].indices();
            for (int i : h) {
                Objects.checkIndex(i, numItems);
            }
            int[] neg = negativesOf(h);
            double wp = 1.0 / ((1 + k) * Math.max(1, h.length));
            double wn = (double) k / ((1 + k) * Math.max(1, neg.length));
            add(b, h, -1f, (float) wp, slot, items, signs, weights);
            add(b, neg, 1f, (float) wn, slot, items, signs, weights);
            start[b + 1] = items.size();
        }
        return new Rows(slot.toIntArray(), items.toIntArray(), signs.toFloatArray(), weights.toFloatArray(), start);
    }

    private static void add(int b, int[] which, float sign, float weight, IntArrayList slot, IntArrayList items,
                            FloatArrayList signs, FloatArrayList weights) {
        for (int i : which) {
            slot.add(b);
            items.add(i);
            signs.add(sign);
            weights.add(weight);
        }
    }

    /** N(H): the first foldInNegatives items outside the (ascending) history in the seeded permutation. */
    private int[] negativesOf(int[] history) {
        int want = config.foldInNegatives() == 0 ? Integer.MAX_VALUE : config.foldInNegatives();
        IntArrayList out = new IntArrayList();
        for (int p = 0; p < negativeOrder.length && out.size() < want; p++) {
            if (Arrays.binarySearch(history, negativeOrder[p]) < 0) {
                out.add(negativeOrder[p]);
            }
        }
        return out.toIntArray();
    }

    /** Logits of the rows and, if asked, the Jacobian rows: {@code jacobian[r * d + c] = df_r / dp_c}. */
    record Evaluation(float[] logits, float[] jacobian) {
    }

    /**
     * Evaluates every row with user parameters {@code params[slot]}.
     *
     * @param users    the user of each slot (for their side features)
     * @param jacobian whether to compute the Jacobian rows too
     */
    Evaluation evaluate(int[] users, float[][] params, Rows rows, boolean jacobian) {
        Evaluation e = new Evaluation(new float[rows.size()], jacobian ? new float[rows.size() * dimension()] : null);
        int[] all = new int[users.length];
        for (int b = 0; b < all.length; b++) {
            all[b] = b;
        }
        evaluate(users, params, rows, head.rows(rows.items()), all, e, head.new Scratch(longest(rows)));
        return e;
    }

    /**
     * Evaluates the rows of the histories {@code which} (slots of {@code rows}) with user parameters
     * {@code params[slot]} into {@code e} (its Jacobian too unless that is null); other rows are left as they are.
     */
    private void evaluate(int[] users, float[][] params, Rows rows, UserHead.ItemRows items, int[] which,
                          Evaluation e, UserHead.Scratch s) {
        for (int b : which) {
            head.evaluate(users[b], params[b], items, rows.start()[b], rows.start()[b + 1], e.logits(),
                    e.jacobian(), s);
        }
    }

    /** The most rows of any one history. */
    private static int longest(Rows rows) {
        int most = 0;
        for (int b = 0; b + 1 < rows.start().length; b++) {
            most = Math.max(most, rows.start()[b + 1] - rows.start()[b]);
        }
        return most;
    }

    /** L of history b at p from the logits of its rows. */
    double loss(Rows rows, int b, float[] logits, float[] p) {
        double l = 0;
        for (int r = rows.start()[b]; r < rows.start()[b + 1]; r++) {
            l += rows.weights()[r] * softplus(rows.signs()[r] * (double) logits[r]);
        }
        return l + config.foldInRegularization() / 2 * squaredNorm(p);
    }

    /** The gradient of L of history b at p, from the logits and Jacobian rows. */
    double[] gradient(Rows rows, int b, Evaluation e, float[] p) {
        int d = dimension();
        double[] g = new double[d];
        for (int r = rows.start()[b]; r < rows.start()[b + 1]; r++) {
            double s = rows.signs()[r];
            double c = rows.weights()[r] * s * sigmoid(s * e.logits()[r]);
            for (int a = 0; a < d; a++) {
                g[a] += c * e.jacobian()[r * d + a];
            }
        }
        for (int a = 0; a < d; a++) {
            g[a] += config.foldInRegularization() * p[a];
        }
        return g;
    }

    /**
     * The Hessian of L of history b (row-major d x d), from the logits and Jacobian rows. The lower triangle
     * is summed in one array per row (loops along a row vectorise), in row order, four rows per pass (summed
     * left to right: the same operations in the same order as one row per pass).
     */
    double[] hessian(Rows rows, int b, Evaluation e) {
        int d = dimension();
        double[][] t = new double[d][];
        for (int a = 0; a < d; a++) {
            t[a] = new double[a + 1];
        }
        double[][] j = new double[4][d];
        double[] w = new double[4];
        int r = rows.start()[b];
        int end = rows.start()[b + 1];
        for (; r + 3 < end; r += 4) {
            for (int x = 0; x < 4; x++) {
                w[x] = curvature(rows, e, r + x, j[x]);
            }
            double[] j0 = j[0];
            double[] j1 = j[1];
            double[] j2 = j[2];
            double[] j3 = j[3];
            for (int a = 0; a < d; a++) {
                double w0 = w[0] * j0[a];
                double w1 = w[1] * j1[a];
                double w2 = w[2] * j2[a];
                double w3 = w[3] * j3[a];
                double[] ta = t[a];
                for (int c = 0; c <= a; c++) {
                    ta[c] = ta[c] + w0 * j0[c] + w1 * j1[c] + w2 * j2[c] + w3 * j3[c];
                }
            }
        }
        for (; r < end; r++) {
            double w0 = curvature(rows, e, r, j[0]);
            double[] j0 = j[0];
            for (int a = 0; a < d; a++) {
                double wa = w0 * j0[a];
                double[] ta = t[a];
                for (int c = 0; c <= a; c++) {
                    ta[c] += wa * j0[c];
                }
            }
        }
        double[] h = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(t[a], 0, h, a * d, a + 1);
            h[a * d + a] += config.foldInRegularization();
            for (int c = 0; c < a; c++) {
                h[c * d + a] = h[a * d + c];
            }
        }
        return h;
    }

    /** Row r's weight w_r sigma(f_r) (1 - sigma(f_r)) in the Hessian, with its Jacobian row copied into j. */
    private double curvature(Rows rows, Evaluation e, int r, double[] j) {
        int d = j.length;
        for (int a = 0; a < d; a++) {
            j[a] = e.jacobian()[r * d + a];
        }
        double s = sigmoid(e.logits()[r]);
        return rows.weights()[r] * s * (1 - s);
    }

    /**
     * Fold-in: the minimiser of each history's objective, by damped Newton from zero.
     *
     * @return the fitted [p^G, p^M] of each history
     */
    float[][] fit(int[] users, Row[] histories, int numItems) {
        int b = users.length;
        int d = dimension();
        Rows rows = rows(histories, numItems);
        UserHead.ItemRows items = head.rows(rows.items());
        UserHead.Scratch scratch = head.new Scratch(longest(rows));
        Evaluation e = new Evaluation(new float[rows.size()], new float[rows.size() * d]);
        float[] trialLogits = new float[rows.size()];
        float[][] p = new float[b][d];
        boolean[] done = new boolean[b];
        double[] steps = new double[b];
        Arrays.fill(steps, 1);
        for (int it = 0; it < config.foldInIterations(); it++) {
            int[] active = active(done);
            if (active.length == 0) {
                break;
            }
            evaluate(users, p, rows, items, active, e, scratch);
            double[] loss = new double[b];
            double[] slope = new double[b];
            double[][] step = new double[b][];
            IntArrayList pending = new IntArrayList();
            for (int a : active) {
                double[] g = gradient(rows, a, e, p[a]);
                if (Math.sqrt(dot(g, g)) <= TOLERANCE) {
                    done[a] = true;
                    continue;
                }
                double[] delta = newtonStep(hessian(rows, a, e), g, d);
                loss[a] = loss(rows, a, e.logits(), p[a]);
                slope[a] = dot(g, delta);
                if (-slope[a] / 2 <= RESOLUTION * Math.max(1, Math.abs(loss[a]))) {
                    done[a] = true;
                    continue;
                }
                step[a] = delta;
                pending.add(a);
            }
            lineSearch(users, rows, items, scratch, p, loss, slope, step, pending, done, steps, trialLogits);
        }
        return p;
    }

    /**
     * Backtracking (Armijo) along each pending history's Newton step, each halving evaluating only the
     * histories still searching; a history without any decrease, or with a negligible one, is done.
     */
    private void lineSearch(int[] users, Rows rows, UserHead.ItemRows items, UserHead.Scratch scratch, float[][] p,
                            double[] loss, double[] slope, double[][] step, IntArrayList pending, boolean[] done,
                            double[] steps, float[] trialLogits) {
        Evaluation trial = new Evaluation(trialLogits, null);
        float[][] moved = new float[p.length][];
        for (int halving = 0; halving < MAX_HALVINGS && !pending.isEmpty(); halving++) {
            int[] which = pending.toIntArray();
            for (int a : which) {
                moved[a] = moved(p[a], step[a], Math.scalb(firstStep(steps[a]), -halving));
            }
            evaluate(users, moved, rows, items, which, trial, scratch);
            IntArrayList still = new IntArrayList();
            for (int a : which) {
                double l = loss(rows, a, trialLogits, moved[a]);
                double t = Math.scalb(firstStep(steps[a]), -halving);
                if (l <= loss[a] + 1e-4 * t * slope[a]) {
                    steps[a] = t;
                    p[a] = moved[a];
                    if (loss[a] - l <= STALL * Math.max(1, Math.abs(loss[a]))) {
                        done[a] = true;   // converged as far as the objective can tell
                    }
                } else {
                    still.add(a);
                }
            }
            pending = still;
        }
        for (int a : pending) {
            done[a] = true;   // no decrease left at float precision
        }
    }

    /**
     * The first step length a line search tries: twice the last accepted one, at most 1 (the full Newton
     * step). Where the objective bends at ReLU switches the steps keep overshooting by a similar factor, so
     * this saves the halvings that each iteration would otherwise repeat.
     */
    private static double firstStep(double lastAccepted) {
        return Math.min(1, 2 * lastAccepted);
    }

    /** -H^-1 g, adding damping to H until it factorises. */
    private static double[] newtonStep(double[] h, double[] g, int d) {
        double[] a = h.clone();
        double trace = 0;
        for (int c = 0; c < d; c++) {
            trace += h[c * d + c];
        }
        double damping = 1e-10 * Math.max(trace / d, 1e-12);
        while (true) {
            try {
                Cholesky chol = new Cholesky(a, d);
                double[] delta = new double[d];
                for (int c = 0; c < d; c++) {
                    delta[c] = -g[c];
                }
                chol.solveInPlace(delta);
                return delta;
            } catch (IllegalArgumentException notPositiveDefinite) {
                for (int c = 0; c < d; c++) {
                    a[c * d + c] = h[c * d + c] + damping;
                }
                damping *= 100;
            }
        }
    }

    private static float[] moved(float[] p, double[] delta, double t) {
        float[] q = new float[p.length];
        for (int c = 0; c < p.length; c++) {
            q[c] = (float) (p[c] + t * delta[c]);
        }
        return q;
    }

    private static int[] active(boolean[] done) {
        IntArrayList a = new IntArrayList();
        for (int k = 0; k < done.length; k++) {
            if (!done[k]) {
                a.add(k);
            }
        }
        return a.toIntArray();
    }

    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return s;
    }

    private static double squaredNorm(float[] p) {
        double s = 0;
        for (float x : p) {
            s += (double) x * x;
        }
        return s;
    }
}

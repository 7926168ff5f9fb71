package org.recxplain.explain.counterfactual;

import org.recxplain.data.Row;
import org.recxplain.model.fm.FactorizationMachine;
import org.recxplain.model.fm.FmDecomposition;
import org.recxplain.model.fm.InputLayout;
import org.recxplain.model.linalg.Cholesky;

import java.util.Arrays;
import java.util.Objects;

/**
 * The training objective of one user of a {@link FactorizationMachine} over the user's own parameters
 * theta_u = (w_u, v_u) (the linear weight and the factor of the user's ID input), every other parameter
 * fixed.
 *
 * <p>The score is linear in theta_u: s_i = c_i + theta_u . z_i with z_i = (1, S_u + S_i), where S_u is
 * sum v_f x_f over the user's side features and S_i over the item's inputs (ID and features), and c_i the
 * rest. The objective is the one whose stationary point is where the expected SGD step of
 * {@link FactorizationMachine} on theta_u vanishes, with negatives N = every item outside the history P
 * (what its sampler draws uniformly) and lambda = the model's regularisation (applied at every step that
 * touches the user):
 * <pre>
 *   BPR:     L(theta) = 1/(|P| |N|) sum_{i in P, j in N} softplus(-(s_i - s_j)) + lambda/2 |theta|^2
 *   SQUARED: L(theta) = [ mean_{i in P} 1/2 (s_i - 1)^2 + n mean_{j in N} 1/2 s_j^2 ] / (1 + n)
 *                       + lambda/2 |theta|^2          (n = the model's negatives per positive)
 * </pre>
 * Both are convex, strongly so for lambda &gt; 0 (under BPR w_u cancels from every pair, so only the
 * regulariser acts on it). Without positives (or negatives) a data term is empty and drops out. Costs: the
 * gradient and the Hessian O(|P| |N| d + (|P| + |N|) d^2) (d = k + 1); the gradient changes of all single
 * removals together O(|P| (|P| + |N|) d) ({@link #gradientChanges}).
 *
 * <p>Thread-safety: immutable.
 */
public final class FmUserObjective {
    private final FactorizationMachine.Loss loss;
    private final double reg;
    private final int negatives;
    private final int d;
    private final int ni;
    /** z of every item, ni x d. */
    private final double[] z;
    /** c of every item. */
    private final double[] c;
    private final double[] theta;

    private FmUserObjective(FactorizationMachine model, double[] itemSums, int user) {
        Objects.checkIndex(user, model.data().interactions().numUsers());
        FactorizationMachine.Config cfg = model.config();
        this.loss = cfg.loss();
        this.reg = cfg.regularization();
        this.negatives = cfg.negatives();
        int k = model.factors();
        this.d = k + 1;
        this.ni = model.data().interactions().numItems();
        InputLayout layout = model.layout();
        int in = layout.userInput(user);
        this.theta = new double[d];
        theta[0] = model.linear(in);
        System.arraycopy(model.factor(in), 0, theta, 1, k);
        double[] su = userSums(model, user);
        this.z = new double[ni * d];
        this.c = new double[ni];
        for (int i = 0; i < ni; i++) {
            System.arraycopy(scoreGradient(itemSums, su, i, k), 0, z, i * d, d);
            c[i] = model.score(user, i) - dotRow(i, theta);
        }
    }

    /** The objective of {@code user} of {@code model}. Costs O(items nnz k). */
    public static FmUserObjective of(FactorizationMachine model, int user) {
        return new FmUserObjective(model, itemSums(model), user);
    }

    /** As {@link #of}, with the item sums of {@link #itemSums} precomputed once for the model. */
    static FmUserObjective of(FactorizationMachine model, double[] itemSums, int user) {
        return new FmUserObjective(model, itemSums, user);
    }

    /** S_i = sum v_f x_f over each item's inputs (ID and side features): items x k, row-major. */
    static double[] itemSums(FactorizationMachine model) {
        int k = model.factors();
        int ni = model.data().interactions().numItems();
        InputLayout layout = model.layout();
        double[] out = new double[ni * k];
        for (int i = 0; i < ni; i++) {
            FmDecomposition dec = model.decompose(0, i);
            int[] inputs = dec.inputs();
            double[] values = dec.values();
            for (int p = 0; p < inputs.length; p++) {
                InputLayout.Block b = layout.block(inputs[p]);
                if (b == InputLayout.Block.ITEM_ID || b == InputLayout.Block.ITEM_FEATURE) {
                    double[] v = model.factor(inputs[p]);
                    for (int f = 0; f < k; f++) {
                        out[i * k + f] += v[f] * values[p];
                    }
                }
            }
        }
        return out;
    }

    /** S_u = sum v_f x_f over the user's side features (length k). */
    static double[] userSums(FactorizationMachine model, int user) {
        int k = model.factors();
        InputLayout layout = model.layout();
        double[] su = new double[k];
        FmDecomposition dec = model.decompose(user, 0);
        int[] inputs = dec.inputs();
        double[] values = dec.values();
        for (int p = 0; p < inputs.length; p++) {
            if (layout.block(inputs[p]) == InputLayout.Block.USER_FEATURE) {
                double[] v = model.factor(inputs[p]);
                for (int f = 0; f < k; f++) {
                    su[f] += v[f] * values[p];
                }
            }
        }
        return su;
    }

    /** z_i = (1, S_u + S_i). */
    static double[] scoreGradient(double[] itemSums, double[] userSums, int item, int k) {
        double[] zi = new double[k + 1];
        zi[0] = 1;
        for (int f = 0; f < k; f++) {
            zi[1 + f] = userSums[f] + itemSums[item * k + f];
        }
        return zi;
    }

    /** The number of parameters d = k + 1. */
    public int dimension() {
        return d;
    }

    /** The user's trained parameters (w_u, v_u) (a copy). */
    public double[] parameters() {
        return theta.clone();
    }

    /** z_i = ds_i / dtheta_u (a copy). */
    public double[] scoreGradient(int item) {
        Objects.checkIndex(item, ni);
        return Arrays.copyOfRange(z, item * d, item * d + d);
    }

    /** The score of {@code item} with the user's parameters replaced by {@code parameters}. */
    public double score(int item, double[] parameters) {
        Objects.checkIndex(item, ni);
        return c[item] + dotRow(item, check(parameters));
    }

    private double dotRow(int item, double[] t) {
        double s = 0;
        int o = item * d;
        for (int f = 0; f < d; f++) {
            s += z[o + f] * t[f];
        }
        return s;
    }

    private double[] check(double[] t) {
        if (t.length != d) {
            throw new IllegalArgumentException("parameter vector has length " + t.length + ", expected " + d);
        }
        return t;
    }

    /** Positives and negatives of a history. */
    private record Split(int[] pos, int[] neg) {
    }

    private Split split(Row history) {
        int[] pos = history.indices();
        boolean[] in = new boolean[ni];
        for (int i : pos) {
            in[Objects.checkIndex(i, ni)] = true;
        }
        int[] neg = new int[ni - pos.length];
        int n = 0;
        for (int j = 0; j < ni; j++) {
            if (!in[j]) {
                neg[n++] = j;
            }
        }
        return new Split(pos, neg);
    }

    private double[] scores(double[] t) {
        double[] s = new double[ni];
        for (int i = 0; i < ni; i++) {
            s[i] = c[i] + dotRow(i, t);
        }
        return s;
    }

    /** L(theta) for {@code history} (item indices; values ignored). */
    public double loss(Row history, double[] parameters) {
        Split sp = split(history);
        double[] s = scores(check(parameters));
        double data = 0;
        if (loss == FactorizationMachine.Loss.BPR) {
            if (sp.pos.length > 0 && sp.neg.length > 0) {
                for (int i : sp.pos) {
                    for (int j : sp.neg) {
                        data += softplus(-(s[i] - s[j]));
                    }
                }
                data /= (double) sp.pos.length * sp.neg.length;
            }
        } else {
            double a = 0;
            for (int i : sp.pos) {
                a += 0.5 * (s[i] - 1) * (s[i] - 1);
            }
            double b = 0;
            for (int j : sp.neg) {
                b += 0.5 * s[j] * s[j];
            }
            data = (mean(a, sp.pos.length) + negatives * mean(b, sp.neg.length)) / (1 + negatives);
        }
        return data + 0.5 * reg * InfluenceExplainer.dot(parameters, parameters);
    }

    /** The gradient of L at {@code parameters}. */
    public double[] gradient(Row history, double[] parameters) {
        Split sp = split(history);
        double[] s = scores(check(parameters));
        double[] g = new double[d];
        if (loss == FactorizationMachine.Loss.BPR) {
            double[] rows = bprRowSums(sp, s);
            for (int p = 0; p < sp.pos.length; p++) {
                for (int f = 0; f < d; f++) {
                    g[f] += rows[p * d + f];
                }
            }
            scale(g, sp.pos.length == 0 || sp.neg.length == 0 ? 0 : 1.0 / ((double) sp.pos.length * sp.neg.length));
        } else {
            double[][] ab = squaredSums(sp, s);
            combineSquared(ab[0], sp.pos.length, ab[1], sp.neg.length, g);
        }
        for (int f = 0; f < d; f++) {
            g[f] += reg * parameters[f];
        }
        return g;
    }

    /** R_i = sum_{j in N} sigma(s_j - s_i) (z_j - z_i) per positive (|P| x d): the pair sums of each row. */
    private double[] bprRowSums(Split sp, double[] s) {
        double[] rows = new double[sp.pos.length * d];
        for (int p = 0; p < sp.pos.length; p++) {
            int i = sp.pos[p];
            double esum = 0;
            int o = p * d;
            for (int j : sp.neg) {
                double e = sigmoid(s[j] - s[i]);
                esum += e;
                for (int f = 0; f < d; f++) {
                    rows[o + f] += e * z[j * d + f];
                }
            }
            for (int f = 0; f < d; f++) {
                rows[o + f] -= esum * z[i * d + f];
            }
        }
        return rows;
    }

    /** A = sum_P (s_i - 1) z_i and B = sum_N s_j z_j. */
    private double[][] squaredSums(Split sp, double[] s) {
        double[] a = new double[d];
        double[] b = new double[d];
        for (int i : sp.pos) {
            axpy(s[i] - 1, i, a);
        }
        for (int j : sp.neg) {
            axpy(s[j], j, b);
        }
        return new double[][] {a, b};
    }

    /** out += [A / nP + n B / nN] / (1 + n), an empty part dropping out. */
    private void combineSquared(double[] a, int np, double[] b, int nn, double[] out) {
        for (int f = 0; f < d; f++) {
            out[f] += (mean(a[f], np) + negatives * mean(b[f], nn)) / (1 + negatives);
        }
    }

    /** The Hessian of L at {@code parameters}: d x d, row-major, symmetric positive definite for lambda &gt; 0. */
    public double[] hessian(Row history, double[] parameters) {
        Split sp = split(history);
        double[] s = scores(check(parameters));
        double[] h = new double[d * d];
        if (loss == FactorizationMachine.Loss.BPR) {
            if (sp.pos.length > 0 && sp.neg.length > 0) {
                // sum_ij w_ij (z_i - z_j)(z_i - z_j)^T = sum_i a_i z_i z_i^T + sum_j b_j z_j z_j^T
                //                                        - sum_i (z_i m_i^T + m_i z_i^T),  m_i = sum_j w_ij z_j
                double scale = 1.0 / ((double) sp.pos.length * sp.neg.length);
                double[] b = new double[sp.neg.length];
                double[] m = new double[d];
                for (int i : sp.pos) {
                    Arrays.fill(m, 0);
                    double a = 0;
                    for (int q = 0; q < sp.neg.length; q++) {
                        int j = sp.neg[q];
                        double e = sigmoid(s[i] - s[j]);
                        double w = e * (1 - e);
                        a += w;
                        b[q] += w;
                        axpy(w, j, m);
                    }
                    outer(h, i, a * scale);
                    for (int f = 0; f < d; f++) {
                        double zi = z[i * d + f];
                        for (int g = 0; g < d; g++) {
                            h[f * d + g] -= scale * (zi * m[g] + m[f] * z[i * d + g]);
                        }
                    }
                }
                for (int q = 0; q < sp.neg.length; q++) {
                    outer(h, sp.neg[q], b[q] * scale);
                }
            }
        } else {
            double wp = sp.pos.length == 0 ? 0 : 1.0 / (sp.pos.length * (1.0 + negatives));
            double wn = sp.neg.length == 0 ? 0 : negatives / (sp.neg.length * (1.0 + negatives));
            for (int i : sp.pos) {
                outer(h, i, wp);
            }
            for (int j : sp.neg) {
                outer(h, j, wn);
            }
        }
        for (int f = 0; f < d; f++) {
            h[f * d + f] += reg;
        }
        return h;
    }

    /**
     * grad L_{H-j}(theta) - grad L_H(theta) for every history position j, in O(|P| (|P| + |N|) d) for all
     * together (from the pair sums of each row under BPR, from the two sums under the squared loss).
     */
    public double[][] gradientChanges(Row history, double[] parameters) {
        Split sp = split(history);
        double[] s = scores(check(parameters));
        double[] g = gradient(history, parameters);
        int np = sp.pos.length;
        int nn = sp.neg.length;
        double[][] out = new double[np][];
        double[] total = new double[d];
        double[] rows = null;
        double[][] ab = null;
        if (loss == FactorizationMachine.Loss.BPR) {
            rows = bprRowSums(sp, s);
            for (int p = 0; p < np; p++) {
                for (int f = 0; f < d; f++) {
                    total[f] += rows[p * d + f];
                }
            }
        } else {
            ab = squaredSums(sp, s);
        }
        for (int p = 0; p < np; p++) {
            int q = sp.pos[p];
            double[] gq = new double[d];
            if (rows != null) {
                if (np > 1) {
                    double[] sum = total.clone();
                    for (int f = 0; f < d; f++) {
                        sum[f] -= rows[p * d + f];
                    }
                    for (int i : sp.pos) {
                        if (i != q) {
                            double e = sigmoid(s[q] - s[i]);
                            for (int f = 0; f < d; f++) {
                                sum[f] += e * (z[q * d + f] - z[i * d + f]);
                            }
                        }
                    }
                    for (int f = 0; f < d; f++) {
                        gq[f] = sum[f] / ((np - 1.0) * (nn + 1.0));
                    }
                }
            } else {
                double[] a = ab[0].clone();
                double[] b = ab[1].clone();
                for (int f = 0; f < d; f++) {
                    a[f] -= (s[q] - 1) * z[q * d + f];
                    b[f] += s[q] * z[q * d + f];
                }
                combineSquared(a, np - 1, b, nn + 1, gq);
            }
            for (int f = 0; f < d; f++) {
                gq[f] += reg * parameters[f] - g[f];
            }
            out[p] = gq;
        }
        return out;
    }

    /**
     * The exact minimiser of L for {@code history}: damped Newton from theta = 0 (halving the step until the
     * loss does not rise) to a gradient norm of 1e-10 or 100 iterations. One step is exact under the squared
     * loss (L is quadratic).
     *
     * @throws IllegalStateException if the Hessian is not positive definite (regularisation 0)
     */
    public double[] minimise(Row history) {
        double[] t = new double[d];
        double f = loss(history, t);
        for (int it = 0; it < 100; it++) {
            double[] g = gradient(history, t);
            if (Math.sqrt(InfluenceExplainer.dot(g, g)) < 1e-10) {
                break;
            }
            double[] step;
            try {
                step = new Cholesky(hessian(history, t), d).solve(g);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the FM user objective is not strictly convex: " + e.getMessage(), e);
            }
            double alpha = 1;
            double[] next = new double[d];
            double fn = Double.POSITIVE_INFINITY;
            for (int half = 0; half < 40; half++) {
                for (int q = 0; q < d; q++) {
                    next[q] = t[q] - alpha * step[q];
                }
                fn = loss(history, next);
                if (fn <= f) {
                    break;
                }
                alpha /= 2;
            }
            if (!(fn <= f)) {
                break;
            }
            t = next;
            f = fn;
        }
        return t;
    }

    private void axpy(double a, int item, double[] out) {
        int o = item * d;
        for (int f = 0; f < d; f++) {
            out[f] += a * z[o + f];
        }
    }

    private void outer(double[] h, int item, double w) {
        int o = item * d;
        for (int f = 0; f < d; f++) {
            double zf = w * z[o + f];
            for (int g = 0; g < d; g++) {
                h[f * d + g] += zf * z[o + g];
            }
        }
    }

    private static void scale(double[] v, double s) {
        for (int f = 0; f < v.length; f++) {
            v[f] *= s;
        }
    }

    private static double mean(double sum, int n) {
        return n == 0 ? 0 : sum / n;
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}

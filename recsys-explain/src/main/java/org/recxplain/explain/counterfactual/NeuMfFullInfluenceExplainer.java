package org.recxplain.explain.counterfactual;

import org.recxplain.data.Row;
import org.recxplain.explain.Provenance;
import org.recxplain.model.neural.HessianVectorProduct;
import org.recxplain.model.neural.NeuMf;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Influence functions over all parameters of a {@link NeuMf} (Koh and Liang, ICML 2017), with the
 * inverse-Hessian-vector product by conjugate gradient over Hessian-vector products (double backward).
 *
 * <p><b>Which Hessian.</b> The only second-order hook of the model is the user objective L_u (see
 * {@link NeuMf}): the user's own loss terms (history positives and the objective's negatives) and the L2
 * term on the user's parameters. So H here is the Hessian of the <i>user's objective</i> with respect to
 * <i>all</i> parameters ({@link NeuMf.Scope#ALL}, {@link NeuMf#userLossHessianProducts}), not the Hessian of
 * the whole training loss: the other users' terms, which also curve the item and network parameters, are
 * missing. That H is singular (parameters that none of the user's rows touch have zero rows) and, the
 * network being non-convex, is indefinite in practice; as FIA and Koh and Liang do for non-convex nets, it
 * is damped: the solve is (H + damping I) v = grad f(u, i), by {@link ConjugateGradient} from v = 0. When CG
 * meets a direction of non-positive curvature the damping is raised tenfold and the solve restarted (up to
 * 10^4 times the configured damping); the note says which damping was used. On the test's small models the
 * user objective's curvature is about 0.01 and CG needs a damping near 1, where (H + damping I)^-1 is close to
 * a scaled identity: the influence is then mostly the gradient similarity grad f . dg_j, and it agrees only
 * loosely with the user-parameter influence (Pearson r about 0.35). Damping also bounds the untouched
 * directions (v = grad f / damping there), which do not matter: the gradient changes below vanish in them.
 *
 * <p><b>What is removed.</b> For interaction j the objective changes from L_{H} to L_{H-j}: its positive
 * term (weight 1 / (|H| (1 + k))) leaves, the mean over the remaining positives is renormalised and at most
 * one negative is swapped. The gradient change dg_j = grad L_{H-j} - grad L_H (all parameters, at the
 * trained ones) is, up to the renormalisation and the swap, -grad softplus(-f_uj) / (|H| (1 + k)) (the
 * positive term of {@link NeuMf#interactionLossGradient}). The predicted change of the score is
 * -v . dg_j (see {@link InfluenceExplainer}), and the note of each explanation reports the CG iterations and
 * the relative residual reached.
 *
 * <p>Resources: one Hessian-vector-product session per explained user, closed when its items are done.
 * Cost per user: the directional derivatives -v . dg_j of all |H| removals come from one forward pass over the
 * items the user's objectives reach and one Jacobian-vector product per explained item
 * ({@link NeuMf#userLossGradientChanges}), not from |H| gradients; per item one prediction gradient and up to
 * {@code maxIterations} Hessian-vector products. Thread-safety: immutable; concurrent calls use their own
 * sessions.
 *
 * <p>Reproducibility: the same model, user and item give the same weights, whether explained once or again,
 * one by one or from several threads (tested, with garbage collections forced between the solves).
 */
public final class NeuMfFullInfluenceExplainer extends InfluenceExplainer {
    /** The CLI name. */
    public static final String NAME = "influence-full";

    /**
     * Settings of the solve.
     *
     * @param damping       added to the Hessian's diagonal (&gt; 0)
     * @param tolerance     the relative residual at which CG stops (&gt; 0)
     * @param maxIterations the most Hessian-vector products per solve (&ge; 1)
     */
    public record Config(double damping, double tolerance, int maxIterations) {
        public Config {
            if (!(damping > 0) || !(tolerance > 0) || maxIterations < 1) {
                throw new IllegalArgumentException("damping and tolerance must be > 0 and maxIterations >= 1, got "
                        + damping + ", " + tolerance + ", " + maxIterations);
            }
        }

        /** Damping 0.01 (raised as needed), tolerance 1e-5, at most 500 products per solve. */
        public static Config defaults() {
            return new Config(0.01, 1e-5, 500);
        }
    }

    /** How far the damping may be raised (by factors of 10) past the configured one. */
    static final double MAX_DAMPING_FACTOR = 1e4;

    private final NeuMf model;
    private final Config config;

    public NeuMfFullInfluenceExplainer(NeuMf model, Config config) {
        super(model, new Provenance(NAME, Map.of("method", "influence-all-cg", "parameters", "all",
                "damping", Double.toString(config.damping()), "tolerance", Double.toString(config.tolerance()),
                "maxIterations", Integer.toString(config.maxIterations())), 0L, model.info().id()));
        this.model = model;
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * (H + damping I)^-1 grad f(user, item) by CG, with H the all-parameter Hessian of the user objective of
     * the user's training history (in {@link NeuMf#parameterLayout()} order).
     */
    public ConjugateGradient.Result inverseHessianProduct(int user, int item) {
        Row h = model.data().interactions().userRow(user);
        try (HessianVectorProduct hvp = model.userLossHessianProducts(user, h, NeuMf.Scope.ALL)) {
            return solve(hvp, scoreGradient(user, item)).result();
        }
    }

    /** A CG solve with the damping it ended with. */
    private record Solve(ConjugateGradient.Result result, double damping) {
    }

    /**
     * CG on the session's {@link HessianVectorProduct#support()} (the parameters the user's objective reaches,
     * a few thousand of the model's): H is zero outside it, so there (H + damping I) v = b is solved by
     * v = b / damping, and the solve costs vectors of the support's size, not the model's.
     */
    private Solve solve(HessianVectorProduct hvp, double[] b) {
        int[] support = hvp.support();
        double[] bs = new double[support.length];
        for (int q = 0; q < support.length; q++) {
            bs[q] = b[support[q]];
        }
        double damping = config.damping();
        while (true) {
            double dmp = damping;
            ConjugateGradient.Result r = ConjugateGradient.solve(x -> {
                float[] xf = new float[x.length];
                for (int i = 0; i < x.length; i++) {
                    xf[i] = (float) x[i];
                }
                double[] hx = toDouble(hvp.applyOnSupport(xf));
                for (int i = 0; i < x.length; i++) {
                    hx[i] += dmp * x[i];
                }
                return hx;
            }, bs, config.tolerance(), config.maxIterations());
            if (r.positiveCurvature() || damping >= config.damping() * MAX_DAMPING_FACTOR) {
                double[] v = new double[b.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = b[i] / damping;
                }
                double[] vs = r.solution();
                for (int q = 0; q < support.length; q++) {
                    v[support[q]] = vs[q];
                }
                return new Solve(new ConjugateGradient.Result(v, r.iterations(), r.relativeResidual(),
                        r.positiveCurvature()), damping);
            }
            damping *= 10;
        }
    }

    @Override
    protected UserRemovals prepare(int user, Row history) {
        // the explanations take directional derivatives of all changes at once; a single change (one gradient
        // of every parameter per history entry) is computed only when asked
        Function<Row, double[]> gradient = r -> toDouble(model.userLossGradient(user, r, NeuMf.Scope.ALL));
        return new UserRemovals() {
            private double[] full;

            private final HessianVectorProduct hvp = model.userLossHessianProducts(user, history, NeuMf.Scope.ALL);
            private Solve last;

            @Override
            public double[] solve(double[] b) {
                last = NeuMfFullInfluenceExplainer.this.solve(hvp, b);
                return last.result().solution();
            }

            @Override
            public double[][] directionalChanges(double[][] directions, int positions) {
                float[][] f = new float[directions.length][];
                for (int k = 0; k < f.length; k++) {
                    f[k] = new float[directions[k].length];
                    for (int a = 0; a < f[k].length; a++) {
                        f[k][a] = (float) directions[k][a];
                    }
                }
                return model.userLossGradientChanges(user, history, f, NeuMf.Scope.ALL);
            }

            @Override
            public double[] gradientChange(int position) {
                if (full == null) {
                    full = gradient.apply(history);
                }
                return InfluenceExplainer.gradientChange(history, position, full, gradient);
            }

            @Override
            public Optional<String> solveNote() {
                ConjugateGradient.Result r = last.result();
                String note = String.format(Locale.ROOT, "all-parameter influence: CG on (H + %s I), H the Hessian "
                        + "of the user's objective, %d Hessian-vector products, relative residual %.2g", last.damping(),
                        r.iterations(), r.relativeResidual());
                if (!r.positiveCurvature()) {
                    note += "; the damped Hessian is still not positive definite along a CG direction";
                } else if (!r.converged(config.tolerance())) {
                    note += "; not converged within " + config.maxIterations() + " products";
                }
                return Optional.of(note);
            }

            @Override
            public void close() {
                hvp.close();
            }
        };
    }

    @Override
    protected double score(int user, int item) {
        return model.score(user, item);
    }

    @Override
    protected double[] scoreGradient(int user, int item) {
        return toDouble(model.predictionGradient(user, item, NeuMf.Scope.ALL));
    }
}

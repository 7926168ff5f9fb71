package org.recxplain.explain.counterfactual;

import org.recxplain.data.Row;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.BatchExplainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Recommender;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Influence functions (Koh and Liang, ICML 2017) of a user's past interactions on a score: the shared
 * one-Newton-step math of the influence explainers.
 *
 * <p>A subclass supplies, per user, an objective L_H over some parameters theta (the user's own, or all of
 * them) at the trained theta, as two things: a solver x = A^-1 b with A its Hessian (possibly damped), and
 * for each history entry j the change of the objective's gradient when j is removed,
 * dg_j = grad L_{H-j}(theta) - grad L_H(theta). One Newton step from theta then predicts the change of the
 * parameters, dtheta_j = -A^-1 dg_j, and, to first order, the change of the score of item i,
 * <pre>  ds_j = grad s_i . dtheta_j = -(A^-1 grad s_i) . dg_j,</pre>
 * which costs one solve per explained item and one dot product per history entry. Taking the gradient
 * difference (rather than grad L_{H-j} alone, which is the same at an exact minimiser) predicts the refit of
 * H-j relative to the refit of H, so the attributions do not absorb how far the trained theta is from
 * stationary (SGD training, float rounding).
 *
 * <p>The weight of interaction j is the predicted drop of the score, -ds_j (positive: j supports the
 * recommendation); its {@link Attribution.Effect} carries the predicted score after the removal, s_i + ds_j
 * (rank 0: not computed). A user without history, or with a single interaction (whose removal leaves an
 * empty history, far from the one-step regime), gets an explanation without attributions and a note.
 *
 * <p>Thread-safety: subclasses are immutable and may explain from many threads.
 */
public abstract class InfluenceExplainer implements BatchExplainer {
    /** The note of a user with a single interaction. */
    public static final String SINGLE_INTERACTION = "the user has a single interaction; removing it leaves no "
            + "history, outside the local (one Newton step) regime of influence functions, so nothing is attributed";

    private final Recommender model;
    private final Provenance provenance;

    protected InfluenceExplainer(Recommender model, Provenance provenance) {
        this.model = Objects.requireNonNull(model, "model");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * What one user's removals need: the solver of the (damped) Hessian of the user's objective and the
     * gradient changes of each removal. Closed after the user's items are explained (native sessions).
     */
    protected interface UserRemovals extends AutoCloseable {
        /** A^-1 b, with A the (damped) Hessian of the objective at the trained parameters. */
        double[] solve(double[] b);

        /** grad L_{H-j} - grad L_H at the trained parameters, for history position j. */
        double[] gradientChange(int position);

        /**
         * directions[k] . dg_j for every direction k and history position j &lt; {@code positions}:
         * {@code out[k][j]}. By default from one {@link #gradientChange} at a time; removals whose directional
         * derivatives come cheaper than whole gradient changes override it.
         */
        default double[][] directionalChanges(double[][] directions, int positions) {
            double[][] out = new double[directions.length][positions];
            for (int p = 0; p < positions; p++) {
                double[] dg = gradientChange(p);
                for (int k = 0; k < directions.length; k++) {
                    out[k][p] = dot(directions[k], dg);
                }
            }
            return out;
        }

        /** A note on the solve of the last call (iterations, residual), or empty. */
        default Optional<String> solveNote() {
            return Optional.empty();
        }

        @Override
        default void close() {
        }
    }

    /** Prepares the removals of a user with a history of at least two interactions. */
    protected abstract UserRemovals prepare(int user, Row history);

    /** The model's score of (user, item) in double precision. */
    protected abstract double score(int user, int item);

    /** The gradient of the score of (user, item) with respect to the parameters of {@link #prepare}. */
    protected abstract double[] scoreGradient(int user, int item);

    /** The explained model. */
    protected Recommender model() {
        return model;
    }


    @Override
    public List<Explanation> explain(int user, int[] items) {
        long start = System.nanoTime();
        Objects.checkIndex(user, model.data().interactions().numUsers());
        for (int item : items) {
            Objects.checkIndex(item, model.data().interactions().numItems());
        }
        if (items.length == 0) {
            return List.of();
        }
        Row h = model.data().interactions().userRow(user);
        List<Explanation> out = new ArrayList<>(items.length);
        if (h.size() < 2) {
            String note = h.size() == 0 ? Explanations.NO_HISTORY : SINGLE_INTERACTION;
            for (int item : items) {
                out.add(Explanations.of(Explanations.target(model, user, item, score(user, item)), provenance,
                        List.of(), Optional.empty(), Optional.of(note), start));
                start = System.nanoTime();
            }
            return out;
        }
        int[] hist = h.indices();
        try (UserRemovals removals = prepare(user, h)) {
            // solve once per item, then the directional derivatives of every history entry's gradient change
            // (by default one change at a time: a change may be as large as the model)
            double[] scores = new double[items.length];
            double[][] v = new double[items.length][];
            List<Optional<String>> notes = new ArrayList<>(items.length);
            for (int k = 0; k < items.length; k++) {
                scores[k] = score(user, items[k]);
                v[k] = removals.solve(scoreGradient(user, items[k]));
                notes.add(removals.solveNote());
            }
            double[][] change = removals.directionalChanges(v, hist.length);
            for (double[] c : change) {
                for (int p = 0; p < c.length; p++) {
                    c[p] = -c[p];
                }
            }
            // the shared work is split evenly over the items' explanations
            long share = (System.nanoTime() - start) / items.length;
            for (int k = 0; k < items.length; k++) {
                List<Attribution> attributions = new ArrayList<>(hist.length);
                for (int p = 0; p < hist.length; p++) {
                    attributions.add(Explanations.interaction(model.data(), hist[p], -change[k][p])
                            .withEffect(new Attribution.Effect(scores[k] + change[k][p], 0)));
                }
                out.add(Explanations.of(Explanations.target(model, user, items[k], scores[k]), provenance,
                        attributions, Optional.empty(), notes.get(k), System.nanoTime() - share));
            }
        }
        return out;
    }

    /**
     * grad L_{H-j} - grad L_H for every history position j, from a function that gives the gradient of the
     * objective of any history at the trained theta_u (|H| + 1 gradients).
     */
    protected static double[][] gradientChanges(Row history, Function<Row, double[]> gradient) {
        double[] g = gradient.apply(history);
        double[][] out = new double[history.size()][];
        for (int p = 0; p < out.length; p++) {
            out[p] = gradientChange(history, p, g, gradient);
        }
        return out;
    }

    /**
     * grad L_{H-j} - grad L_H for history position {@code position}, given {@code full} = grad L_H (one gradient;
     * for explainers that cannot hold every position's change at once).
     */
    protected static double[] gradientChange(Row history, int position, double[] full,
                                             Function<Row, double[]> gradient) {
        double[] d = gradient.apply(history.without(history.indices()[position]));
        for (int f = 0; f < d.length; f++) {
            d[f] -= full[f];
        }
        return d;
    }

    static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of length " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int f = 0; f < a.length; f++) {
            s += a[f] * b[f];
        }
        return s;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int f = 0; f < x.length; f++) {
            d[f] = x[f];
        }
        return d;
    }
}

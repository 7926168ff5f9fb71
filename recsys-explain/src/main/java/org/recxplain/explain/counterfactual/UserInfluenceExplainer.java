package org.recxplain.explain.counterfactual;

import org.recxplain.data.Row;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Recommender;
import org.recxplain.model.linalg.Cholesky;

import java.util.Map;

/**
 * Influence restricted to the user's own parameters theta_u (FIA, Cheng et al., KDD 2019): the objective
 * is the user's training objective L_H(theta_u) with every other parameter fixed, its Hessian is small
 * (d x d, d = the number of the user's parameters) and is factorised once per user by Cholesky (it must be
 * positive definite, which the L2 term of the objectives guarantees). See {@link InfluenceExplainer} for the
 * one-Newton-step prediction.
 *
 * <p>Subclasses supply the Hessian of L_H and the gradient change of each removal at the trained theta_u
 * ({@link #derivatives}), from the gradient of any history ({@link InfluenceExplainer#gradientChanges}) or faster.
 *
 * <p>Thread-safety: subclasses are immutable.
 */
public abstract class UserInfluenceExplainer extends InfluenceExplainer {

    /** With the provenance {@code influence}, method {@code influence-user-newton}. */
    protected UserInfluenceExplainer(Recommender model) {
        super(model, new Provenance(ExactRemovalExplainer.NAME, Map.of("method", "influence-user-newton"), 0L,
                model.info().id()));
    }

    /** {@value ExactRemovalExplainer#NAME}. */
    @Override
    public final String name() {
        return ExactRemovalExplainer.NAME;
    }

    /**
     * What the Newton step needs of one user's objective at the trained theta_u.
     *
     * @param hessian         the Hessian of L_H: d x d, row-major, symmetric positive definite
     * @param dimension       d
     * @param gradientChanges grad L_{H-j} - grad L_H for every history position j (history order)
     */
    protected record UserDerivatives(double[] hessian, int dimension, double[][] gradientChanges) {
    }

    /** The derivatives of the user's objective for {@code history} (at least two interactions). */
    protected abstract UserDerivatives derivatives(int user, Row history);

    @Override
    protected final UserRemovals prepare(int user, Row history) {
        UserDerivatives der = derivatives(user, history);
        Cholesky chol;
        try {
            chol = new Cholesky(der.hessian(), der.dimension());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the Hessian of user " + model().data().interactions().users().id(user)
                    + "'s objective is not positive definite (is the model's L2 regularisation 0?): "
                    + e.getMessage(), e);
        }
        double[][] dg = der.gradientChanges();
        return new UserRemovals() {
            @Override
            public double[] solve(double[] b) {
                return chol.solve(b);
            }

            @Override
            public double[] gradientChange(int position) {
                return dg[position];
            }
        };
    }

    /**
     * The predicted change of theta_u when each history entry is removed (history order):
     * -H^-1 (grad L_{H-j} - grad L_H). Empty for a history of fewer than two interactions.
     */
    public double[][] parameterChanges(int user) {
        Row h = model().data().interactions().userRow(user);
        if (h.size() < 2) {
            return new double[0][];
        }
        try (UserRemovals r = prepare(user, h)) {
            double[][] out = new double[h.size()][];
            for (int p = 0; p < out.length; p++) {
                double[] step = r.solve(r.gradientChange(p));
                for (int f = 0; f < step.length; f++) {
                    step[f] = -step[f];
                }
                out[p] = step;
            }
            return out;
        }
    }
}

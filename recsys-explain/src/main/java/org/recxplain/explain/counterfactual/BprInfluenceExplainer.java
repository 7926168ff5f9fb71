package org.recxplain.explain.counterfactual;

import org.recxplain.data.Row;
import org.recxplain.model.bpr.BprMf;


/**
 * Influence functions (Koh and Liang, ICML 2017) restricted to the user's own parameters, in the style of
 * FIA (Cheng et al., KDD 2019), for BPR-MF.
 *
 * <p>The user vector p solves min L_H(p), the user's BPR objective over history H with the item parameters
 * fixed (convex; see {@link BprMf}). Removing interaction j changes the objective to L_{H-j}; one Newton step
 * with the current Hessian predicts the new optimum, dp = -H^-1 (grad L_{H-j}(p) - grad L_H(p)) (the second
 * gradient is zero to rounding: the stored p is the exact fold-in). The weight of j is the predicted drop of
 * the item's score, -q_i . dp, and its effect carries the predicted score after the removal (see
 * {@link InfluenceExplainer}). The Hessian (k x k) is factorised once per user; the gradient changes of all
 * history items come from one pass over the pairs ({@link BprMf#userGradientChanges}), O(|H| |negatives| k).
 *
 * <p>Thread-safety: immutable.
 */
public final class BprInfluenceExplainer extends UserInfluenceExplainer {
    private final BprMf model;

    public BprInfluenceExplainer(BprMf model) {
        super(model);
        this.model = model;
    }

    @Override
    protected UserDerivatives derivatives(int user, Row history) {
        double[] p = model.userFactor(user);
        return new UserDerivatives(model.userHessian(history, p), p.length, model.userGradientChanges(history, p));
    }

    @Override
    protected double score(int user, int item) {
        return model.score(user, item);
    }

    @Override
    protected double[] scoreGradient(int user, int item) {
        return model.itemFactor(item);
    }
}

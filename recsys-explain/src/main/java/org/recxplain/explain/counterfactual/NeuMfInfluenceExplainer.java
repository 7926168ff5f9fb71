package org.recxplain.explain.counterfactual;

import org.recxplain.data.Row;
import org.recxplain.model.neural.NeuMf;


/**
 * Influence functions restricted to the user's own parameters (FIA style) for {@link NeuMf}:
 * theta_u = [p_u^G, p_u^M], the objective the user objective L_u of {@link NeuMf} (whose minimiser the
 * stored parameters are, by the fold-in that ends training), its explicit Hessian
 * ({@link NeuMf#userLossHessian(int, Row)}, d x d with d = k_G + k_M, factorised by Cholesky) and the
 * gradient changes grad L_{H-j} - grad L_H ({@link NeuMf#userLossGradient(int, Row, NeuMf.Scope)}, |H| + 1
 * gradients per user). The score is not linear in p^M, so the change of the score is first order in the
 * parameter change, grad f . dtheta ({@link NeuMf#predictionGradient}). See {@link InfluenceExplainer} for
 * the weights and effects; {@link NeuMfFullInfluenceExplainer} takes every parameter.
 *
 * <p><b>Accuracy.</b> f and L_u are smooth in p^G but only piecewise smooth in p^M (ReLU layers): a refit
 * that crosses a ReLU switch is not what the Hessian at the stored parameters foresees. The GMF part of the
 * predicted parameter change matches fold-in refits almost exactly (Pearson r 0.9999 on the test model); the
 * MLP part much less (0.26 to 0.79). Agreement of the predicted score changes with fold-in refits so depends
 * on the model: Pearson r 0.96 with histories of 30 and lambda 0.05 (the test), 0.89 with histories of 20,
 * 0.31 with histories of 12, lambda 0.03 and a 4-wide MLP embedding.
 *
 * <p>Cost per user: |H| + 1 user-scope gradients and one Hessian (each one batched forward/backward over
 * the history and the objective's negatives); per item one prediction gradient and a d x d solve.
 * Thread-safety: immutable, as the model.
 */
public final class NeuMfInfluenceExplainer extends UserInfluenceExplainer {
    private final NeuMf model;

    public NeuMfInfluenceExplainer(NeuMf model) {
        super(model);
        this.model = model;
    }

    @Override
    protected UserDerivatives derivatives(int user, Row history) {
        double[][] h = model.userLossHessian(user, history);
        int d = h.length;
        double[] flat = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(h[a], 0, flat, a * d, d);
        }
        return new UserDerivatives(flat, d, gradientChanges(history,
                r -> toDouble(model.userLossGradient(user, r, NeuMf.Scope.USER))));
    }

    @Override
    protected double score(int user, int item) {
        return model.score(user, item);
    }

    @Override
    protected double[] scoreGradient(int user, int item) {
        return toDouble(model.predictionGradient(user, item, NeuMf.Scope.USER));
    }
}

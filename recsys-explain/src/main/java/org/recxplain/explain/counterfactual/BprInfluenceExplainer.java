package org.recxplain.explain.counterfactual;

import org.recxplain.data.Row;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.explain.Provenance;
import org.recxplain.model.bpr.BprMf;
import org.recxplain.model.linalg.Cholesky;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Influence functions (Koh and Liang, ICML 2017) restricted to the user's own parameters, in the style of
 * FIA (Cheng et al., KDD 2019), for BPR-MF.
 *
 * <p>The user vector p solves min L_H(p), the user's BPR objective over history H with the item parameters
 * fixed (convex). Removing interaction j changes the objective to L_{H-j}; since grad L_H(p) = 0, one
 * Newton step with the current Hessian predicts the new optimum: dp = -H^-1 grad L_{H-j}(p). The weight of
 * j is the predicted drop of the item's score, -q_i . dp, and its effect carries the predicted score
 * after the removal. The Hessian (k x k) is factorised once per user; each history item costs one
 * gradient, O(|H| |negatives| k).
 *
 * <p>Thread-safety: immutable.
 */
public final class BprInfluenceExplainer implements Explainer {
    private final BprMf model;
    private final Provenance provenance;

    public BprInfluenceExplainer(BprMf model) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.provenance = new Provenance(ExactRemovalExplainer.NAME, Map.of("method", "influence-user-newton"), 0L,
                model.info().id());
    }

    @Override
    public String name() {
        return ExactRemovalExplainer.NAME;
    }

    @Override
    public Explanation explain(int user, int item) {
        return explain(user, new int[] {item}).get(0);
    }

    /** The predicted change of the user vector when each history entry is removed (history order). */
    public double[][] parameterChanges(int user) {
        Row h = model.data().interactions().userRow(user);
        double[] p = model.userFactor(user);
        int k = p.length;
        Cholesky hess = new Cholesky(model.userHessian(h, p), k);
        double[][] dp = new double[h.size()][];
        for (int q = 0; q < h.size(); q++) {
            double[] g = model.userGradient(h.without(h.indices()[q]), p);
            double[] step = hess.solve(g);
            for (int f = 0; f < k; f++) {
                step[f] = -step[f];
            }
            dp[q] = step;
        }
        return dp;
    }

    @Override
    public List<Explanation> explain(int user, int[] items) {
        long start = System.nanoTime();
        int[] hist = model.data().interactions().userRow(user).indices();
        double[][] dp = parameterChanges(user);
        List<Explanation> out = new ArrayList<>(items.length);
        for (int item : items) {
            double[] q = model.itemFactor(item);
            double score = model.score(user, item);
            List<Attribution> attributions = new ArrayList<>(hist.length);
            for (int p = 0; p < hist.length; p++) {
                double change = 0;
                for (int f = 0; f < q.length; f++) {
                    change += q[f] * dp[p][f];
                }
                attributions.add(Explanations.interaction(model.data(), hist[p], -change)
                        .withEffect(new Attribution.Effect(score + change, 0)));
            }
            Optional<String> note = hist.length == 0 ? Optional.of(Explanations.NO_HISTORY) : Optional.empty();
            out.add(Explanations.of(Explanations.target(model, user, item, score), provenance, attributions,
                    Optional.empty(), note, start));
            start = System.nanoTime();
        }
        return out;
    }
}

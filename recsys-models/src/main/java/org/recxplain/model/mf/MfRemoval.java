package org.recxplain.model.mf;

import org.recxplain.data.Row;
import org.recxplain.model.KernelRemoval;
import org.recxplain.model.linalg.RankOneRemoval;

/**
 * Exact "what if this user had not rated these items" for explicit biased MF, without refitting.
 *
 * <p>The user's parameters x = [p_u, b_u] solve A x = sum_j z_j t_j with z_j = [q_j, 1],
 * t_j = r_uj - mu - b_j and A = sum_j z_j z_j^T + lambda I. Removing rating j subtracts z_j z_j^T from A and
 * z_j t_j from the right-hand side: the {@link RankOneRemoval} form with d_j = 1 and coefficient t_j. The
 * score is mu + b_i + z_i . x. The results equal {@link BiasedMf#userSystem(Row)} on the reduced history to
 * rounding.
 *
 * <p>Thread-safety: immutable after construction; downdates are single-threaded.
 */
public final class MfRemoval extends KernelRemoval {
    private final BiasedMf model;

    /** Prepares exact removals from {@code user}'s training ratings (one factorisation). */
    public MfRemoval(BiasedMf model, int user) {
        super(kernel(model, model.userSystem(user)));
        this.model = model;
    }

    private static RankOneRemoval kernel(BiasedMf model, BiasedMf.UserSystem system) {
        Row hist = system.history();
        int n = hist.size();
        double[] d = new double[n];
        double[] t = new double[n];
        for (int p = 0; p < n; p++) {
            d[p] = 1;
            t[p] = model.target(hist.indices()[p], hist.values()[p]);
        }
        return new RankOneRemoval(model.itemDesignView(), model.factors() + 1, hist.indices(), d, t,
                system.cholesky(), system.solution());
    }

    @Override
    protected double offset(int item) {
        return model.globalMean() + model.itemBias(item);
    }

    /** The user parameters [p_u, b_u] after removing {@code removedItems} at once (Woodbury). */
    public double[] parametersWithout(int... removedItems) {
        return kernel().solutionWithout(removedItems);
    }
}

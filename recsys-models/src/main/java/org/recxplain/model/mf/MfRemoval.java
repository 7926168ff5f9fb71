package org.recxplain.model.mf;

import org.recxplain.data.Row;
import org.recxplain.model.ExactRemoval;
import org.recxplain.model.linalg.RankOneRemoval;

/**
 * Exact "what if this user had not rated these items" for explicit biased MF, without refitting.
 *
 * <p>The user's parameters x = [p_u, b_u] solve A x = sum_j z_j t_j with z_j = [q_j, 1],
 * t_j = r_uj - mu - b_j and A = sum_j z_j z_j^T + lambda I. Removing rating j subtracts z_j z_j^T from A and
 * z_j t_j from the right-hand side: the {@link RankOneRemoval} form with d_j = 1 and coefficient t_j. The
 * results equal {@link BiasedMf#userSystem(Row)} on the reduced history to rounding.
 *
 * <p>Thread-safety: immutable after construction; downdates are single-threaded.
 */
public final class MfRemoval implements ExactRemoval {
    private final BiasedMf model;
    private final RankOneRemoval kernel;

    /** Prepares exact removals from {@code user}'s training ratings (one factorisation). */
    public MfRemoval(BiasedMf model, int user) {
        this.model = model;
        BiasedMf.UserSystem system = model.userSystem(user);
        Row hist = system.history();
        int n = hist.size();
        double[] d = new double[n];
        double[] t = new double[n];
        for (int p = 0; p < n; p++) {
            d[p] = 1;
            t[p] = model.target(hist.indices()[p], hist.values()[p]);
        }
        this.kernel = new RankOneRemoval(model.itemDesignView(), model.factors() + 1, hist.indices(), d, t,
                system.cholesky(), system.solution());
    }

    /** The generic kernel (for downdates with access to the parameters). */
    public RankOneRemoval kernel() {
        return kernel;
    }

    private double offset(int item) {
        return model.globalMean() + model.itemBias(item);
    }

    @Override
    public double score(int item) {
        return offset(item) + kernel.dot(item, kernel.solution());
    }

    @Override
    public int[] historyItems() {
        return kernel.historyItems();
    }

    @Override
    public double[] scoresAfterSingleRemovals(int item) {
        double[] out = kernel.changesOfSingleRemovals(item);
        double before = score(item);
        for (int p = 0; p < out.length; p++) {
            out[p] += before;
        }
        return out;
    }

    @Override
    public double[] gapChangesOfSingleRemovals(int a, int b) {
        // the offsets mu + b_i do not depend on the user, so the gap changes only through z . x
        return kernel.gapChangesOfSingleRemovals(a, b);
    }

    /** The user parameters [p_u, b_u] after removing {@code removedItems} at once (Woodbury). */
    public double[] parametersWithout(int... removedItems) {
        return kernel.solutionWithout(removedItems);
    }

    @Override
    public void scoreAllWithout(float[] out, int... removedItems) {
        double[] x = parametersWithout(removedItems);
        for (int i = 0; i < model.numItems(); i++) {
            out[i] = (float) (offset(i) + kernel.dot(i, x));
        }
    }

    @Override
    public ExactRemoval.Downdate downdate() {
        RankOneRemoval.Downdate dd = kernel.downdate();
        return new ExactRemoval.Downdate() {
            @Override
            public void remove(int position) {
                dd.remove(position);
            }

            @Override
            public double score(int item) {
                return offset(item) + dd.score(item);
            }
        };
    }
}

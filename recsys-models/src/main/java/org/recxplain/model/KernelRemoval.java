package org.recxplain.model;

import org.recxplain.model.linalg.RankOneRemoval;

/**
 * {@link ExactRemoval} for models whose score is {@code offset(i) + r_i . x_u}, with x_u the solution of a
 * ridge-type user system held by a {@link RankOneRemoval} kernel: implicit ALS (offset 0) and explicit biased
 * MF (offset mu + b_i). Subclasses prepare the kernel and say what the offset is.
 *
 * <p>Thread-safety: immutable after construction; downdates are single-threaded.
 */
public abstract class KernelRemoval implements ExactRemoval {
    private final RankOneRemoval kernel;
    private final double[] x;

    protected KernelRemoval(RankOneRemoval kernel) {
        this.kernel = kernel;
        this.x = kernel.solution();
    }

    /** The part of an item's score that does not depend on the user's parameters. */
    protected abstract double offset(int item);

    /** The generic kernel (for downdates with access to the user's parameters). */
    public final RankOneRemoval kernel() {
        return kernel;
    }

    @Override
    public final int[] historyItems() {
        return kernel.historyItems();
    }

    @Override
    public final double score(int item) {
        return offset(item) + kernel.dot(item, x);
    }

    @Override
    public final double[] scoresAfterSingleRemovals(int item) {
        double[] out = kernel.changesOfSingleRemovals(item);
        double before = score(item);
        for (int p = 0; p < out.length; p++) {
            out[p] += before;
        }
        return out;
    }

    @Override
    public final double[] gapChangesOfSingleRemovals(int a, int b) {
        // offsets do not depend on the user, so the gap changes only through r . x
        return kernel.gapChangesOfSingleRemovals(a, b);
    }

    @Override
    public final void scoreAllWithout(float[] out, int... removedItems) {
        scoreAll(kernel.solutionWithout(removedItems), out);
    }

    /**
     * {@code out[i] = (float) (offset(i) + r_i . x)} for every item: what {@link #scoreAllWithout} writes for the
     * reduced solution x. Subclasses whose model scores every item faster may override it, with the same values.
     */
    protected void scoreAll(double[] x, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (offset(i) + kernel.dot(i, x));
        }
    }

    @Override
    public final ExactRemoval.Downdate downdate() {
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

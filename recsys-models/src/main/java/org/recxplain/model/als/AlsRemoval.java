package org.recxplain.model.als;

import org.recxplain.data.Row;
import org.recxplain.model.KernelRemoval;
import org.recxplain.model.linalg.RankOneRemoval;

/**
 * Exact "what if this user had not interacted with these items" for implicit ALS, without refitting.
 *
 * <p>Removing interaction j (value r_j, confidence c_j = 1 + alpha r_j, preference p_j) changes the
 * user's system by A' = A - (c_j - 1) y_j y_j^T and b' = b - c_j p_j y_j: the {@link RankOneRemoval} form
 * with d_j = c_j - 1 and coefficient c_j p_j. Sherman-Morrison gives every single removal in O(k^2) and
 * Woodbury a set in O(|S| k^2 + |S|^3); with the item factors fixed the results equal
 * {@link ImplicitAls#userSystem(Row)} on the reduced history to rounding.
 *
 * <p>Thread-safety: immutable after construction and may be shared; downdates are single-threaded.
 */
public final class AlsRemoval extends KernelRemoval {
    private final ImplicitAls model;
    private final ImplicitAls.UserSystem system;

    /** Prepares exact removals from {@code user}'s training history (one factorisation, O(|H| k^2)). */
    public AlsRemoval(ImplicitAls model, int user) {
        this(model, model.userSystem(user));
    }

    /** Prepares exact removals from the history of an existing user system. */
    public AlsRemoval(ImplicitAls model, ImplicitAls.UserSystem system) {
        super(kernel(model, system));
        this.model = model;
        this.system = system;
    }

    private static RankOneRemoval kernel(ImplicitAls model, ImplicitAls.UserSystem system) {
        Row hist = system.history();
        int n = hist.size();
        double[] cp = new double[n];
        double[] d = new double[n];
        for (int p = 0; p < n; p++) {
            float v = hist.values()[p];
            double c = model.confidence(v);
            cp[p] = c * ImplicitAls.preference(v);
            d[p] = c - 1;
        }
        return new RankOneRemoval(model.itemFactorsView(), model.factors(), hist.indices(), d, cp,
                system.cholesky(), system.factor());
    }

    @Override
    protected double offset(int item) {
        return 0;
    }

    /** The model's column-wise scoring of every item (the same bits as the default). */
    @Override
    protected void scoreAll(double[] x, float[] out) {
        model.scoreAllWithFactor(x, out);
    }

    /** The user system of the full history. */
    public ImplicitAls.UserSystem system() {
        return system;
    }

    /**
     * For each history entry j (in history order), the coefficient a_j such that removing j alone changes
     * the user factor by -a_j A^-1 y_j, and so the score of any item i by -a_j y_i^T A^-1 y_j.
     */
    public double[] singleRemovalCoefficients() {
        return kernel().singleRemovalCoefficients();
    }

    /** The user factor after removing every history entry in {@code removedItems} at once (Woodbury). */
    public double[] factorWithout(int... removedItems) {
        return kernel().solutionWithout(removedItems);
    }
}

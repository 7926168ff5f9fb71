package org.recxplain.explain.feature;

import org.recxplain.explain.Explanation;

/**
 * A LIME explanation with the diagnostics of its surrogate.
 *
 * @param explanation the explanation (its attributions are surrogate coefficients)
 * @param intercept   the surrogate's intercept
 * @param fidelityR2  the kernel-weighted R^2 of the surrogate on held-out perturbations (or over every
 *                    perturbation, for {@link Design#EXHAUSTIVE}); 1 means the surrogate reproduces the model
 *                    locally; NaN when there was nothing to fit
 * @param samples     perturbations the surrogate was fitted on (model evaluations besides the held-out ones)
 * @param heldOut     perturbations the R^2 was measured on (0 for {@link Design#EXHAUSTIVE})
 * @param design      how the perturbations were drawn
 */
public record LimeResult(Explanation explanation, double intercept, double fidelityR2, int samples, int heldOut,
                         Design design) {

    /** How the perturbations of a LIME run were drawn. */
    public enum Design {
        /** Vanilla LIME: independent random masks. */
        RANDOM,
        /** Every mask (stabilised LIME with few features); no sampling noise at all. */
        EXHAUSTIVE,
        /** A balanced design fitted through a second-order emulator (stabilised LIME). */
        EMULATED,
        /**
         * One-at-a-time knock-out screening, then the emulated design over the kept features (stabilised LIME
         * with more features than the budget's emulator covers).
         */
        SCREENED,
        /** A balanced antithetic design grown until bootstrap-stable (stabilised LIME, small budgets). */
        BALANCED,
        /** Real items around the target (LIME-RS). */
        NEIGHBOURHOOD
    }
}

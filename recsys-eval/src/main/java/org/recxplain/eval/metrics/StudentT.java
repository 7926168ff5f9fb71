package org.recxplain.eval.metrics;

/**
 * The two-sided 95% critical value of Student's t distribution, t(0.975; ν). Stateless and thread-safe.
 *
 * <p>For ν ≤ {@value #EXACT_MAX_DF} the value is found by bisection on the closed-form distribution function
 * of integer ν (Abramowitz and Stegun 26.7.3 and 26.7.4, with θ = atan(t/√ν)):
 * A(t|ν) = P(|T| ≤ t) = (2/π)(θ + sinθ·cosθ·Σ_{j=0}^{(ν−3)/2} [2·4···2j / 3·5···(2j+1)] cos^{2j}θ) for odd ν
 * (only 2θ/π for ν = 1), and sinθ·Σ_{j=0}^{(ν−2)/2} [1·3···(2j−1) / 2·4···2j] cos^{2j}θ for even ν. For
 * larger ν it uses the Cornish–Fisher expansion in 1/ν up to 1/ν⁴ (A&S 26.7.5), whose error there is below
 * 1e-12.
 */
final class StudentT {
    /** Φ⁻¹(0.975), the normal two-sided 95% critical value. */
    static final double Z975 = 1.959963984540054;
    static final int EXACT_MAX_DF = 1000;

    private StudentT() {
    }

    /**
     * t(0.975; df).
     *
     * @throws IllegalArgumentException if {@code df < 1}
     */
    static double critical975(long df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        if (df > EXACT_MAX_DF) {
            return cornishFisher(df);
        }
        int nu = (int) df;
        double lo = 0;
        double hi = 16; // t(0.975; 1) = 12.71 is the largest
        for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (centralMass(mid, nu) < 0.95) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** A(t|ν) = P(|T| ≤ t) for integer ν ≥ 1 and t ≥ 0. */
    static double centralMass(double t, int nu) {
        double theta = Math.atan(t / Math.sqrt(nu));
        double s = Math.sin(theta);
        double c = Math.cos(theta);
        double c2 = c * c;
        if (nu % 2 == 1) {
            if (nu == 1) {
                return 2 * theta / Math.PI;
            }
            double term = 1;
            double sum = 1;
            for (int j = 1; j <= (nu - 3) / 2; j++) {
                term *= c2 * (2.0 * j) / (2.0 * j + 1);
                sum += term;
            }
            return 2 / Math.PI * (theta + s * c * sum);
        }
        double term = 1;
        double sum = 1;
        for (int j = 1; j <= (nu - 2) / 2; j++) {
            term *= c2 * (2.0 * j - 1) / (2.0 * j);
            sum += term;
        }
        return s * sum;
    }

    /** The Cornish–Fisher expansion of t(0.975; ν) around the normal quantile. */
    static double cornishFisher(double nu) {
        double z = Z975;
        double z2 = z * z;
        double z3 = z2 * z;
        double z5 = z3 * z2;
        double z7 = z5 * z2;
        double z9 = z7 * z2;
        double g1 = (z3 + z) / 4;
        double g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
        double g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
        double g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
        return z + g1 / nu + g2 / (nu * nu) + g3 / (nu * nu * nu) + g4 / (nu * nu * nu * nu);
    }
}

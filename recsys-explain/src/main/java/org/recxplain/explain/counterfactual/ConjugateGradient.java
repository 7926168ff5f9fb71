package org.recxplain.explain.counterfactual;

import java.util.function.UnaryOperator;

/**
 * The conjugate-gradient solve of A x = b for a symmetric positive-definite operator given only by its
 * products (Hestenes and Stiefel 1952), from x = 0, until |b - A x| &le; tolerance |b| or the iteration
 * budget is spent. A direction of non-positive curvature (A not positive definite) stops it with the last
 * iterate and says so. Stateless and thread-safe.
 */
public final class ConjugateGradient {
    private ConjugateGradient() {
    }

    /**
     * The outcome of a solve.
     *
     * @param solution          the last iterate x
     * @param iterations        the number of products A p used
     * @param relativeResidual  |b - A x| / |b| (0 for b = 0)
     * @param positiveCurvature false if a direction with p . A p &le; 0 stopped the iteration
     */
    public record Result(double[] solution, int iterations, double relativeResidual, boolean positiveCurvature) {
        public Result {
            solution = solution.clone();
        }

        @Override
        public double[] solution() {
            return solution.clone();
        }

        /** Whether the residual reached {@code tolerance}. */
        public boolean converged(double tolerance) {
            return positiveCurvature && relativeResidual <= tolerance;
        }
    }

    /**
     * Solves A x = b.
     *
     * @param a             x -&gt; A x (must not modify its argument)
     * @param b             the right-hand side
     * @param tolerance     the relative residual to reach (&gt; 0)
     * @param maxIterations the most products (&ge; 1)
     * @throws IllegalArgumentException for a non-positive tolerance or budget
     */
    public static Result solve(UnaryOperator<double[]> a, double[] b, double tolerance, int maxIterations) {
        if (!(tolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("tolerance must be > 0 and maxIterations >= 1, got " + tolerance
                    + " and " + maxIterations);
        }
        int n = b.length;
        double[] x = new double[n];
        double[] r = b.clone();
        double[] p = b.clone();
        double bNorm = Math.sqrt(InfluenceExplainer.dot(b, b));
        if (bNorm == 0) {
            return new Result(x, 0, 0, true);
        }
        double rr = InfluenceExplainer.dot(r, r);
        int it = 0;
        while (it < maxIterations && Math.sqrt(rr) > tolerance * bNorm) {
            double[] ap = a.apply(p);
            it++;
            double pap = InfluenceExplainer.dot(p, ap);
            if (!(pap > 0)) {
                return new Result(x, it, Math.sqrt(rr) / bNorm, false);
            }
            double alpha = rr / pap;
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double next = InfluenceExplainer.dot(r, r);
            double beta = next / rr;
            rr = next;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
        }
        return new Result(x, it, Math.sqrt(rr) / bNorm, true);
    }
}

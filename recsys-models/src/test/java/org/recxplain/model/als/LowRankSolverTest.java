package org.recxplain.model.als;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Row;
import org.recxplain.model.linalg.Dense;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LowRankSolverTest {

    @Test
    void woodburyGivesTheDirectHalfStepsSolution() {
        int k = 24;
        int rows = 80;
        double lambda = 0.1;
        double alpha = 2;
        SplittableRandom rnd = new SplittableRandom(5);
        double[] fixed = rnd.doubles((long) rows * k, -0.5, 0.5).toArray();
        double[] gram = Dense.gram(fixed, k);
        LowRankSolver low = new LowRankSolver(gram, k, lambda);
        assertEquals(k / 4, low.maxEntries());
        double[] a = new double[k * k];
        double[] direct = new double[k];
        double[] woodbury = new double[k];
        // beyond maxEntries the solver is slower, not wrong: sizes up to k
        for (int r = 0; r <= k; r++) {
            int[] idx = rnd.ints(0, rows).distinct().limit(r).sorted().toArray();
            float[] val = new float[r];
            for (int p = 0; p < r; p++) {
                // some zero values: no preference, no extra confidence
                val[p] = p % 5 == 4 ? 0f : 1 + rnd.nextInt(5);
            }
            Row row = new Row(idx, val, null);
            ImplicitAls.halfStep(row, fixed, gram, k, lambda, alpha, a, direct);
            low.solve(row, fixed, alpha, woodbury);
            double norm = Math.sqrt(Dense.dot(direct, 0, direct, 0, k));
            for (int f = 0; f < k; f++) {
                assertEquals(direct[f], woodbury[f], 1e-12 * Math.max(norm, 1), "entries " + r + ", factor " + f);
            }
        }
    }
}

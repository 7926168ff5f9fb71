package org.recxplain.eval.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorrelationTest {

    private static List<ScorePair> pairs(double[] x, double[] y) {
        List<ScorePair> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            out.add(new ScorePair(x[i], y[i]));
        }
        return out;
    }

    @Test
    void pearsonAndSpearmanByHand() {
        // x = 1..5, y = 2,4,5,4,5: x̄ = 3, ȳ = 4, Sxy = 4+0+0+0+2 = 6, Sxx = 10, Syy = 6, r = 6/√60
        List<ScorePair> obs = pairs(new double[]{1, 2, 3, 4, 5}, new double[]{2, 4, 5, 4, 5});
        Correlation r = CorrelationMetric.pearson().evaluate(obs);
        assertEquals(0.7745966692414834, r.r(), 1e-15);
        // Fisher: tanh(atanh(r) ± 1.96/√2)
        assertEquals(-0.34008203518751035, r.ciLow(), 1e-12);
        assertEquals(0.9842357551507267, r.ciHigh(), 1e-12);
        assertEquals(5, r.n());
        // ranks of y with ties averaged: 1, 2.5, 4.5, 2.5, 4.5; Sxy = 4+0.5+0−0.5+3 = 7, Sxx = 10, Syy = 9
        Correlation rho = CorrelationMetric.spearman().evaluate(obs);
        assertEquals(7 / Math.sqrt(90), rho.r(), 1e-15); // 0.7378647873726218
        // Fisher with the Spearman variance 1.06/(n − 3)
        assertEquals(-0.4471235635999793, rho.ciLow(), 1e-12);
        assertEquals(0.9827649535021883, rho.ciHigh(), 1e-12);
    }

    @Test
    void averageRanks() {
        assertArrayEquals(new double[]{1, 2.5, 4.5, 2.5, 4.5}, CorrelationMetric.averageRanks(new double[]{2, 4, 5, 4, 5}));
        assertArrayEquals(new double[]{2, 2, 2}, CorrelationMetric.averageRanks(new double[]{7, 7, 7}));
        assertArrayEquals(new double[0], CorrelationMetric.averageRanks(new double[0]));
    }

    @Test
    void perfectAndUndefinedCorrelations() {
        double[] x = new double[50];
        double[] y = new double[50];
        double[] flat = new double[50];
        for (int i = 0; i < 50; i++) {
            // a large offset: Σx² − (Σx)²/n in doubles would lose everything here
            x[i] = 1e8 + i;
            y[i] = -3e8 - 2 * i;
            flat[i] = 4;
        }
        assertEquals(-1.0, CorrelationMetric.pearson().evaluate(pairs(x, y)).r(), 1e-15);
        assertEquals(-1.0, CorrelationMetric.spearman().evaluate(pairs(x, y)).r(), 1e-15);
        assertTrue(Double.isNaN(CorrelationMetric.pearson().evaluate(pairs(x, flat)).r()));
        assertTrue(Double.isNaN(CorrelationMetric.spearman().evaluate(pairs(flat, y)).r()));
        Correlation one = CorrelationMetric.pearson().evaluate(pairs(new double[]{1}, new double[]{2}));
        assertTrue(Double.isNaN(one.r()) && one.n() == 1);
        Correlation three = CorrelationMetric.pearson().evaluate(pairs(new double[]{1, 2, 3}, new double[]{1, 3, 2}));
        assertEquals(0.5, three.r(), 1e-15);
        assertTrue(Double.isNaN(three.ciLow()), "no Fisher interval for n <= 3");
    }

    @Test
    void spearmanIsInvariantToMonotoneTransforms() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[] x = new double[300];
        double[] y = new double[300];
        double[] ey = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(20); // many ties
            y[i] = x[i] + rnd.nextGaussian() * 5;
            ey[i] = Math.exp(y[i] / 10);
        }
        assertEquals(CorrelationMetric.spearman().evaluate(pairs(x, y)), CorrelationMetric.spearman().evaluate(pairs(x, ey)));
    }

    @Test
    void independentVariablesCorrelateAtChance() {
        SplittableRandom rnd = new SplittableRandom(8);
        int n = 10000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
            y[i] = rnd.nextDouble();
        }
        // under independence r has standard deviation ≈ 1/√n = 0.01
        Correlation r = CorrelationMetric.pearson().evaluate(pairs(x, y));
        Correlation rho = CorrelationMetric.spearman().evaluate(pairs(x, y));
        assertEquals(0, r.r(), 0.04);
        assertEquals(0, rho.r(), 0.04);
        assertTrue(r.ciLow() < 0 && r.ciHigh() > 0, r.toString());
    }

    @Test
    void mergedEqualsSequential() {
        SplittableRandom rnd = new SplittableRandom(12);
        List<ScorePair> obs = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            double predicted = rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(-10, 10));
            obs.add(new ScorePair(predicted, 0.7 * predicted + rnd.nextGaussian() * 0.01));
        }
        Correlation r = MergeChecks.assertMergeInvariant(CorrelationMetric.pearson(), obs, 1, 25);
        Correlation rho = MergeChecks.assertMergeInvariant(CorrelationMetric.spearman(), obs, 2, 25);
        assertTrue(r.r() > 0.5 && rho.r() > 0.5);
    }
}

package org.recxplain.model.neural;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The derivative hooks against finite differences and against each other: gradients of predictions and
 * losses, Hessian-vector products by double backward, the explicit user Hessian, and integrated gradients.
 */
class NeuMfDerivativesTest {
    private static final Logger LOG = LoggerFactory.getLogger(NeuMfDerivativesTest.class);
    private static Dataset data;
    private static NeuMf model;

    @BeforeAll
    static void train() {
        data = Fixtures.richData(5);
        model = NeuMf.train(data, Fixtures.SMALL);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void predictionGradientMatchesFiniteDifferencesOfScores() {
        int user = 7;
        int item = 21;
        float[] p = model.userParameters(user);
        float[] grad = model.predictionGradient(user, item, NeuMf.Scope.USER);
        assertEquals(p.length, grad.length);
        float[] plus = new float[data.interactions().numItems()];
        float[] minus = new float[plus.length];
        double eps = 1e-2;
        for (int c = 0; c < p.length; c++) {
            model.scoreAllWith(user, shifted(p, c, eps), plus);
            model.scoreAllWith(user, shifted(p, c, -eps), minus);
            double fd = (plus[item] - minus[item]) / (2 * eps);
            assertEquals(fd, grad[c], 2e-3 + 1e-2 * Math.abs(fd), "coordinate " + c);
        }
    }

    @Test
    void theJavaUserHeadGivesTheEnginesLogitsAndJacobians() {
        // the fixture's network (two hidden layers) and one with a single hidden layer; more rows than one
        // block of the head, items repeated, so that block boundaries are crossed
        NeuMf shallow = NeuMf.train(data, Fixtures.SMALL.withHidden(List.of(6)).withEpochs(1));
        try {
            for (NeuMf m : List.of(model, shallow)) {
                int user = 14;
                int n = 600;
                int[] items = new int[n];
                SplittableRandom rnd = new SplittableRandom(3);
                for (int r = 0; r < n; r++) {
                    items[r] = rnd.nextInt(data.interactions().numItems());
                }
                int d = m.dimension(NeuMf.Scope.USER);
                float[] logits = new float[n];
                float[] jacobian = new float[n * d];
                UserHead head = m.userHead();
                head.evaluate(user, m.userParameters(user), head.rows(items), 0, n, logits, jacobian, head.new Scratch());
                Row[] itemRows = new Row[n];
                for (int r = 0; r < n; r++) {
                    itemRows[r] = data.itemFeatures().of(items[r]);
                }
                float[] byEngine = new float[n];
                m.scoreWithFeatures(user, data.userFeatures().of(user), items, itemRows, byEngine);
                for (int r = 0; r < n; r++) {
                    assertEquals(byEngine[r], logits[r], 1e-5, "logit of row " + r);
                }
                for (int r = 0; r < n; r += 37) {
                    float[] g = m.predictionGradient(user, items[r], NeuMf.Scope.USER);
                    for (int c = 0; c < d; c++) {
                        assertEquals(g[c], jacobian[r * d + c], 1e-5, "row " + r + ", coordinate " + c);
                    }
                }
            }
        } finally {
            shallow.close();
        }
    }

    @Test
    void allParameterGradientMatchesFiniteDifferencesOfPerturbedModels() {
        int user = 2;
        int item = 30;
        ParameterLayout layout = model.parameterLayout();
        float[] grad = model.predictionGradient(user, item, NeuMf.Scope.ALL);
        assertEquals(layout.size(), grad.length);
        Map<String, float[]> values = model.parameterValues();
        int kg = model.config().gmfFactors();
        // entries the prediction depends on, one per kind of parameter, and one it does not depend on
        int[][] probes = {
                {layout.names().indexOf(NeuMfNetwork.ITEM_GMF), item * kg + 1},
                {layout.names().indexOf(NeuMfNetwork.ITEM_FEATURE), data.itemFeatures().of(item).indices()[0] * 4},
                {layout.names().indexOf(NeuMfNetwork.USER_FEATURE), data.userFeatures().of(user).indices()[0] * 4 + 1},
                {layout.names().indexOf(NeuMfNetwork.weight(1)), 5},
                {layout.names().indexOf(NeuMfNetwork.OUT_BIAS), 0},
                {layout.names().indexOf(NeuMfNetwork.ITEM_GMF), (item + 1) * kg},
        };
        double eps = 1e-2;
        for (int[] probe : probes) {
            String name = layout.names().get(probe[0]);
            double fd = (scoreWith(values, name, probe[1], eps, user, item)
                    - scoreWith(values, name, probe[1], -eps, user, item)) / (2 * eps);
            float g = grad[layout.offset(name) + probe[1]];
            assertEquals(fd, g, 2e-3 + 1e-2 * Math.abs(fd), name + "[" + probe[1] + "]");
        }
        assertEquals(0f, grad[layout.offset(NeuMfNetwork.ITEM_GMF) + (item + 1) * kg], "another item's row");
        assertEquals(1f, grad[layout.offset(NeuMfNetwork.OUT_BIAS)], 1e-6, "d f / d bias");
        float[] own = model.predictionGradient(user, item, NeuMf.Scope.USER);
        assertArrayEquals(java.util.Arrays.copyOf(own, kg), java.util.Arrays.copyOfRange(grad, layout.offset(NeuMfNetwork.USER_GMF) + 2 * kg,
                layout.offset(NeuMfNetwork.USER_GMF) + 3 * kg), 1e-5f, "the user's row of ALL is USER's p^G part");
    }

    private static float scoreWith(Map<String, float[]> values, String name, int entry, double delta, int user,
                                   int item) {
        Map<String, float[]> v = new java.util.LinkedHashMap<>(values);
        float[] changed = v.get(name).clone();
        changed[entry] += (float) delta;
        v.put(name, changed);
        try (NeuMf m = new NeuMf(data, model.config(), v)) {
            return m.score(user, item);
        }
    }

    @Test
    void lossGradientsFollowFromThePredictionGradient() {
        int user = 11;
        int item = 4;
        double f = model.score(user, item);
        double s = 1 / (1 + Math.exp(-f));
        for (NeuMf.Scope scope : NeuMf.Scope.values()) {
            float[] df = model.predictionGradient(user, item, scope);
            float[] pos = model.interactionLossGradient(user, item, true, scope);
            float[] neg = model.interactionLossGradient(user, item, false, scope);
            for (int c = 0; c < df.length; c += scope == NeuMf.Scope.USER ? 1 : 97) {
                assertEquals(-(1 - s) * df[c], pos[c], 1e-5, "softplus(-f)");
                assertEquals(s * df[c], neg[c], 1e-5, "softplus(f)");
            }
        }
    }

    @Test
    void userLossGradientMatchesFiniteDifferencesAndTheFoldInMinimisesTheLoss() {
        int user = 9;
        Row history = data.interactions().userRow(user);
        float[] p = model.userParameters(user);
        float[] zero = new float[p.length];
        float[] g0 = model.userLossGradient(user, history, zero);
        double eps = 1e-2;
        for (int c = 0; c < p.length; c++) {
            double fd = (model.userLoss(user, history, shifted(zero, c, eps))
                    - model.userLoss(user, history, shifted(zero, c, -eps))) / (2 * eps);
            assertEquals(fd, g0[c], 1e-3 + 1e-2 * Math.abs(fd), "coordinate " + c);
        }
        float[] g = model.userLossGradient(user, history, NeuMf.Scope.USER);
        assertArrayEquals(g, model.userLossGradient(user, history, p), "stored parameters by default");
        LOG.info("|grad L_u| at the fold-in {} vs at zero {}", norm(g), norm(g0));
        assertTrue(norm(g) < 0.1 * norm(g0), "the fold-in is near a stationary point");
        double at = model.userLoss(user, history);
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 20; trial++) {
            float[] dir = randomVector(p.length, rnd.nextLong());
            double size = trial % 2 == 0 ? 1e-2 : 1e-1;
            double around = model.userLoss(user, history, axpy(p, dir, size / norm(dir)));
            assertTrue(around >= at - 1e-7, "L_u(" + size + " away) = " + around + " < L_u(fold-in) = " + at);
        }
    }

    @Test
    void hessianVectorProductsMatchTheExplicitHessianAndFiniteDifferences() {
        int user = 14;
        Row history = data.interactions().userRow(user);
        float[] stored = model.userParameters(user);
        // at the stored parameters and at a generic point (the fold-in may lie on a ReLU switch, where
        // finite differences of the gradient straddle two pieces)
        float[] generic = axpy(stored, randomVector(stored.length, 8), 0.05);
        for (float[] p : List.of(stored, generic)) {
            double[][] h = model.userLossHessian(user, history, p);
            float[] v = randomVector(p.length, 1);
            double[] hv = new double[p.length];
            for (int a = 0; a < p.length; a++) {
                for (int c = 0; c < p.length; c++) {
                    hv[a] += h[a][c] * v[c];
                }
                for (int c = 0; c < a; c++) {
                    assertEquals(h[a][c], h[c][a], 1e-12, "symmetric");
                }
            }
            try (HessianVectorProduct session = model.userLossHessianProducts(user, history, p)) {
                assertEquals(p.length, session.dimension());
                assertEquals(model.userLoss(user, history, p), session.value(), 1e-6);
                assertArrayEquals(model.userLossGradient(user, history, p), session.gradient(), 1e-6f);
                float[] byDoubleBackward = session.apply(v);
                assertArrayEquals(byDoubleBackward, session.apply(v), "a session answers the same product twice");
                for (int a = 0; a < p.length; a++) {
                    assertEquals(hv[a], byDoubleBackward[a], 1e-5 + 1e-4 * Math.abs(hv[a]),
                            "explicit vs double backward");
                }
                if (p == generic) {
                    double eps = 1e-3;
                    float[] gp = model.userLossGradient(user, history, axpy(p, v, eps));
                    float[] gm = model.userLossGradient(user, history, axpy(p, v, -eps));
                    for (int a = 0; a < p.length; a++) {
                        double fd = (gp[a] - gm[a]) / (2 * eps);
                        assertEquals(fd, byDoubleBackward[a], 2e-3 + 2e-2 * Math.abs(fd), "finite differences");
                    }
                }
                var e = assertThrows(IllegalArgumentException.class, () -> session.apply(new float[3]));
                assertTrue(e.getMessage().contains("3 entries"), e.getMessage());
            }
        }
        try (HessianVectorProduct scoped = model.userLossHessianProducts(14, history, NeuMf.Scope.USER)) {
            assertArrayEquals(model.userLossGradient(14, history, NeuMf.Scope.USER), scoped.gradient(), 1e-6f,
                    "the scope form is the stored point");
        }
        HessianVectorProduct closed = model.userLossHessianProducts(user, history, NeuMf.Scope.USER);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.apply(new float[stored.length]));
    }

    @Test
    void allParameterHessianVectorProductsMatchFiniteDifferences() {
        int user = 20;
        Row history = data.interactions().userRow(user);
        ParameterLayout layout = model.parameterLayout();
        Map<String, float[]> values = model.parameterValues();
        float[] v = new float[layout.size()];
        // a direction over the item embeddings of the history, a hidden layer and the output
        SplittableRandom rnd = new SplittableRandom(3);
        int kg = model.config().gmfFactors();
        for (int i : history.indices()) {
            for (int c = 0; c < kg; c++) {
                v[layout.offset(NeuMfNetwork.ITEM_GMF) + i * kg + c] = (float) rnd.nextGaussian();
            }
        }
        int w1 = layout.offset(NeuMfNetwork.weight(1));
        for (int c = 0; c < 16 * 8; c++) {
            v[w1 + c] = (float) rnd.nextGaussian();
        }
        v[layout.offset(NeuMfNetwork.OUT_MLP)] = 1;
        float[] hv;
        try (HessianVectorProduct session = model.userLossHessianProducts(user, history, NeuMf.Scope.ALL)) {
            assertEquals(layout.size(), session.dimension());
            hv = session.apply(v);
            // the product on the support equals the full product there, and the full product is zero elsewhere
            int[] support = session.support();
            assertTrue(support.length < layout.size() / 2, "the objective reaches a part of the parameters");
            float[] vs = new float[support.length];
            for (int q = 0; q < support.length; q++) {
                vs[q] = v[support[q]];
            }
            float[] hs = session.applyOnSupport(vs);
            boolean[] on = new boolean[layout.size()];
            for (int q = 0; q < support.length; q++) {
                assertEquals(hv[support[q]], hs[q], 1e-6 * (1 + Math.abs(hv[support[q]])), "support entry " + q);
                on[support[q]] = true;
            }
            for (int a = 0; a < hv.length; a++) {
                if (!on[a]) {
                    assertEquals(0f, hv[a], "outside the support " + a);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> session.applyOnSupport(new float[support.length + 1]));
        }
        double eps = 1e-3;
        float[] gp = allGradient(values, layout, v, eps, user, history);
        float[] gm = allGradient(values, layout, v, -eps, user, history);
        double diff = 0;
        double scale = 0;
        for (int a = 0; a < hv.length; a++) {
            double fd = (gp[a] - gm[a]) / (2 * eps);
            diff += (fd - hv[a]) * (fd - hv[a]);
            scale += hv[a] * hv[a];
        }
        LOG.info("ALL-scope HVP: |Hv| {} , |Hv - finite differences| {}", Math.sqrt(scale), Math.sqrt(diff));
        assertTrue(Math.sqrt(scale) > 1e-3, "a non-trivial product");
        assertTrue(Math.sqrt(diff) < 0.02 * Math.sqrt(scale), "double backward agrees with finite differences");
    }

    /**
     * The batched directional derivatives of the removals equal the difference of two explicit gradients
     * (of H - j and of H) dotted with the direction, for every history entry, in both scopes and for two
     * directions at once.
     */
    @Test
    void gradientChangesAlongDirectionsEqualExplicitGradientDifferences() {
        int user = 11;
        Row history = data.interactions().userRow(user);
        int[] h = history.indices();
        for (NeuMf.Scope scope : NeuMf.Scope.values()) {
            int dim = model.dimension(scope);
            SplittableRandom rnd = new SplittableRandom(17);
            float[][] dirs = new float[2][dim];
            for (float[] d : dirs) {
                for (int a = 0; a < dim; a++) {
                    d[a] = (float) rnd.nextGaussian();
                }
            }
            double[][] fast = model.userLossGradientChanges(user, history, dirs, scope);
            float[] full = model.userLossGradient(user, history, scope);
            double scale = 0;
            double diff = 0;
            for (int j = 0; j < h.length; j++) {
                float[] without = model.userLossGradient(user, history.without(h[j]), scope);
                for (int d = 0; d < dirs.length; d++) {
                    double slow = 0;
                    for (int a = 0; a < dim; a++) {
                        slow += (double) dirs[d][a] * (without[a] - full[a]);
                    }
                    scale = Math.max(scale, Math.abs(slow));
                    diff = Math.max(diff, Math.abs(fast[d][j] - slow));
                }
            }
            LOG.info("{} scope: |H| {}, largest directional change {}, largest difference to explicit gradients {}",
                    scope, h.length, scale, diff);
            assertTrue(scale > 1e-4, scope + ": non-trivial changes");
            assertTrue(diff < 1e-3 * scale, scope + ": differs by " + diff + " at scale " + scale);
        }
        assertThrows(IllegalArgumentException.class,
                () -> model.userLossGradientChanges(user, history, new float[][] {new float[3]}, NeuMf.Scope.ALL));
    }

    /**
     * Regression test: a session's products must not change after a garbage collection. DJL backs arrays made
     * from Java data with Java direct buffers; a scalar operand that the graph saved (the regularizer's
     * lambda / 2, formerly a mul(1f) copy of the gradients) was freed by the collector and its memory reused,
     * so products after a collection came out scaled by whatever was written there (about 1e19 here). The
     * test frees and refills such memory between two products of one vector, in both scopes.
     */
    @Test
    void hessianVectorProductsSurviveGarbageCollection() {
        int user = 5;
        Row history = data.interactions().userRow(user);
        for (NeuMf.Scope scope : NeuMf.Scope.values()) {
            try (HessianVectorProduct session = model.userLossHessianProducts(user, history, scope)) {
                float[] v = new float[session.dimension()];
                for (int a = 0; a < v.length; a++) {
                    v[a] = (float) Math.sin(a + 1.0);
                }
                float[] before = session.apply(v);
                List<java.nio.ByteBuffer> reused = collectAndReuseFreedBuffers();
                float[] after = session.apply(v);
                assertEquals(4000, reused.size());
                double scale = 0;
                double diff = 0;
                for (int a = 0; a < before.length; a++) {
                    scale = Math.max(scale, Math.abs(before[a]));
                    diff = Math.max(diff, Math.abs(after[a] - before[a]));
                }
                assertTrue(scale > 1e-3, scope + ": a non-trivial product");
                assertTrue(diff <= 1e-5 * scale, scope + ": the product after a collection differs by " + diff
                        + " (largest entry " + scale + ")");
            }
        }
    }

    /** Runs the collector (freeing unreachable direct buffers) and fills fresh small direct buffers with 1e20. */
    private static List<java.nio.ByteBuffer> collectAndReuseFreedBuffers() {
        for (int r = 0; r < 5; r++) {
            System.gc();
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<java.nio.ByteBuffer> keep = new java.util.ArrayList<>();
        for (int size : new int[] {4, 64}) {
            for (int i = 0; i < 2000; i++) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(size).order(java.nio.ByteOrder.nativeOrder());
                for (int at = 0; at < size; at += 4) {
                    b.putFloat(at, 1e20f);
                }
                keep.add(b);
            }
        }
        return keep;
    }

    private static float[] allGradient(Map<String, float[]> values, ParameterLayout layout, float[] v, double eps,
                                       int user, Row history) {
        Map<String, float[]> shifted = new java.util.LinkedHashMap<>();
        for (String name : layout.names()) {
            float[] x = values.get(name).clone();
            int off = layout.offset(name);
            for (int c = 0; c < x.length; c++) {
                x[c] += (float) (eps * v[off + c]);
            }
            shifted.put(name, x);
        }
        try (NeuMf m = new NeuMf(data, model.config(), shifted)) {
            return m.userLossGradient(user, history, NeuMf.Scope.ALL);
        }
    }

    @Test
    void integratedGradientsAreComplete() {
        float[] off = new float[1];
        for (int[] pair : new int[][] {{3, 8}, {17, 13}, {40, 55}}) {
            int user = pair[0];
            int item = pair[1];
            FeatureAttribution a = model.integratedGradients(user, item, 64);
            assertArrayEquals(data.itemFeatures().of(item).indices(), a.itemFeatures());
            assertArrayEquals(data.userFeatures().of(user).indices(), a.userFeatures());
            assertEquals(model.score(user, item), a.score(), 1e-4, "the path ends at the model's score");
            model.scoreWithFeatures(user, Row.EMPTY, new int[] {item}, new Row[] {Row.EMPTY}, off);
            assertEquals(off[0], a.baselineScore(), 1e-4, "the baseline switches every feature off");
            double gap = a.score() - a.baselineScore();
            LOG.info("IG ({}, {}): f - f0 = {}, sum = {}, completeness error {}", user, item, gap, a.sum(),
                    a.completenessError());
            assertTrue(Math.abs(gap) > 1e-3, "features matter to this prediction");
            assertTrue(a.completenessError() < 1e-3 + 1e-2 * Math.abs(gap), a.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> model.integratedGradients(0, 0, 0));
    }

    private static float[] shifted(float[] p, int c, double delta) {
        float[] q = p.clone();
        q[c] += (float) delta;
        return q;
    }

    private static float[] axpy(float[] p, float[] v, double eps) {
        float[] q = p.clone();
        for (int c = 0; c < q.length; c++) {
            q[c] += (float) (eps * v[c]);
        }
        return q;
    }

    private static float[] randomVector(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int c = 0; c < n; c++) {
            v[c] = (float) rnd.nextGaussian();
        }
        return v;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}

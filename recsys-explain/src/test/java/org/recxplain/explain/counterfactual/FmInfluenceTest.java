package org.recxplain.explain.counterfactual;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.explain.Attribution;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explainers;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.Explanations;
import org.recxplain.model.fm.FactorizationMachine;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** FM user-parameter influence against exact refits of the user's parameters. */
class FmInfluenceTest {
    static final Dataset DATA = new SyntheticData(60, 50, 5, 2, 10, 0.2, 11).generate().dataset();

    static FactorizationMachine train(FactorizationMachine.Loss loss) {
        return FactorizationMachine.train(DATA, FactorizationMachine.Config.defaults().withFactors(4).withLoss(loss)
                .withEpochs(10).withRegularization(0.02));
    }

    @Test
    void objectiveDerivativesMatchFiniteDifferencesAndDirectRemovals() {
        for (FactorizationMachine.Loss loss : FactorizationMachine.Loss.values()) {
            FactorizationMachine fm = train(loss);
            FmUserObjective obj = FmUserObjective.of(fm, 3);
            Row h = DATA.interactions().userRow(3);
            double[] t = obj.parameters();
            double[] g = obj.gradient(h, t);
            double[] hess = obj.hessian(h, t);
            int d = obj.dimension();
            double eps = 1e-5;
            for (int f = 0; f < d; f++) {
                double[] plus = t.clone();
                double[] minus = t.clone();
                plus[f] += eps;
                minus[f] -= eps;
                double fd = (obj.loss(h, plus) - obj.loss(h, minus)) / (2 * eps);
                assertEquals(fd, g[f], 1e-6, loss + " gradient " + f);
                double[] gp = obj.gradient(h, plus);
                double[] gm = obj.gradient(h, minus);
                for (int e = 0; e < d; e++) {
                    assertEquals((gp[e] - gm[e]) / (2 * eps), hess[e * d + f], 1e-6, loss + " hessian " + e + "," + f);
                }
            }
            double[][] changes = obj.gradientChanges(h, t);
            for (int p = 0; p < h.size(); p++) {
                double[] direct = obj.gradient(h.without(h.indices()[p]), t);
                for (int f = 0; f < d; f++) {
                    assertEquals(direct[f] - g[f], changes[p][f], 1e-12, loss + " removal " + p);
                }
            }
            // the score is linear in the user's parameters with gradient z_i
            assertEquals(fm.score(3, 7), obj.score(7, t), 1e-12);
        }
    }

    @Test
    void influenceAgreesWithExactRefits() {
        for (FactorizationMachine.Loss loss : FactorizationMachine.Loss.values()) {
            FactorizationMachine fm = train(loss);
            FmInfluenceExplainer x = (FmInfluenceExplainer) Explainers.influence(fm);
            SplittableRandom rnd = new SplittableRandom(5);
            double[] predicted = new double[300];
            double[] actual = new double[predicted.length];
            double maxErr = 0;
            long[] nanos = new long[predicted.length];
            for (int n = 0; n < predicted.length; ) {
                int u = rnd.nextInt(DATA.interactions().numUsers());
                Row h = DATA.interactions().userRow(u);
                if (h.size() < 2) {
                    continue;
                }
                int item = rnd.nextInt(DATA.interactions().numItems());
                Explanation e = x.explain(u, item);
                nanos[n] = e.elapsed().toNanos();
                assertEquals(java.util.List.of(), x.explain(u, new int[0]), "no items, no explanations");
                Attribution a = e.attributions().get(rnd.nextInt(e.attributions().size()));
                FmUserObjective obj = x.objective(u);
                double refitH = obj.score(item, obj.minimise(h));
                double refitWithout = obj.score(item, obj.minimise(h.without(a.index())));
                predicted[n] = a.weight();
                actual[n] = refitH - refitWithout;
                assertEquals(e.target().score() - a.weight(), a.effect().orElseThrow().scoreAfter(), 1e-12);
                maxErr = Math.max(maxErr, Math.abs(predicted[n] - actual[n]));
                n++;
            }
            double r = Stats.pearson(predicted, actual);
            java.util.Arrays.sort(nanos);
            System.out.printf("FM (%s) influence vs exact refit: Pearson r = %.5f, max |error| %.3g over %d removals;"
                    + " p50 %.2f ms per explanation%n", loss, r, maxErr, predicted.length, nanos[nanos.length / 2] / 1e6);
            assertTrue(r >= 0.95, loss + ": Pearson r " + r);
        }
    }

    @Test
    void emptyAndSingleHistoriesGiveEmptyExplanationsWithAReason() {
        Row one = DATA.interactions().userRow(0).only(DATA.interactions().userRow(0).indices()[0]);
        Dataset d = new Dataset("edge", DATA.interactions().withUserRow(0, one).withUserRow(1, Row.EMPTY),
                DATA.itemFeatures(), DATA.userFeatures(), DATA.itemTitles(), DATA.report());
        FactorizationMachine fm = FactorizationMachine.train(d, FactorizationMachine.Config.defaults().withFactors(4)
                .withEpochs(2));
        Explainer x = Explainers.influence(fm);
        Explanation single = x.explain(0, 5);
        assertTrue(single.attributions().isEmpty());
        assertEquals(InfluenceExplainer.SINGLE_INTERACTION, single.note().orElseThrow());
        Explanation empty = x.explain(1, 5);
        assertTrue(empty.attributions().isEmpty());
        assertEquals(Explanations.NO_HISTORY, empty.note().orElseThrow());
        assertEquals(fm.score(1, 5), empty.target().score());
        assertFalse(x.explain(2, 5).attributions().isEmpty());
    }
}

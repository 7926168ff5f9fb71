package org.recxplain.explain.feature;

import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;
import org.recxplain.data.Sampling;
import org.recxplain.data.SideFeatures;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.testing.Holdout;

import java.util.SplittableRandom;

/**
 * Planted test data with several side features: every item has its planted {@code genre=gN}, {@code tags}
 * of twelve noise tags {@code tag=tK}, a noise category {@code noise=nK} and a noise numeric {@code year};
 * with user features, every user has {@code fav=gN} (its first planted taste, a real signal),
 * {@code gender} (noise) and {@code age} (noise, numeric). Interactions are split leave-last-out.
 */
final class FeatureFixtures {
    private FeatureFixtures() {
    }

    /** The data, its train/test split and the planted truth. */
    record Planted(Dataset full, Dataset train, Interactions test, SyntheticData.Planted truth) {
    }

    static Planted planted(long seed, int users, int items, int tags, boolean userFeatures) {
        SyntheticData.Planted truth = new SyntheticData(users, items, 6, 2, 12, 0.1, seed).generate();
        Dataset base = truth.dataset();
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        SideFeatures.Builder itf = new SideFeatures.Builder();
        itf.declare("genre", FeatureKind.MULTI_VALUED, "g0");
        for (int i = 0; i < items; i++) {
            itf.add(i, "genre", FeatureKind.MULTI_VALUED, "g" + truth.itemGenre()[i]);
            int[] perm = Sampling.permutation(12, rnd);
            for (int t = 0; t < tags; t++) {
                itf.add(i, "tag", FeatureKind.MULTI_VALUED, "t" + perm[t]);
            }
            itf.add(i, "noise", FeatureKind.CATEGORICAL, "n" + rnd.nextInt(4));
            itf.addNumeric(i, "year", 1950 + rnd.nextInt(70));
        }
        SideFeatures uf = SideFeatures.none(users);
        if (userFeatures) {
            SideFeatures.Builder b = new SideFeatures.Builder();
            for (int u = 0; u < users; u++) {
                b.add(u, "fav", FeatureKind.CATEGORICAL, "g" + truth.userTastes()[u][rnd.nextInt(2)]);
                b.add(u, "gender", FeatureKind.CATEGORICAL, rnd.nextBoolean() ? "F" : "M");
                b.addNumeric(u, "age", 18 + rnd.nextInt(50));
            }
            uf = b.build(users);
        }
        Dataset full = new Dataset("planted-features", base.interactions(), itf.build(items), uf, base.itemTitles(),
                base.report());
        Holdout.Parts split = Holdout.leaveLastOut(full);
        return new Planted(full, split.train(), split.test().interactions(), truth);
    }
    /** Spearman's rank correlation (average ranks for ties). */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += ra[i] / a.length;
            mb += rb[i] / a.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    private static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[v.length];
        for (int s = 0; s < v.length; ) {
            int e = s;
            while (e + 1 < v.length && v[order[e + 1]] == v[order[s]]) {
                e++;
            }
            for (int t = s; t <= e; t++) {
                r[order[t]] = (s + e) / 2.0;
            }
            s = e + 1;
        }
        return r;
    }
}

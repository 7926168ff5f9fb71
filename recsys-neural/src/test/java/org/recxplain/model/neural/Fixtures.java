package org.recxplain.model.neural;

import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.SideFeatures;
import org.recxplain.data.synth.SyntheticData;

import java.util.List;
import java.util.SplittableRandom;

/** Shared test data and configurations. */
final class Fixtures {
    private Fixtures() {
    }

    /** A small, fast configuration. */
    static final NeuMf.Config SMALL = NeuMf.Config.defaults().withFactors(8, 8, 4).withHidden(List.of(16, 8))
            .withEpochs(3).withBatchSize(128).withFoldIn(0.01, 20, 50);

    /**
     * Planted synthetic data with richer side features: the planted genre (multi-valued), a categorical
     * "era" and a numeric "year" for items (one item in ten has neither), and a categorical "group" and a
     * numeric "age" for users.
     */
    static Dataset richData(long seed) {
        Dataset d = new SyntheticData(120, 80, 6, 2, 15, 0.1, seed).generate().dataset();
        SplittableRandom rnd = new SplittableRandom(seed);
        SideFeatures.Builder items = new SideFeatures.Builder();
        int ni = d.interactions().numItems();
        for (int i = 0; i < ni; i++) {
            for (String g : d.itemFeatures().labels(i)) {
                items.add(i, "genre", FeatureKind.MULTI_VALUED, g.substring(g.indexOf('=') + 1));
            }
            if (i % 10 != 3) {
                int year = 1950 + rnd.nextInt(70);
                items.add(i, "era", FeatureKind.CATEGORICAL, year < 1985 ? "old" : "new");
                items.addNumeric(i, "year", year);
            }
        }
        SideFeatures.Builder users = new SideFeatures.Builder();
        int nu = d.interactions().numUsers();
        for (int u = 0; u < nu; u++) {
            users.add(u, "group", FeatureKind.CATEGORICAL, "g" + (u % 3));
            users.addNumeric(u, "age", 18 + rnd.nextInt(50));
        }
        return new Dataset("rich", d.interactions(), items.build(ni), users.build(nu), d.itemTitles(), d.report());
    }
}

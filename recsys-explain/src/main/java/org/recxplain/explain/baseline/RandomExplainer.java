package org.recxplain.explain.baseline;

import org.recxplain.data.Row;
import org.recxplain.explain.Provenance;
import org.recxplain.model.Recommender;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The random baseline: each past interaction gets a uniform random weight in [0, 1). The stream for a
 * (user, item) pair is derived from the seed and the pair alone, so results do not depend on the order or
 * the thread in which pairs are explained. Any explainer that does not beat this one is no better than
 * chance. Immutable and thread-safe.
 */
public final class RandomExplainer extends HistoryScoringExplainer {
    public static final String NAME = "random";
    private final long seed;

    public RandomExplainer(Recommender model, long seed) {
        super(model, new Provenance(NAME, Map.of(), seed, model.info().id()));
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    double[] weights(int user, int item, Row history) {
        SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (((long) user << 32) | item)));
        double[] w = new double[history.size()];
        for (int p = 0; p < w.length; p++) {
            w[p] = rnd.nextDouble();
        }
        return w;
    }
}

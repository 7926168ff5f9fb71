package org.recxplain.model.peers;

import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.common.LongPrimitiveIterator;
import org.apache.mahout.cf.taste.impl.recommender.GenericBooleanPrefItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.GenericItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.PreferredItemsNeighborhoodCandidateItemsStrategy;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.model.Fingerprint;
import org.recxplain.model.ModelInfo;
import org.recxplain.model.ModelSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mahout Taste's {@link GenericItemBasedRecommender} (0.13) as a black-box recommender, with a
 * {@link MahoutSimilarity} (log-likelihood or cosine).
 *
 * <p><b>Two modes.</b> With values ({@code booleanPrefs = false}, Mahout's
 * {@link GenericItemBasedRecommender} over a {@code GenericDataModel}, for explicit ratings) Mahout estimates
 * the preference of user u for item i as the similarity-weighted mean of u's values,
 * {@code sum_j s(i,j) r_uj / sum_j s(i,j)} over u's items j with a defined similarity, and gives no estimate
 * (NaN) when fewer than two of them have one; the cosine is Mahout's {@code UncenteredCosineSimilarity} over
 * the users who rated both items. This is a predicted rating, not a relevance score: an item whose few
 * similar history items u rated highly ranks first, however weakly it relates to u's tastes, so it is a weak
 * top-k ranker (on the planted tastes of {@code SyntheticData.small(7)}, leave-last-out HR@10 is 0.020 with
 * log-likelihood and 0.027 with cosine, against 0.27 for popularity). With boolean preferences
 * ({@code booleanPrefs = true}, Mahout's {@link GenericBooleanPrefItemBasedRecommender} over a
 * {@code GenericBooleanPrefDataModel}, Mahout's choice for unary or implicit data and for top-k ranking)
 * every interaction is read as 1 and the estimate is the sum of the defined similarities
 * {@code sum_j s(i,j)} (NaN when none is defined); the cosine is then the cosine of the items' binary user
 * vectors, {@code |U_i ∩ U_j| / sqrt(|U_i| |U_j|)} ({@code MahoutBinaryCosine}: Mahout's uncentered cosine is
 * 1 for any two overlapping all-ones vectors and refuses boolean data). On the same planted data HR@10 is
 * 0.54 with log-likelihood and 0.60 with cosine. Its {@code recommend} ranks only candidate items: those of
 * other users who share an item with u ({@link PreferredItemsNeighborhoodCandidateItemsStrategy}, Mahout's
 * default), which are exactly the items that can have a defined similarity to one of u's items.
 *
 * <p><b>Scores.</b> Mahout has no batch API, so {@link #scoreAll(int, float[])} asks Mahout's
 * {@code estimatePreference} once per candidate item (the same estimator its {@code recommend} ranks by);
 * items outside the candidates and candidates without an estimate score {@link Float#NEGATIVE_INFINITY},
 * items in u's history score what Mahout's {@code estimatePreference} returns for them (u's own value), and
 * a user without training interactions scores negative infinity everywhere. So the top-k of
 * {@link #recommend(int, int)} are Mahout's {@code recommend(u, k)} up to the order of equal estimates.
 * Cost: per user, |candidates| x |history| similarity computations, each an intersection of two item
 * columns (as Mahout's own {@code recommend}).
 *
 * <p>{@link #predictRating(int, int)} is Mahout's {@code estimatePreference} (NaN where it has none); it is
 * a rating only with values ({@link #predictsRatings()}).
 *
 * <p>Thread-safety: immutable after training; scoring may run from many threads (Mahout's recommender reads
 * an unchanging in-memory data model).
 */
public final class MahoutItemBased implements RatingPredictor {
    /** The family name in {@link ModelInfo} and {@link ModelSpec}. */
    public static final String FAMILY = "mahout-item";

    /**
     * Configuration of the item-based recommender.
     *
     * @param similarity   the item-item similarity
     * @param booleanPrefs read every interaction as a unary preference (Mahout's boolean-preference
     *                     recommender, which sums similarities) instead of averaging the values
     */
    public record Config(MahoutSimilarity.Kind similarity, boolean booleanPrefs) {
        public Config {
            Objects.requireNonNull(similarity, "similarity");
        }

        /**
         * Log-likelihood similarity over unary preferences (Mahout's {@code GenericBooleanPrefItemBasedRecommender}),
         * Mahout's recommended set-up for top-k recommendation from implicit feedback. With
         * {@code booleanPrefs=false} the recommender estimates ratings (a similarity-weighted mean of the user's
         * values): a rating predictor, which ranks below popularity on planted top-k data (HR@10 0.02 against
         * 0.27), so it is not the default for a top-k comparison.
         */
        public static Config defaults() {
            return new Config(MahoutSimilarity.Kind.LOGLIKELIHOOD, true);
        }

        /**
         * The configuration of a spec of family {@value #FAMILY}: parameters {@code similarity}
         * ({@code loglikelihood} or {@code cosine}) and {@code booleanPrefs} ({@code true} or {@code false};
         * {@code true} for implicit data and top-k ranking, see the class comment).
         *
         * @throws IllegalArgumentException for another family, an unknown parameter or value
         */
        public static Config fromSpec(ModelSpec spec) {
            Peers.requireFamily(spec, FAMILY);
            spec.requireKnown(List.of("similarity", "booleanPrefs"));
            return new Config(spec.choiceParam("similarity", MahoutSimilarity.Kind.class,
                    defaults().similarity()), spec.booleanParam("booleanPrefs", defaults().booleanPrefs()));
        }

        Map<String, String> asMap() {
            return Map.of("similarity", ModelSpec.label(similarity), "booleanPrefs", Boolean.toString(booleanPrefs));
        }
    }

    private final Dataset data;
    private final Config config;
    private final DataModel mahoutData;
    private final MahoutSimilarity similarity;
    private final PreferredItemsNeighborhoodCandidateItemsStrategy candidates;
    private final GenericItemBasedRecommender recommender;
    private final ModelInfo info;

    private MahoutItemBased(Dataset data, Config config) {
        this.data = data;
        this.config = config;
        Interactions x = data.interactions();
        this.mahoutData = config.booleanPrefs() ? MahoutData.booleanOf(x) : MahoutData.of(x);
        this.similarity = new MahoutSimilarity(config.similarity(), x, mahoutData);
        this.candidates = new PreferredItemsNeighborhoodCandidateItemsStrategy();
        this.recommender = config.booleanPrefs()
                ? new GenericBooleanPrefItemBasedRecommender(mahoutData, similarity.mahout(), candidates, candidates)
                : new GenericItemBasedRecommender(mahoutData, similarity.mahout(), candidates, candidates);
        float[] degrees = new float[x.numItems() + 2];
        for (int i = 0; i < x.numItems(); i++) {
            degrees[i] = x.itemDegree(i);
        }
        degrees[x.numItems()] = config.similarity().ordinal();
        degrees[x.numItems() + 1] = config.booleanPrefs() ? 1 : 0;
        this.info = new ModelInfo(FAMILY, config.asMap(), 0L, Fingerprint.of(degrees));
    }

    /**
     * Builds the recommender over {@code data} (Mahout's item-based recommender learns nothing in advance:
     * similarities are computed when scoring).
     */
    public static MahoutItemBased train(Dataset data, Config config) {
        return new MahoutItemBased(Objects.requireNonNull(data, "data"), Objects.requireNonNull(config, "config"));
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /** The wrapped Mahout recommender (user and item IDs are our dense indices as longs). */
    public GenericItemBasedRecommender delegate() {
        return recommender;
    }

    /** The item-item similarity the recommender uses. */
    public MahoutSimilarity similarity() {
        return similarity;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Dataset data() {
        return data;
    }

    @Override
    public void scoreAll(int user, float[] out) {
        Interactions x = data.interactions();
        Objects.checkIndex(user, x.numUsers());
        Arrays.fill(out, 0, x.numItems(), Float.NEGATIVE_INFINITY);
        if (x.userDegree(user) == 0) {
            return;
        }
        MahoutData.call("score the items of user " + user, () -> {
            PreferenceArray prefs = mahoutData.getPreferencesFromUser(user);
            for (int p = 0; p < prefs.length(); p++) {
                out[(int) prefs.getItemID(p)] = finite(recommender.estimatePreference(user, prefs.getItemID(p)));
            }
            FastIDSet ids = candidates.getCandidateItems(user, prefs, mahoutData, false);
            for (LongPrimitiveIterator it = ids.iterator(); it.hasNext(); ) {
                long item = it.nextLong();
                out[(int) item] = finite(recommender.estimatePreference(user, item));
            }
            return null;
        });
    }

    private static float finite(float estimate) {
        return Float.isNaN(estimate) ? Float.NEGATIVE_INFINITY : estimate;
    }

    /** True with values (estimates are on the values' scale), false with boolean preferences (sums). */
    @Override
    public boolean predictsRatings() {
        return !config.booleanPrefs();
    }

    @Override
    public double predictRating(int user, int item) {
        Interactions x = data.interactions();
        Objects.checkIndex(user, x.numUsers());
        Objects.checkIndex(item, x.numItems());
        if (x.userDegree(user) == 0 || x.itemDegree(item) == 0) {
            return Double.NaN;
        }
        return MahoutData.call("estimate the preference of user " + user + " for item " + item,
                () -> recommender.estimatePreference(user, item));
    }

    @Override
    public String toString() {
        return "MahoutItemBased[" + config + ", " + data.interactions() + "]";
    }
}

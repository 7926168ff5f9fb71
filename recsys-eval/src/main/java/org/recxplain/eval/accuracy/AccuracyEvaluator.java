package org.recxplain.eval.accuracy;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.data.split.Split;
import org.recxplain.eval.metrics.Accumulator;
import org.recxplain.eval.metrics.CatalogueCoverage;
import org.recxplain.eval.metrics.Coverage;
import org.recxplain.eval.metrics.RankingMetric;
import org.recxplain.eval.metrics.RatingError;
import org.recxplain.eval.metrics.ScorePair;
import org.recxplain.eval.metrics.Summary;
import org.recxplain.eval.metrics.UserRanking;
import org.recxplain.model.Parallel;
import org.recxplain.model.Rankings;
import org.recxplain.model.Recommender;
import org.recxplain.model.mf.BiasedMf;
import org.recxplain.model.peers.RatingPredictor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Evaluates the accuracy of a trained recommender on the held-out half of a split.
 *
 * <p><b>Protocol.</b> Every user with at least one held-out item is evaluated (the others are counted in
 * {@link AccuracyResult#skippedUsers()}): the model scores all items once ({@code scoreAll}), the top k are
 * ranked with the user's training items excluded (ties to the lower index, {@link Rankings}), and the
 * held-out items are the relevant set (binary relevance, whatever their value). From that one ranking come
 * NDCG, Recall, Precision, HR, MAP and MRR at k ({@link RankingMetric}), catalogue coverage at k
 * ({@link CatalogueCoverage}), and MRR over the full ranking (the reciprocal of the best rank of a held-out
 * item among all items not in training). Models that predict ratings (see {@link #ratingPredictor}) also get
 * RMSE and MAE over all held-out (user, item, value) pairs ({@link RatingError}); pairs they cannot predict
 * are counted and left out.
 *
 * <p><b>Determinism.</b> Users are split into contiguous chunks evaluated in parallel, each into its own
 * accumulators, which are merged afterwards; the accumulators are exact under any partition and order, so
 * the result (times aside) does not depend on the number of threads or the chunk size.
 *
 * <p>Thread-safety: immutable; one evaluator may run several evaluations at once. The model must be safe
 * for concurrent scoring (every {@link Recommender} is).
 */
public final class AccuracyEvaluator {
    /** The name of the full-ranking MRR in {@link AccuracyResult#ranking()}. */
    public static final String FULL_MRR = "MRR";

    /**
     * Evaluation settings.
     *
     * @param k       the cutoff of the top-k metrics (&ge; 1)
     * @param threads worker threads (&ge; 1); does not change the result
     * @param chunk   users per parallel chunk (&ge; 1); does not change the result
     */
    public record Options(int k, int threads, int chunk) {
        public Options {
            if (k < 1) {
                throw new IllegalArgumentException("cutoff k must be >= 1, got " + k);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            if (chunk < 1) {
                throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
            }
        }

        /** k = 10, one thread per core, chunks of 64 users. */
        public static Options defaults() {
            return new Options(10, Runtime.getRuntime().availableProcessors(), 64);
        }

        /** A copy with cutoff {@code k}. */
        public Options withK(int k) {
            return new Options(k, threads, chunk);
        }

        /** A copy with {@code t} threads. */
        public Options withThreads(int t) {
            return new Options(k, t, chunk);
        }

        /** A copy with chunks of {@code c} users. */
        public Options withChunk(int c) {
            return new Options(k, threads, c);
        }
    }

    /** A model's rating prediction for one pair; NaN where it has none. */
    @FunctionalInterface
    public interface RatingPrediction {
        double predict(int user, int item);
    }

    private final Options options;

    public AccuracyEvaluator(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The evaluator with {@link Options#defaults()}. */
    public static AccuracyEvaluator withDefaults() {
        return new AccuracyEvaluator(Options.defaults());
    }

    /** The settings. */
    public Options options() {
        return options;
    }

    /**
     * The rating predictions of a model, if its scores are or include predicted ratings: a
     * {@link RatingPredictor} that {@link RatingPredictor#predictsRatings() predicts ratings} (Mahout
     * item-based with values, Mahout explicit ALS-WR, LibRec biased MF), or this library's {@link BiasedMf},
     * whose score is the predicted rating. Empty for ranking models (implicit ALS, BPR, kNN, popularity).
     */
    public static Optional<RatingPrediction> ratingPredictor(Recommender model) {
        if (model instanceof RatingPredictor p) {
            return p.predictsRatings() ? Optional.of(p::predictRating) : Optional.empty();
        }
        if (model instanceof BiasedMf m) {
            return Optional.of(m::score);
        }
        return Optional.empty();
    }

    /**
     * Trains a model on the training half of {@code split} (as {@code data} with those interactions), timing
     * it, and evaluates it on the held-out half.
     *
     * @param trainer builds a model from a data set, such as {@code d -> Models.train(spec, d, seed)}
     * @throws IllegalArgumentException if the split's ID maps are not those of {@code data}
     */
    public AccuracyResult trainAndEvaluate(String label, Dataset data, Split split,
                                           Function<Dataset, ? extends Recommender> trainer) {
        Dataset train = data.withInteractions(split.train());
        long start = System.nanoTime();
        Recommender model = trainer.apply(train);
        Duration trainTime = Duration.ofNanos(System.nanoTime() - start);
        return evaluate(label, model, split.test(), trainTime);
    }

    /**
     * Evaluates a trained model on {@code test}, held-out interactions over the ID maps of the model's data.
     *
     * @param trainTime the time training took, or {@code null} if unknown
     * @throws IllegalArgumentException if {@code test} and the model's data have different ID maps
     */
    public AccuracyResult evaluate(String label, Recommender model, Interactions test, Duration trainTime) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(test, "test");
        Interactions train = model.data().interactions();
        if (!train.users().equals(test.users()) || !train.items().equals(test.items())) {
            throw new IllegalArgumentException("the test interactions (" + test.numUsers() + " users x "
                    + test.numItems() + " items) do not share the ID maps of the model's training data ("
                    + train.numUsers() + " users x " + train.numItems() + " items)");
        }
        long start = System.nanoTime();
        Optional<RatingPrediction> ratings = ratingPredictor(model);
        int n = train.numUsers();
        int chunks = (n + options.chunk() - 1) / options.chunk();
        Tally[] tallies = new Tally[chunks];
        Parallel.forChunks(options.threads(), n, options.chunk(), (from, to) -> {
            Tally t = new Tally(train.numItems());
            float[] scores = new float[train.numItems()];
            for (int u = from; u < to; u++) {
                t.add(u, model, test, scores, ratings.orElse(null));
            }
            tallies[from / options.chunk()] = t;
        });
        Tally all = new Tally(train.numItems());
        for (Tally t : tallies) {
            if (t != null) {
                all.merge(t);
            }
        }
        return all.result(label, model.info().id(), ratings.isPresent(), trainTime,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The accumulators of one chunk of users. Not thread-safe: one per chunk. */
    private final class Tally {
        private final List<RankingMetric> metrics = new ArrayList<>(RankingMetric.all(options.k()));
        private final List<Accumulator<UserRanking, Summary>> ranking = new ArrayList<>();
        private final Accumulator<UserRanking, Summary> fullMrr;
        private final Accumulator<int[], Coverage> coverage;
        private final Accumulator<ScorePair, Summary> rmse = RatingError.rmse().newAccumulator();
        private final Accumulator<ScorePair, Summary> mae = RatingError.mae().newAccumulator();
        private long users;
        private long skipped;
        private long unpredicted;
        private long scoreNanos;

        Tally(int numItems) {
            for (RankingMetric m : metrics) {
                ranking.add(m.newAccumulator());
            }
            fullMrr = RankingMetric.mrr(numItems).newAccumulator();
            coverage = new CatalogueCoverage(numItems, options.k()).newAccumulator();
        }

        void add(int user, Recommender model, Interactions test, float[] scores, RatingPrediction ratings) {
            Row held = test.userRow(user);
            if (held.size() == 0) {
                skipped++;
                return;
            }
            users++;
            int[] seen = model.data().interactions().userRow(user).indices();
            long start = System.nanoTime();
            model.scoreAll(user, scores);
            scoreNanos += System.nanoTime() - start;
            int[] top = Rankings.topK(scores, options.k(), seen);
            UserRanking observation = new UserRanking(top, held.indices());
            for (Accumulator<UserRanking, Summary> a : ranking) {
                a.add(observation);
            }
            coverage.add(top);
            int best = Integer.MAX_VALUE;
            for (int item : held.indices()) {
                best = Math.min(best, Rankings.rankOf(scores, item, seen));
            }
            fullMrr.add(new UserRanking(Rankings.topK(scores, best, seen), held.indices()));
            if (ratings != null) {
                for (int p = 0; p < held.size(); p++) {
                    double predicted = ratings.predict(user, held.indices()[p]);
                    if (Double.isFinite(predicted)) {
                        ScorePair pair = new ScorePair(predicted, held.values()[p]);
                        rmse.add(pair);
                        mae.add(pair);
                    } else {
                        unpredicted++;
                    }
                }
            }
        }

        void merge(Tally other) {
            for (int m = 0; m < ranking.size(); m++) {
                ranking.get(m).merge(other.ranking.get(m));
            }
            fullMrr.merge(other.fullMrr);
            coverage.merge(other.coverage);
            rmse.merge(other.rmse);
            mae.merge(other.mae);
            users += other.users;
            skipped += other.skipped;
            unpredicted += other.unpredicted;
            scoreNanos += other.scoreNanos;
        }

        AccuracyResult result(String label, String modelId, boolean rated, Duration trainTime, Duration wall) {
            Map<String, Summary> means = new LinkedHashMap<>();
            for (int m = 0; m < metrics.size(); m++) {
                means.put(metrics.get(m).name(), ranking.get(m).result());
            }
            means.put(FULL_MRR, fullMrr.result());
            AccuracyResult.RatingErrors errors = rated
                    ? new AccuracyResult.RatingErrors(rmse.result(), mae.result(), unpredicted) : null;
            return new AccuracyResult(label, modelId, options.k(), users, skipped, means, coverage.result(), errors,
                    trainTime, Duration.ofNanos(scoreNanos), wall);
        }
    }
}

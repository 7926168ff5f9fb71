package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.Sampling;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.Recommender;
import org.recxplain.model.ScoredItem;
import org.recxplain.model.als.ImplicitAls;
import org.recxplain.model.bpr.BprMf;
import org.recxplain.model.fm.FactorizationMachine;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What the suites of one {@code recxplain bench} run share: the data, the settings, the writers, and the
 * models, each trained at most once per run (a suite that needs a model an earlier suite trained reuses it).
 * Not thread-safe: the suites run one after the other on one thread.
 */
final class BenchContext {

    /**
     * The settings of a run.
     *
     * @param als        the implicit ALS configuration (the {@code als}, {@code removal} and LIME-RS model)
     * @param users      users sampled per suite, or null for each suite's default
     * @param k          top items explained per sampled user
     * @param bprFactors BPR-MF factors
     * @param bprEpochs  BPR-MF epochs
     * @param fmFactors  factorisation-machine factors
     * @param fmEpochs   factorisation-machine epochs
     * @param fmLearningRate factorisation-machine SGD step
     * @param budgets    LIME budgets (samples) compared by the stability suite
     * @param runs       seeds per pair in the stability suite
     */
    record Settings(ImplicitAls.Config als, Integer users, int k, int bprFactors, int bprEpochs, int fmFactors,
                    int fmEpochs, double fmLearningRate, List<Integer> budgets, int runs) {
        Settings {
            Objects.requireNonNull(als, "als");
            budgets = List.copyOf(budgets);
        }

        /** The seed of training, user sampling and the LIME explainers. */
        long seed() {
            return als.seed();
        }
    }

    /**
     * A model with the wall-clock time of its (timed) training run and a sanity figure of its scores.
     *
     * @param model        the model
     * @param trainSeconds training time, after a shorter warm-up training run
     * @param maxAbsScore  the largest |score| over every item for the first {@value #SCORE_CHECK_USERS} users
     *                     (a diverged training shows here: scores of 1e20 leave floats no precision)
     * @param <M>          its type
     */
    record Trained<M extends Recommender>(M model, double trainSeconds, double maxAbsScore) {
    }

    /** Users whose scores are checked after training. */
    static final int SCORE_CHECK_USERS = 50;

    private final Dataset data;
    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private ImplicitAls als;
    private Trained<BprMf> bpr;
    private Trained<FactorizationMachine> fm;
    private long sink;

    BenchContext(Dataset data, Settings settings, PrintWriter out, PrintWriter err) {
        this.data = Objects.requireNonNull(data, "data");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    Dataset data() {
        return data;
    }

    Settings settings() {
        return settings;
    }

    /** Where the tables and progress notes go. */
    PrintWriter out() {
        return out;
    }

    /** Where the progress lines of training go. */
    PrintWriter err() {
        return err;
    }

    /** Users a suite samples: {@code --users} if given, else the suite's default. */
    int users(BenchSuite suite) {
        return settings.users() != null ? settings.users() : suite.defaultUsers();
    }

    /** A seeded sample of users with at least one interaction ({@link Sampling#usersWithHistory}). */
    int[] sampleUsers(BenchSuite suite) {
        return Sampling.usersWithHistory(data.interactions(), users(suite), settings.seed());
    }

    /**
     * A seeded sample of the users whose history has {@code min..max} interactions, in the order drawn; all
     * of them, ascending, when the suite samples at least as many.
     *
     * @throws CliException if no user has a history of that length
     */
    int[] sampleUsersWithHistory(BenchSuite suite, int min, int max) {
        Interactions x = data.interactions();
        int[] band = IntStream.range(0, x.numUsers()).filter(u -> x.userDegree(u) >= min && x.userDegree(u) <= max)
                .toArray();
        if (band.length == 0) {
            throw new CliException("no user of " + data.name() + " has " + min + ".." + max + " interactions");
        }
        return Sampling.sample(band, users(suite), settings.seed());
    }

    /** The mean number of interactions of {@code users}. */
    double meanHistory(int[] users) {
        return Arrays.stream(users).map(data.interactions()::userDegree).average().orElse(Double.NaN);
    }

    /** The indices of the model's top {@code k} items for {@code user}. */
    static int[] topItems(Recommender model, int user, int k) {
        return model.recommend(user, k).stream().mapToInt(ScoredItem::item).toArray();
    }

    /** The implicit ALS model of the settings, trained now (untimed) unless a suite has already trained it. */
    ImplicitAls als() {
        if (als == null) {
            Training.Result<ImplicitAls> t = Training.train(data, settings.als(), err);
            out.println("model     implicit ALS: " + AlsOptions.describe(settings.als()) + " (trained in "
                    + Numbers.seconds(t.nanos()) + ")");
            out.flush();
            als = t.model();
        }
        return als;
    }

    /** Hands over the ALS model a suite trained, for the later suites. */
    void useAls(ImplicitAls model) {
        als = Objects.requireNonNull(model, "model");
    }

    /** BPR-MF with the settings' factors and epochs, timed after a one-epoch warm-up training run. */
    Trained<BprMf> bpr() {
        if (bpr == null) {
            ModelSpec spec = ModelSpec.of(BprMf.FAMILY).with("factors", settings.bprFactors())
                    .with("epochs", settings.bprEpochs()).with("threads", settings.als().threads());
            bpr = trainWithWarmUp(spec, BprMf.class);
        }
        return bpr;
    }

    /** A factorisation machine with the settings' factors and epochs, timed after a one-epoch warm-up run. */
    Trained<FactorizationMachine> fm() {
        if (fm == null) {
            ModelSpec spec = ModelSpec.of(FactorizationMachine.FAMILY).with("factors", settings.fmFactors())
                    .with("epochs", settings.fmEpochs()).with("learningRate", settings.fmLearningRate());
            fm = trainWithWarmUp(spec, FactorizationMachine.class);
        }
        return fm;
    }

    /**
     * Trains after a one-epoch warm-up run and checks the scores.
     *
     * @throws CliException if a score is not finite (training diverged)
     */
    private <M extends Recommender> Trained<M> trainWithWarmUp(ModelSpec spec, Class<M> type) {
        out.println("model     " + spec.label() + ", seed " + settings.seed()
                + " (after a 1-epoch warm-up training run)");
        out.flush();
        Training.train(data, spec.with("epochs", 1), settings.seed(), err);
        Training.Result<Recommender> t = Training.train(data, spec, settings.seed(), err);
        double max = maxAbsScore(t.model(), Math.min(SCORE_CHECK_USERS, data.interactions().numUsers()));
        if (!Double.isFinite(max)) {
            throw new CliException(spec.label() + " diverged on " + data.name() + ": a score is " + max
                    + "; try a smaller learning rate");
        }
        return new Trained<>(type.cast(t.model()), t.nanos() / 1e9, max);
    }

    /** The largest |score| over every item for users 0..users-1 (NaN if a score is NaN). */
    static double maxAbsScore(Recommender model, int users) {
        float[] scores = new float[model.numItems()];
        double max = 0;
        for (int u = 0; u < users; u++) {
            model.scoreAll(u, scores);
            for (float v : scores) {
                if (Float.isNaN(v)) {
                    return Double.NaN;
                }
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    /** Keeps the JIT from dropping work whose result is otherwise unused. */
    void consume(long value) {
        sink += value;
    }

    /** The sum of everything consumed (read once at the end, so the sink is live). */
    long sink() {
        return sink;
    }
}

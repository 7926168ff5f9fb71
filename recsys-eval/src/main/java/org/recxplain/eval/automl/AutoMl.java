package org.recxplain.eval.automl;

import org.recxplain.data.Dataset;
import org.recxplain.data.split.Split;
import org.recxplain.data.split.Splitters;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.Recommender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded random search over model families.
 *
 * <p><b>Protocol.</b> Given a data set and a train/test split of it:
 * <ol>
 *   <li>a validation split is carved from the training half with
 *       {@link Splitters#randomHoldout(double, long) randomHoldout(validationFraction, seed)};</li>
 *   <li>trial t (t = 0..budget-1) takes the families in turn (family t mod F) and draws an untried
 *       configuration from that family's {@link SearchSpace} with one generator seeded with the search seed, in
 *       trial order; a family whose configurations are all tried gives its turn up (counted in
 *       {@link Leaderboard#unrun()});</li>
 *   <li>each configuration is trained on the validation split's training part with the search seed (through
 *       the {@link Trainer}) and scored by the {@link SelectionCriterion} on the validation part;</li>
 *   <li>the best configuration of each family is retrained on the whole training half and scored on the
 *       test half (the leaderboard's test column), and the overall best by validation is returned with its
 *       retrained model.</li>
 * </ol>
 * Selection uses the validation split only; the test split is touched once per family, after selection.
 *
 * <p><b>Errors.</b> A family the trainer does not know is rejected before anything is trained. A trial
 * whose configuration the trainer rejects ({@link IllegalArgumentException}: an unknown parameter, a value of
 * the wrong type or out of range) stops the search with an {@link IllegalArgumentException} that names the
 * trial and its spec; a trial whose training fails otherwise (a library reporting a diverging loss, say) is
 * recorded as failed and the search goes on.
 *
 * <p><b>Determinism.</b> The same data, split, spaces, options and a deterministic trainer and criterion
 * give the same leaderboard, times aside.
 *
 * <p>Thread-safety: immutable; trials run one after another (models train on many threads themselves).
 */
public final class AutoMl {
    private static final Logger LOG = LoggerFactory.getLogger(AutoMl.class);

    /**
     * Search settings.
     *
     * @param budget             the total number of trials (&ge; 1)
     * @param seed               seed of the validation split, the sampling and every model
     * @param validationFraction share of each user's training interactions held out for validation, in (0, 1)
     * @param criterion          what to select by
     * @param trainer            how to train a spec
     */
    public record Options(int budget, long seed, double validationFraction, SelectionCriterion criterion,
                          Trainer trainer) {
        public Options {
            if (budget < 1) {
                throw new IllegalArgumentException("the search budget must be at least 1 trial, got " + budget);
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
            }
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(trainer, "trainer");
        }

        /** {@code budget} trials, 20% validation, NDCG@10, this library's families. */
        public static Options of(int budget, long seed) {
            return new Options(budget, seed, 0.2, SelectionCriterion.ndcg10(), Trainer.models());
        }

        /** A copy with another criterion. */
        public Options withCriterion(SelectionCriterion c) {
            return new Options(budget, seed, validationFraction, c, trainer);
        }

        /** A copy with another trainer. */
        public Options withTrainer(Trainer t) {
            return new Options(budget, seed, validationFraction, criterion, t);
        }
    }

    /**
     * What a search found.
     *
     * @param leaderboard every trial, best first
     * @param bestSpec    the best configuration
     * @param best        the best configuration trained on the whole training half of the split
     */
    public record Result(Leaderboard leaderboard, ModelSpec bestSpec, Recommender best) {
    }

    private final Options options;

    public AutoMl(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Runs the search.
     *
     * @param data   the data set whose interactions {@code split} divides (side features and titles are kept)
     * @param split  the train/test split
     * @param spaces the families to search, each with its space (at least one, distinct families)
     * @throws IllegalArgumentException for an unknown family, a repeated family or a configuration the trainer
     *                                  rejects (see the class documentation)
     * @throws java.util.NoSuchElementException if every trial failed
     */
    public Result run(Dataset data, Split split, List<SearchSpace> spaces) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        checkFamilies(spaces);
        Dataset train = data.withInteractions(split.train());
        Split validation = Splitters.randomHoldout(options.validationFraction(), options.seed()).split(split.train());
        Dataset fit = data.withInteractions(validation.train());
        SplittableRandom rnd = new SplittableRandom(options.seed());
        List<Set<Map<String, String>>> tried = new ArrayList<>();
        for (int f = 0; f < spaces.size(); f++) {
            tried.add(new HashSet<>());
        }
        List<Trial> trials = new ArrayList<>();
        int unrun = 0;
        for (int t = 0; t < options.budget(); t++) {
            int f = t % spaces.size();
            SearchSpace space = spaces.get(f);
            if (tried.get(f).size() >= space.size()) {
                unrun++;
                continue;
            }
            Map<String, String> params;
            do {
                params = space.sample(rnd);
            } while (!tried.get(f).add(params));
            trials.add(trial(t, space.family(), params, fit, validation));
        }
        Comparator<Trial> byCriterion = Comparator.comparingDouble(
                (Trial t) -> Double.isNaN(t.validation()) ? Double.NEGATIVE_INFINITY
                        : options.criterion().higherIsBetter() ? t.validation() : -t.validation())
                .reversed().thenComparingInt(Trial::index);
        trials.sort(byCriterion);
        Map<String, Integer> bestOfFamily = new LinkedHashMap<>();
        for (int r = 0; r < trials.size(); r++) {
            if (!Double.isNaN(trials.get(r).validation())) {
                bestOfFamily.putIfAbsent(trials.get(r).family(), r);
            }
        }
        Recommender best = null;
        for (Map.Entry<String, Integer> e : bestOfFamily.entrySet()) {
            Trial t = trials.get(e.getValue());
            Recommender model = options.trainer().train(Leaderboard.spec(t), train, options.seed());
            trials.set(e.getValue(), t.withTest(options.criterion().evaluate(model, split.test())));
            if (e.getValue() == 0) {
                best = model;
            }
        }
        Leaderboard board = new Leaderboard(options.criterion().name(), options.criterion().higherIsBetter(),
                options.seed(), options.budget(), unrun, trials);
        Trial top = board.best();
        return new Result(board, Leaderboard.spec(top), best);
    }

    private void checkFamilies(List<SearchSpace> spaces) {
        if (spaces.isEmpty()) {
            throw new IllegalArgumentException("the search needs at least one search space");
        }
        Set<String> seen = new HashSet<>();
        for (SearchSpace s : spaces) {
            if (!options.trainer().families().contains(s.family())) {
                throw new IllegalArgumentException("unknown model family '" + s.family() + "' in the search spaces; "
                        + "known: " + String.join(", ", options.trainer().families()));
            }
            if (!seen.add(s.family())) {
                throw new IllegalArgumentException("model family '" + s.family() + "' has two search spaces");
            }
        }
    }

    private Trial trial(int index, String family, Map<String, String> params, Dataset fit, Split validation) {
        ModelSpec spec = new ModelSpec(family, params);
        long start = System.nanoTime();
        Recommender model;
        try {
            model = options.trainer().train(spec, fit, options.seed());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AutoML trial " + index + " of " + options.budget() + ", "
                    + spec.label() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.warn("AutoML trial {} ({}) failed: {}", index, spec.label(), e.toString());
            return new Trial(index, family, params, Double.NaN, Double.NaN, (System.nanoTime() - start) / 1e9,
                    "failed: " + e.getMessage());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double score = options.criterion().evaluate(model, validation.test());
        LOG.info("AutoML trial {}: {} {} = {} ({} s)", index, spec.label(), options.criterion().name(), score,
                String.format(java.util.Locale.ROOT, "%.2f", seconds));
        return new Trial(index, family, params, score, Double.NaN, seconds, "ok");
    }
}

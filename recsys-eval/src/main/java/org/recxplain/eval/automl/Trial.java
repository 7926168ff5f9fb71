package org.recxplain.eval.automl;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of a {@link Leaderboard}: a configuration tried by the search and how it did.
 *
 * @param index        the trial's number in the order the search drew it (0-based)
 * @param family       the model family
 * @param params       the sampled hyper-parameters (sorted by name)
 * @param validation   the criterion on the validation split, trained on the rest of the training split;
 *                     NaN if the trial failed
 * @param test         the criterion on the test split, retrained on the whole training split; computed for
 *                     the best configuration of each family only (NaN for the others)
 * @param trainSeconds the time to train on the validation-phase data
 * @param status       {@code ok}, or {@code failed: reason} when the library failed to train (for example a
 *                     diverging loss)
 */
public record Trial(int index, String family, Map<String, String> params, double validation, double test,
                    double trainSeconds, String status) {

    public Trial {
        Objects.requireNonNull(family, "family");
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        Objects.requireNonNull(status, "status");
    }

    /** Whether the trial's best-of-family model was retrained and scored on the test split. */
    public boolean finalist() {
        return !Double.isNaN(test);
    }

    /** This trial with its training time set to zero, for comparing runs. */
    public Trial withoutTime() {
        return new Trial(index, family, params, validation, test, 0, status);
    }

    /** This trial with a test score. */
    Trial withTest(double score) {
        return new Trial(index, family, params, validation, score, trainSeconds, status);
    }
}

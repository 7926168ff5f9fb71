package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.neural.NeuralModels;
import org.recxplain.model.Recommender;
import org.recxplain.model.als.ImplicitAls;

import java.io.PrintWriter;

/**
 * Trains a model with a progress line on the terminal and reports the time. Shared by {@code train},
 * {@code demo} and {@code bench}. Stateless.
 */
final class Training {
    private Training() {
    }

    /**
     * A trained model and the wall-clock time training took.
     *
     * @param model the model
     * @param nanos training time in nanoseconds
     * @param <M>   the model's type
     */
    record Result<M extends Recommender>(M model, long nanos) {
    }

    /** Trains implicit ALS on {@code data}; the progress line (with sweeps done) is drawn on {@code err}. */
    static Result<ImplicitAls> train(Dataset data, ImplicitAls.Config config, PrintWriter err) {
        ProgressLine progress = ProgressLine.start(err, "training als");
        try {
            long t0 = System.nanoTime();
            ImplicitAls model = ImplicitAls.train(data, config, progress::step);
            return new Result<>(model, System.nanoTime() - t0);
        } finally {
            progress.close();
        }
    }

    /**
     * Trains a model of any family of {@link NeuralModels#catalog()}; the progress line (a spinner) is drawn on {@code err}.
     *
     * @throws IllegalArgumentException for an unknown parameter or a bad value (the message names the family and
     *                                  the parameter)
     */
    static Result<Recommender> train(Dataset data, ModelSpec spec, long seed, PrintWriter err) {
        ProgressLine progress = ProgressLine.start(err, "training " + spec.family());
        try {
            long t0 = System.nanoTime();
            Recommender model = NeuralModels.catalog().train(spec, data, seed);
            return new Result<>(model, System.nanoTime() - t0);
        } finally {
            progress.close();
        }
    }
}

package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.model.als.ImplicitAls;

import java.io.PrintWriter;

/**
 * Trains implicit ALS with a progress line on the terminal and reports the time. Shared by {@code train},
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
     */
    record Result(ImplicitAls model, long nanos) {
    }

    /** Trains ALS on {@code data}; the progress line (if any) is drawn on {@code err}. */
    static Result train(Dataset data, ImplicitAls.Config config, PrintWriter err) {
        ProgressLine progress = ProgressLine.start(err, "training ALS");
        try {
            long t0 = System.nanoTime();
            ImplicitAls model = ImplicitAls.train(data, config, progress::step);
            return new Result(model, System.nanoTime() - t0);
        } finally {
            progress.close();
        }
    }
}

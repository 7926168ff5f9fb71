package org.recxplain.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --model FILE --user ID}: the saved model and the user that {@code recommend} and {@code explain} work on. */
final class ModelUserOptions {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by `train`.")
    Path model;

    @Option(names = "--user", required = true, paramLabel = "ID", description = "The user's ID in the data set.")
    String user;

    /**
     * Loads the model.
     *
     * @throws CliException if the file is missing or not a model
     */
    LoadedModel load() {
        return LoadedModel.load(model);
    }
}

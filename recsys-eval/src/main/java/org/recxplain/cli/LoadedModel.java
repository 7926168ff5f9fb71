package org.recxplain.cli;

import org.recxplain.data.IdMap;
import org.recxplain.model.neural.NeuralModels;
import org.recxplain.model.Recommender;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model loaded from a file by {@code --model FILE}, with ID lookups whose errors name the file.
 *
 * @param source what the model is, for error messages: {@code model als.model}
 * @param model  the recommender, with its training data
 */
record LoadedModel(String source, Recommender model) {

    /**
     * Loads a saved model.
     *
     * @throws CliException if the file is missing, a directory, or not a model this version can read
     */
    static LoadedModel load(Path path) {
        if (!Files.exists(path)) {
            throw new CliException("model file '" + path + "' not found");
        }
        if (Files.isDirectory(path)) {
            throw new CliException("model file '" + path + "' is a directory");
        }
        try {
            return new LoadedModel("model " + path, NeuralModels.catalog().load(path));
        } catch (java.io.IOException | java.io.UncheckedIOException | IllegalArgumentException
                 | org.recxplain.data.DataFormatException e) {
            String why = ErrorReporter.describe(e);
            String prefix = path + ": ";
            throw new CliException("cannot read model file '" + path + "': "
                    + (why.startsWith(prefix) ? why.substring(prefix.length()) : why), e);
        }
    }

    /** The user index of an external user ID; {@code error: unknown user ID '99999' in model als.model} if absent. */
    int user(String id) {
        return index(model.data().interactions().users(), id, "user");
    }

    /** The item index of an external item ID; the error names the ID and the model file. */
    int item(String id) {
        return index(model.data().interactions().items(), id, "item");
    }

    private int index(IdMap ids, String id, String what) {
        return indexOf(ids, id, what, source);
    }

    /**
     * The index of an external ID in {@code ids}.
     *
     * @param what   what the ID names ({@code user}, {@code item})
     * @param source where the IDs come from, for the message ({@code model als.model}, {@code ml-latest-small})
     * @throws CliException {@code unknown user ID '99999' in model als.model} if the ID is absent
     */
    static int indexOf(IdMap ids, String id, String what, String source) {
        int i = ids.index(id);
        if (i < 0) {
            throw new CliException("unknown " + what + " ID '" + id + "' in " + source);
        }
        return i;
    }
}

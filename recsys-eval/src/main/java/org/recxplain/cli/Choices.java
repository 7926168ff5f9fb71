package org.recxplain.cli;

import org.recxplain.data.io.DataSources;
import org.recxplain.model.neural.NeuralModels;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed sets of names that options accept (output formats, data formats, model families, explainers), each
 * a picocli completion-candidates class so that {@code --help} lists them, and the one check that rejects
 * anything else as an invalid command line. Stateless.
 */
final class Choices {
    private Choices() {
    }

    /**
     * Returns {@code value} if it is one of {@code allowed}.
     *
     * @throws CommandLine.ParameterException naming the option, the value and what is accepted
     */
    static String check(CommandSpec spec, String option, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for option '" + option
                    + "': '" + value + "' (expected one of: " + String.join(", ", allowed) + ")");
        }
        return value;
    }

    /** Requires {@code value >= min} for an integer option. */
    static int atLeast(CommandSpec spec, String option, int value, int min) {
        if (value < min) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for option '" + option
                    + "': " + value + " (expected an integer >= " + min + ")");
        }
        return value;
    }

    /** Output formats of {@code recommend}. */
    static final class RecommendFormats extends ArrayList<String> {
        RecommendFormats() {
            super(List.of("text", "json", "csv"));
        }
    }

    /** Output formats of {@code explain}. */
    static final class ExplainFormats extends ArrayList<String> {
        ExplainFormats() {
            super(List.of("text", "json"));
        }
    }

    /** Input formats of {@code --data-format}: the loaders' formats and {@code auto}. */
    static final class DataFormats extends ArrayList<String> {
        DataFormats() {
            super(DataSources.formats());
            add(DataSources.AUTO);
        }
    }

    /** Model families {@code train} can fit ({@link NeuralModels#catalog()}). */
    static final class ModelFamilies extends ArrayList<String> {
        ModelFamilies() {
            super(NeuralModels.catalog().trainableFamilies());
        }
    }
}

package org.recxplain.cli;

import org.recxplain.model.ModelSpec;
import org.recxplain.model.als.ImplicitAls;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;

/**
 * The hyper-parameters of implicit ALS as options, shared by {@code train}, {@code demo} and {@code bench}.
 * Each of those commands sets its own defaults with a {@link Defaults} subclass, so {@code --help} shows the
 * defaults that apply to it.
 */
final class AlsOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--factors", paramLabel = "K", description = "Latent factors, 1..4096 (default: ${DEFAULT-VALUE}).")
    int factors;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Alternating least-squares sweeps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--lambda", paramLabel = "L",
            description = "L2 regularisation, > 0 (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Confidence scale: an interaction with value r has confidence 1 + A*r "
                    + "(default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--seed", paramLabel = "S",
            description = "Random seed of training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T",
            description = "Training threads (default: ${DEFAULT-VALUE}, the available cores; the result does not "
                    + "depend on it).")
    int threads;

    /**
     * The configuration the options describe.
     *
     * @throws CommandLine.ParameterException if a value is out of range
     */
    ImplicitAls.Config config() {
        try {
            return new ImplicitAls.Config(factors, lambda, alpha, iterations, seed, threads);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "invalid ALS option: " + e.getMessage());
        }
    }

    /**
     * A spec for another family: {@code params}, plus those of {@code --factors}, {@code --iterations},
     * {@code --lambda}, {@code --alpha} and {@code --threads} given on the command line (their defaults are
     * implicit ALS's, so they are left out when not given; the family's own defaults apply). {@code --seed} is
     * passed to training separately.
     */
    ModelSpec spec(String family, Map<String, String> params) {
        ModelSpec s = new ModelSpec(family, params);
        CommandLine.ParseResult given = mixee.commandLine().getParseResult();
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("factors", factors);
        values.put("iterations", iterations);
        values.put("lambda", lambda);
        values.put("alpha", alpha);
        values.put("threads", threads);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (given.hasMatchedOption("--" + e.getKey())) {
                s = s.with(e.getKey(), e.getValue());
            }
        }
        return s;
    }

    /** One line describing a configuration: {@code 32 factors, 10 iterations, lambda 0.1, alpha 10, seed 42, ...}. */
    static String describe(ImplicitAls.Config c) {
        return String.format(Locale.ROOT, "%d factors, %d iteration%s, lambda %s, alpha %s, seed %d, %d thread%s",
                c.factors(), c.iterations(), c.iterations() == 1 ? "" : "s", Numbers.plain(c.lambda()),
                Numbers.plain(c.alpha()), c.seed(), c.threads(), c.threads() == 1 ? "" : "s");
    }

    /**
     * Default values of the ALS options for one command, taken from a base configuration (a command's defaults
     * class passes {@code ImplicitAls.Config.defaults()} with its own changes).
     */
    abstract static class Defaults implements CommandLine.IDefaultValueProvider {
        private final Map<String, String> values;

        Defaults(ImplicitAls.Config c) {
            values = Map.of("--factors", Integer.toString(c.factors()),
                    "--iterations", Integer.toString(c.iterations()),
                    "--lambda", Numbers.plain(c.lambda()),
                    "--alpha", Numbers.plain(c.alpha()),
                    "--seed", Long.toString(c.seed()),
                    "--threads", Integer.toString(c.threads()));
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o ? values.get(o.longestName()) : null;
        }
    }

    /** The library's own defaults ({@code ImplicitAls.Config.defaults()}). */
    static final class LibraryDefaults extends Defaults {
        LibraryDefaults() {
            super(ImplicitAls.Config.defaults());
        }
    }
}

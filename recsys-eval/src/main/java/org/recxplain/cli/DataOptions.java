package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.data.ImplicitFeedback;
import org.recxplain.data.io.DataSources;
import org.recxplain.data.io.LoadOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * Where training data comes from: a bundled data set or a path with its format, and the implicit-feedback
 * threshold. Used by {@code train} (as options) and by {@code demo} and {@code bench} (with fixed values).
 */
final class DataOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--data", required = true, paramLabel = "NAME|PATH",
            description = {"A bundled data set (ml-latest-small, uci-restaurant), or the file (csv) or directory "
                    + "to load."})
    String data;

    @Option(names = "--data-format", paramLabel = "FORMAT", completionCandidates = Choices.DataFormats.class,
            description = {"Format of a data PATH: ${COMPLETION-CANDIDATES} (default: auto, recognised from the "
                    + "files)."})
    String format;

    @Option(names = "--lenient",
            description = {"Skip malformed rows (counted and reported) instead of stopping at the first one."})
    boolean lenient;

    @Option(names = "--implicit-threshold", paramLabel = "T",
            description = {"Treat the data as implicit feedback: keep only interactions with value >= T "
                    + "(each kept value r gets confidence 1 + alpha*r). Default: keep every interaction."})
    Float implicitThreshold;

    /** Loads the data the options name, printing a summary to {@code out}. */
    Dataset load(PrintWriter out) {
        if (format != null) {
            Choices.check(mixee, "--data-format", format, new Choices.DataFormats());
        }
        if (implicitThreshold != null && !Float.isFinite(implicitThreshold)) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "invalid value for option '--implicit-threshold': " + implicitThreshold
                            + " (expected a finite number)");
        }
        return load(data, format, LoadOptions.defaults().withLenient(lenient), implicitThreshold, out);
    }

    /**
     * Loads a bundled data set by name, or a path in the given format ({@code null}: recognised from the files),
     * applies the implicit-feedback threshold if there is one, and prints what was loaded to {@code out}.
     *
     * @throws org.recxplain.data.DataFormatException if the path does not exist or the data is malformed
     * @throws IllegalArgumentException               if the format cannot be recognised
     */
    static Dataset load(String dataOrPath, String format, LoadOptions options, Float implicitThreshold,
                        PrintWriter out) {
        long t0 = System.nanoTime();
        Dataset d = DataSources.open(dataOrPath, format, options);
        long loaded = System.nanoTime() - t0;
        out.println("data      " + describe(d) + " (loaded in " + Numbers.seconds(loaded) + ")");
        out.println("          " + d.report().summary());
        d.report().messages().forEach(m -> out.println("          skipped: " + m));
        if (implicitThreshold != null) {
            int before = d.interactions().size();
            d = new ImplicitFeedback(implicitThreshold, false).apply(d);
            out.println("implicit  kept " + Numbers.count(d.interactions().size()) + " of " + Numbers.count(before)
                    + " interactions with value >= " + Numbers.plain(implicitThreshold)
                    + " (confidence 1 + alpha*value)");
        }
        return d;
    }

    /** {@code ml-latest-small: 610 users, 9,724 items, 100,836 interactions}. */
    static String describe(Dataset d) {
        return d.name() + ": " + Numbers.count(d.interactions().numUsers()) + " users, "
                + Numbers.count(d.interactions().numItems()) + " items, "
                + Numbers.count(d.interactions().size()) + " interactions";
    }
}

package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.data.ImplicitFeedback;
import org.recxplain.data.io.DataSources;
import org.recxplain.data.io.LoadOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where training data comes from: a bundled data set or a path with its format, and the implicit-feedback
 * threshold. Used by {@code train} (as options) and by {@code demo} and {@code bench} (with fixed values).
 */
final class DataOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--data", required = true, paramLabel = "NAME|PATH",
            description = {"A bundled data set (ml-latest-small, uci-restaurant) or a file or directory to load."})
    String data;

    @Option(names = "--data-format", paramLabel = "FORMAT", completionCandidates = Choices.DataFormats.class,
            description = {"Format of a data PATH: ${COMPLETION-CANDIDATES}. Needed for a path; a bundled name "
                    + "knows its own."})
    String format;

    @Option(names = "--implicit-threshold", paramLabel = "T",
            description = {"Treat the data as implicit feedback: keep only interactions with value >= T "
                    + "(each kept value r gets confidence 1 + alpha*r). Default: keep every interaction."})
    Double implicitThreshold;

    /** Loads the data the options name, printing a summary to {@code out}. */
    Dataset load(PrintWriter out) {
        if (format != null) {
            Choices.check(mixee, "--data-format", format, new Choices.DataFormats());
        }
        return load(data, format, implicitThreshold, out);
    }

    /**
     * Loads a bundled data set by name, or a path in the given format, applies the implicit-feedback threshold
     * if there is one, and prints what was loaded to {@code out}.
     *
     * @param format {@code null} for a bundled name
     * @throws CliException if the name is neither bundled nor an existing path, or a path has no format
     */
    static Dataset load(String dataOrPath, String format, Double implicitThreshold, PrintWriter out) {
        long t0 = System.nanoTime();
        Dataset d;
        if (DataSources.bundledNames().contains(dataOrPath) && format == null) {
            d = DataSources.bundled(dataOrPath);
        } else {
            if (!Files.exists(Path.of(dataOrPath))) {
                throw new CliException("unknown data '" + dataOrPath + "': not a bundled data set ("
                        + String.join(", ", DataSources.bundledNames()) + ") and no such file or directory");
            }
            if (format == null) {
                throw new CliException("--data-format is needed to read '" + dataOrPath + "' (one of: "
                        + String.join(", ", new Choices.DataFormats()) + ")");
            }
            d = DataSources.open(dataOrPath, format, LoadOptions.defaults());
        }
        long loaded = System.nanoTime() - t0;
        out.println("data      " + describe(d) + " (loaded in " + Numbers.seconds(loaded) + ")");
        out.println("          " + d.report().summary());
        if (implicitThreshold != null) {
            if (!Double.isFinite(implicitThreshold)) {
                throw new CliException("--implicit-threshold must be a finite number, got " + implicitThreshold);
            }
            int before = d.interactions().size();
            d = new ImplicitFeedback(implicitThreshold.floatValue(), false).apply(d);
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

package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.model.als.ImplicitAls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code recxplain train}: fits a model on a data set and saves it to a file. */
@Command(name = "train", header = "Train a model on a data set and save it to a file.",
        sortOptions = false, defaultValueProvider = AlsOptions.LibraryDefaults.class,
        description = {"Train a recommender on a data set and save it (with the data's IDs and titles) to a file.",
                "Example: recxplain train --data ml-latest-small --out als.model"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data;

    @Option(names = "--model", paramLabel = "FAMILY", defaultValue = "als",
            completionCandidates = Choices.ModelFamilies.class,
            description = "Model family: ${COMPLETION-CANDIDATES} (implicit ALS; default: ${DEFAULT-VALUE}).")
    private String family;

    @Mixin
    private AlsOptions als;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE", description = "Where to save the model.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Choices.check(spec, "--model", family, new Choices.ModelFamilies());
        ImplicitAls.Config config = als.config();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException("cannot save the model to '" + out + "': no such directory " + parent);
        }
        PrintWriter o = spec.commandLine().getOut();
        Dataset d = data.load(o);
        o.println("model     implicit ALS: " + AlsOptions.describe(config));
        o.flush();
        Training.Result r = Training.train(d, config, spec.commandLine().getErr());
        o.println("          trained in " + Numbers.seconds(r.nanos()) + ", model ID " + r.model().info().id());
        r.model().save(out);
        o.println("saved     " + out + " (" + Numbers.count(Files.size(out)) + " bytes)");
        o.flush();
        return 0;
    }
}

package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.neural.NeuralModels;
import org.recxplain.model.Recommender;
import org.recxplain.model.als.ImplicitAls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recxplain train}: fits a model on a data set and saves it to a file. */
@Command(name = "train", header = "Train a model on a data set and save it to a file.",
        sortOptions = false, defaultValueProvider = AlsOptions.LibraryDefaults.class,
        description = {"Train a recommender on a data set and save it (with the data's IDs and titles) to a file.",
                "Example: recxplain train --data ml-latest-small --out als.model",
                "     or: recxplain train --data r.csv --model bpr -P epochs=30 -o bpr.model"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data;

    @Option(names = "--model", paramLabel = "FAMILY", defaultValue = "als",
            completionCandidates = Choices.ModelFamilies.class,
            description = {"Model family: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, implicit ALS). The "
                    + "defaults below are ALS's; for another family, the options given apply where it has them and "
                    + "the family's own defaults fill the rest."})
    private String family;

    @Mixin
    private AlsOptions als;

    @Option(names = {"-P", "--param"}, paramLabel = "NAME=VALUE",
            description = {"A parameter of a family other than als, repeatable: e.g. -P neighbours=50 "
                    + "(item-knn), -P epochs=30 (bpr); see the README for each family's names."})
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE", description = "Where to save the model.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Choices.check(spec, "--model", family, new Choices.ModelFamilies());
        boolean isAls = family.equals(ImplicitAls.FAMILY);
        if (isAls && !params.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--param is for the other families; als takes "
                    + "--factors, --iterations, --lambda, --alpha, --threads");
        }
        ImplicitAls.Config config = isAls ? als.config() : null;
        ModelSpec modelSpec = isAls ? null : als.spec(family, params);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException("cannot save the model to '" + out + "': no such directory " + parent);
        }
        PrintWriter o = spec.commandLine().getOut();
        Dataset d = data.load(o);
        Training.Result<? extends Recommender> r;
        if (isAls) {
            o.println("model     als (implicit ALS): " + AlsOptions.describe(config));
            o.flush();
            r = Training.train(d, config, spec.commandLine().getErr());
        } else {
            o.println("model     " + modelSpec.label() + ", seed " + als.seed + " (unset parameters: the family's "
                    + "defaults)");
            o.flush();
            r = Training.train(d, modelSpec, als.seed, spec.commandLine().getErr());
        }
        o.println("          trained in " + Numbers.seconds(r.nanos()) + ", model ID " + r.model().info().id());
        NeuralModels.catalog().save(r.model(), out);
        o.println("saved     " + out + " (" + Numbers.count(Files.size(out)) + " bytes)");
        o.flush();
        return 0;
    }
}

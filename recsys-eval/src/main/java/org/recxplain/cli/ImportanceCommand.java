package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.data.split.Split;
import org.recxplain.data.split.Splitters;
import org.recxplain.explain.feature.ImportanceChart;
import org.recxplain.explain.feature.ImportanceResult;
import org.recxplain.explain.feature.PermutationImportance;
import org.recxplain.model.FeatureRecommender;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.Recommender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code recxplain importance}: global permutation importance of side-feature groups (ELI5 style): each
 * group is shuffled across items (or users) and the drop of NDCG@k on a held-out split is measured,
 * repeated R times. Prints mean and standard deviation per group and optionally writes a PNG chart.
 */
@Command(name = "importance", header = "Rank side-feature groups by how much the model needs them.",
        sortOptions = false,
        description = {"Trains a feature-reading model (default: a factorisation machine) on a random hold-out "
                + "split, then shuffles each feature group across items (or users) and measures the drop of "
                + "NDCG@k on the held-out interactions.",
                "", "Example: recxplain importance --data ml-latest-small --repeats 5 --out importance.png"})
final class ImportanceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data;

    @Option(names = "--model", paramLabel = "FAMILY", defaultValue = "fm",
            description = "A model family that reads side features (default: ${DEFAULT-VALUE}).")
    private String family;

    @Option(names = {"-P", "--param"}, paramLabel = "NAME=VALUE", description = "A model parameter, repeatable.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5",
            description = "Shuffles per group (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--cutoff", paramLabel = "K", defaultValue = "10", description = "NDCG cutoff (default: ${DEFAULT-VALUE}).")
    private int cutoff;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of each user's interactions held out (default: ${DEFAULT-VALUE}).")
    private double testFraction;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seed of the split, the "
            + "training and the shuffles (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "FILE.png", description = "Also write a bar chart of the importances.")
    private Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    private String format;

    @Override
    public Integer call() throws Exception {
        Choices.check(spec, "--format", format, List.of("text", "json"));
        Choices.atLeast(spec, "--repeats", repeats, 1);
        Choices.atLeast(spec, "--cutoff", cutoff, 1);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter status = format.equals("json") ? spec.commandLine().getErr() : o;
        Dataset d = data.load(status);
        Split split = Splitters.randomHoldout(testFraction, seed).split(d.interactions());
        Recommender model = Training.train(d.withInteractions(split.train()), new ModelSpec(family, params), seed,
                spec.commandLine().getErr()).model();
        if (!(model instanceof FeatureRecommender fr)) {
            throw new CliException("permutation importance needs a model that reads side features (fm), not '"
                    + family + "'");
        }
        ImportanceResult r = PermutationImportance.compute(fr, split.test(), PermutationImportance.allGroups(fr), cutoff,
                repeats, seed);
        if (format.equals("json")) {
            o.println(Json.write(r));
        } else {
            o.println(String.format(Locale.ROOT, "NDCG@%d on the held-out split: %.4f (%d users); drop when each "
                    + "group is shuffled, over %d repeats:", cutoff, r.baseline(), r.users(), repeats));
            r.groups().stream().sorted((a, b) -> Double.compare(b.mean(), a.mean())).forEach(g ->
                    o.println(String.format(Locale.ROOT, "  %-24s %+.4f +/- %.4f", g.label(), g.mean(), g.std())));
        }
        if (out != null) {
            ImportanceChart.writePng(r, out);
            status.println("wrote     " + out);
        }
        o.flush();
        status.flush();
        return 0;
    }
}

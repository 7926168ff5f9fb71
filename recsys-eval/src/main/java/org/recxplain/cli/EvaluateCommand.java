package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.data.split.Split;
import org.recxplain.eval.accuracy.AccuracyEvaluator;
import org.recxplain.eval.accuracy.AccuracyResult;
import org.recxplain.eval.accuracy.AccuracyTable;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.neural.NeuralModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code recxplain evaluate}: ranking accuracy of several model families side by side, on one split and seed.
 */
@Command(name = "evaluate", header = "Compare the accuracy of model families on one split.",
        sortOptions = false,
        description = {"Trains each model family on the same seeded split of the data and reports NDCG, Recall, "
                + "HR, MAP and MRR at k over the full catalogue (training items excluded), catalogue coverage, "
                + "RMSE and MAE for rating models, training time and scoring time per user.",
                "", "Example: recxplain evaluate --data ml-latest-small --models als,bpr,item-knn,pop"})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data;

    @Option(names = "--models", split = ",", paramLabel = "FAMILY", defaultValue = "als,bpr,item-knn,biased-mf,fm,pop",
            description = "Model families, comma-separated (default: ${DEFAULT-VALUE}); also mahout-item, "
                    + "mahout-alswr, librec-biased-mf, librec-bpr.")
    private List<String> families;

    @Option(names = {"-P", "--param"}, paramLabel = "FAMILY.NAME=VALUE",
            description = "A parameter of one family, repeatable: e.g. -P als.factors=32 -P bpr.epochs=50.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Mixin
    private SplitOptions split;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "10", description = "Cutoff (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json or csv (default: ${DEFAULT-VALUE}).")
    private String format;

    @Override
    public Integer call() {
        Choices.check(spec, "--format", format, List.of("text", "json", "csv"));
        Choices.atLeast(spec, "-k", k, 1);
        List<ModelSpec> specs = new ArrayList<>();
        for (String family : families) {
            Choices.check(spec, "--models", family, NeuralModels.catalog().trainableFamilies());
            specs.add(SplitOptions.familySpec(family, params));
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter status = format.equals("text") ? o : spec.commandLine().getErr();
        Dataset d = data.load(status);
        Split s = split.split(d, status);
        AccuracyEvaluator evaluator = new AccuracyEvaluator(AccuracyEvaluator.Options.defaults().withK(k));
        List<AccuracyResult> results = new ArrayList<>();
        try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), "evaluate")) {
            for (ModelSpec m : specs) {
                progress.step(results.size(), specs.size());
                results.add(evaluator.trainAndEvaluate(m.label(), d, s, train -> NeuralModels.catalog().train(m, train, split.seed)));
            }
        }
        o.print(switch (format) {
            case "json" -> AccuracyTable.json(results) + System.lineSeparator();
            case "csv" -> AccuracyTable.csv(results);
            default -> AccuracyTable.text(results);
        });
        o.flush();
        return 0;
    }
}

package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.data.split.Split;
import org.recxplain.eval.accuracy.AccuracyEvaluator;
import org.recxplain.eval.automl.AutoMl;
import org.recxplain.eval.automl.SearchSpace;
import org.recxplain.eval.automl.SelectionCriterion;
import org.recxplain.eval.metrics.RankingMetric;
import org.recxplain.model.neural.NeuralModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code recxplain automl}: seeded random search over model families and their hyper-parameters, selected
 * on a validation split carved from the training data and scored once on the test split.
 */
@Command(name = "automl", header = "Search model families and hyper-parameters, keep the best.",
        sortOptions = false,
        description = {"Seeded random search: each trial trains one configuration on the training part minus a "
                + "validation part and scores it there; the best configuration of each family is retrained on "
                + "the whole training part and scored once on the test part. Prints and saves the leaderboard, "
                + "and saves the best model.",
                "", "Example: recxplain automl --data ml-latest-small --models als,bpr,item-knn --budget 12 "
                + "--leaderboard lb.json --out best.model"})
final class AutomlCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data;

    @Option(names = "--models", split = ",", paramLabel = "FAMILY", defaultValue = "als,bpr,item-knn,biased-mf",
            description = "Families to search (default: ${DEFAULT-VALUE}).")
    private List<String> families;

    @Option(names = "--budget", paramLabel = "N", defaultValue = "12", description = "Trials in all (default: ${DEFAULT-VALUE}).")
    private int budget;

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "NDCG@10",
            description = "Selection metric, e.g. NDCG@10, Recall@10, MAP@10 (default: ${DEFAULT-VALUE}).")
    private String metric;

    @Option(names = "--spaces", paramLabel = "FILE", description = "Search spaces as JSON (default: the built-in ones).")
    private Path spaces;

    @Mixin
    private SplitOptions split;

    @Option(names = "--leaderboard", paramLabel = "FILE", description = "Save the leaderboard as JSON.")
    private Path leaderboard;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", description = "Save the best model.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Choices.atLeast(spec, "--budget", budget, 1);
        List<SearchSpace> all = spaces == null ? SearchSpace.defaults() : SearchSpace.fromJson(Files.readString(spaces));
        for (String f : families) {
            Choices.check(spec, "--models", f, all.stream().map(SearchSpace::family).toList());
        }
        List<SearchSpace> chosen = all.stream().filter(s -> families.contains(s.family())).toList();
        String k = metric.contains("@") ? metric.substring(metric.indexOf('@') + 1) : "10";
        AccuracyEvaluator evaluator;
        try {
            evaluator = new AccuracyEvaluator(AccuracyEvaluator.Options.defaults().withK(Integer.parseInt(k)));
        } catch (NumberFormatException e) {
            throw new CliException("--metric: expected a name such as NDCG@10, got '" + metric + "'");
        }
        PrintWriter o = spec.commandLine().getOut();
        Dataset d = data.load(o);
        Split s = split.split(d, o);
        AutoMl.Result r = new AutoMl(AutoMl.Options.of(budget, split.seed)
                .withCriterion(SelectionCriterion.accuracy(canonical(metric, evaluator), evaluator))).run(d, s, chosen);
        o.println(r.leaderboard().text());
        if (leaderboard != null) {
            r.leaderboard().save(leaderboard);
            o.println("wrote     " + leaderboard);
        }
        if (out != null) {
            NeuralModels.catalog().save(r.best(), out);
            o.println("saved     best model " + r.bestSpec().label() + " to " + out);
        }
        o.flush();
        return 0;
    }

    /** The evaluator's own spelling of a metric name given in any case ({@code ndcg@10} -> {@code NDCG@10}). */
    private static String canonical(String name, AccuracyEvaluator evaluator) {
        for (RankingMetric m : RankingMetric.all(evaluator.options().k())) {
            if (m.name().equalsIgnoreCase(name)) {
                return m.name();
            }
        }
        return name.equalsIgnoreCase(AccuracyEvaluator.FULL_MRR) ? AccuracyEvaluator.FULL_MRR : name;
    }
}

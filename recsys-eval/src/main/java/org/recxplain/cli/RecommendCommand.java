package org.recxplain.cli;

import org.recxplain.model.ScoredItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code recxplain recommend}: the top-k items of a user from a saved model, as text, JSON or CSV. */
@Command(name = "recommend", header = "Print a user's top-k items from a saved model.",
        sortOptions = false,
        description = {"Print a user's top-k items (excluding items already in their history).",
                "Example: recxplain recommend --model als.model --user 1 -k 10 --format json"})
final class RecommendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelUserOptions target;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "10",
            description = "Number of items (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = Choices.RecommendFormats.class,
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). JSON and CSV give "
                    + "user, item, title, score, rank.")
    private String format;

    /**
     * One recommendation as written in JSON and CSV.
     *
     * @param user  the user ID
     * @param item  the item ID
     * @param title the item's title
     * @param score the model's score
     * @param rank  1-based rank
     */
    record Row(String user, String item, String title, float score, int rank) {
    }

    @Override
    public Integer call() throws Exception {
        Choices.check(spec, "--format", format, new Choices.RecommendFormats());
        Choices.atLeast(spec, "-k", k, 1);
        LoadedModel m = target.load();
        int u = m.user(target.user);
        List<ScoredItem> recs = m.model().recommend(u, k);
        List<Row> rows = new ArrayList<>(recs.size());
        for (int r = 0; r < recs.size(); r++) {
            ScoredItem s = recs.get(r);
            rows.add(new Row(target.user, s.id(), m.model().data().itemTitle(s.item()), s.score(), r + 1));
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case "json" -> out.println(Json.write(rows));
            case "csv" -> {
                out.println("user,item,title,score,rank");
                for (Row r : rows) {
                    out.println(Csv.field(r.user()) + "," + Csv.field(r.item()) + "," + Csv.field(r.title()) + ","
                            + r.score() + "," + r.rank());
                }
            }
            default -> {
                out.println("Top " + rows.size() + " for user " + target.user + " (model " + m.model().info().id()
                        + "):");
                for (Row r : rows) {
                    out.println(String.format(Locale.ROOT, "%3d. %-48s %8s  score %.4f", r.rank(), r.title(),
                            "[" + r.item() + "]", r.score()));
                }
            }
        }
        out.flush();
        return 0;
    }
}

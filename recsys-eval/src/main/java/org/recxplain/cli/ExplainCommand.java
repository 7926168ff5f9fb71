package org.recxplain.cli;

import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.ExplanationJson;
import org.recxplain.explain.ExplanationText;
import org.recxplain.model.ScoredItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code recxplain explain}: why a saved model recommends items to a user. */
@Command(name = "explain", header = "Explain why a saved model recommends items to a user.",
        sortOptions = false,
        description = {"Explain a user's recommendations: one item with --item, otherwise each of the top-k.",
                "Example: recxplain explain --model als.model --user 1 --item 2571 --format json"})
final class ExplainCommand implements Callable<Integer> {

    /** Attributions shown per explanation in text output when --top is not given. */
    static final int TEXT_TOP = 5;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelUserOptions target;

    @Option(names = "--item", paramLabel = "ID",
            description = "Explain this item's score (any item, recommended or not). Default: the user's top-k.")
    private String item;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "5",
            description = "Without --item, how many top items to explain (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--explainer", paramLabel = "NAME", defaultValue = "neighbourhood",
            completionCandidates = ExplainerChoice.class,
            description = "Explainer: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private String explainer;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of randomised explainers (default: ${DEFAULT-VALUE}); recorded in each explanation.")
    private long seed;

    @Option(names = "--top", paramLabel = "N",
            description = "Attributions shown per explanation (default: all in JSON, " + TEXT_TOP + " in text).")
    private Integer top;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = Choices.ExplainFormats.class,
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private String format;

    @Override
    public Integer call() throws Exception {
        Choices.check(spec, "--format", format, new Choices.ExplainFormats());
        Choices.check(spec, "--explainer", explainer, new ExplainerChoice());
        Choices.atLeast(spec, "-k", k, 1);
        if (top != null) {
            Choices.atLeast(spec, "--top", top, 0);
        }
        LoadedModel m = target.load();
        int u = m.user(target.user);
        int[] items = item != null ? new int[] {m.item(item)}
                : m.model().recommend(u, k).stream().mapToInt(ScoredItem::item).toArray();
        Explainer ex = ExplainerChoice.create(explainer, m.model(), seed, m.source());
        List<Explanation> explanations = ex.explain(u, items);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(ExplanationJson.toJson(explanations, top == null ? -1 : top));
        } else {
            int n = top == null ? TEXT_TOP : top;
            for (int r = 0; r < explanations.size(); r++) {
                if (r > 0) {
                    out.println();
                }
                out.println(ExplanationText.render(explanations.get(r), n));
            }
        }
        out.flush();
        return 0;
    }
}

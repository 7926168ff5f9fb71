package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.data.io.LoadOptions;
import org.recxplain.explain.Explainer;
import org.recxplain.explain.Explanation;
import org.recxplain.explain.ExplanationText;
import org.recxplain.model.ScoredItem;
import org.recxplain.model.als.ImplicitAls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code recxplain demo}: the tour. Loads the bundled MovieLens data, trains ALS, and prints a few users' top
 * items, each with its plain-language explanation.
 */
@Command(name = "demo", header = "Train ALS on bundled MovieLens data and explain a few users' recommendations.",
        sortOptions = false, defaultValueProvider = DemoCommand.Defaults.class,
        description = {"Train implicit ALS on the bundled MovieLens ml-latest-small data and explain the top "
                + "recommendations of a few users. Takes seconds; nothing is written to disk."})
final class DemoCommand implements Callable<Integer> {

    /** The bundled data set the demo uses. */
    static final String DATA = "ml-latest-small";

    @Spec
    private CommandSpec spec;

    @Option(names = "--users", paramLabel = "ID", split = ",", defaultValue = "1,42,414",
            description = "Users to explain, comma-separated MovieLens user IDs (default: ${DEFAULT-VALUE}).")
    private List<String> users;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "5",
            description = "Recommendations per user (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--top", paramLabel = "N", defaultValue = "3",
            description = "Reasons shown per recommendation (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--implicit-threshold", paramLabel = "T", defaultValue = "3.5",
            description = "Keep ratings >= T as positive feedback (default: ${DEFAULT-VALUE} stars).")
    private float threshold;

    @Mixin
    private AlsOptions als;

    /** Demo defaults: small enough to train in seconds on two cores. */
    static final class Defaults extends AlsOptions.Defaults {
        Defaults() {
            super(ImplicitAls.Config.defaults().withFactors(32).withIterations(10));
        }
    }

    @Override
    public Integer call() {
        Choices.atLeast(spec, "-k", k, 1);
        Choices.atLeast(spec, "--top", top, 0);
        ImplicitAls.Config config = als.config();
        PrintWriter out = spec.commandLine().getOut();
        out.println("recxplain demo: why does an ALS recommender suggest these films?");
        out.println();
        Dataset data = DataOptions.load(DATA, null, LoadOptions.defaults(), threshold, out);
        int[] userIndex = new int[users.size()]; // checked before the training time is spent
        for (int i = 0; i < userIndex.length; i++) {
            userIndex[i] = LoadedModel.indexOf(data.interactions().users(), users.get(i).strip(), "user", DATA);
        }
        out.println("model     implicit ALS: " + AlsOptions.describe(config));
        out.flush();
        Training.Result<ImplicitAls> trained = Training.train(data, config, spec.commandLine().getErr());
        out.println("          trained in " + Numbers.seconds(trained.nanos()) + ", model ID "
                + trained.model().info().id());
        Explainer explainer = ExplainerChoice.create("neighbourhood", trained.model(), 0L, DATA);
        out.println("explainer " + explainer.name() + ": each score is split exactly over the user's own "
                + "past interactions");
        for (int i = 0; i < userIndex.length; i++) {
            int u = userIndex[i];
            String id = data.interactions().users().id(u);
            List<ScoredItem> recs = trained.model().recommend(u, k);
            out.println();
            out.println("User " + id + " (" + data.interactions().userDegree(u) + " liked films): top " + recs.size());
            int[] items = recs.stream().mapToInt(ScoredItem::item).toArray();
            List<Explanation> explanations = explainer.explain(u, items);
            for (int r = 0; r < explanations.size(); r++) {
                out.println();
                out.println(indent(ExplanationText.render(explanations.get(r), top), (r + 1) + ". "));
            }
            out.flush();
        }
        out.println();
        out.println("Next: recxplain train --data " + DATA + " --out als.model, then recxplain explain "
                + "--model als.model --user 1 (see recxplain --help).");
        out.flush();
        return 0;
    }

    /** Prefixes the first line with {@code first} and indents the rest to match. */
    static String indent(String text, String first) {
        String pad = " ".repeat(first.length());
        return first + text.strip().replace("\n", "\n" + pad);
    }
}

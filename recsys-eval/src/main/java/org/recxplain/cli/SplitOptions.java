package org.recxplain.cli;

import org.recxplain.data.Dataset;
import org.recxplain.data.split.Split;
import org.recxplain.data.split.Splitter;
import org.recxplain.data.split.Splitters;
import org.recxplain.model.ModelSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Options shared by the commands that split the data into training and test parts, and train by family. */
final class SplitOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--split", paramLabel = "RULE", defaultValue = "random",
            description = "How to hold out test data: random (per user, --test-fraction), last (each user's "
                    + "latest interaction) or temporal (a global time cutoff) (default: ${DEFAULT-VALUE}).")
    String rule;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share held out by the random and temporal rules (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the split and of training (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Splits the data by the chosen rule and says how on {@code out}. */
    Split split(Dataset data, PrintWriter out) {
        Choices.check(mixee, "--split", rule, List.of("random", "last", "temporal"));
        Splitter splitter = switch (rule) {
            case "last" -> Splitters.leaveLastOut(1);
            case "temporal" -> Splitters.temporal(testFraction);
            default -> Splitters.randomHoldout(testFraction, seed);
        };
        Split s = splitter.split(data.interactions());
        out.println(String.format(Locale.ROOT, "split     %s: %s training and %s test interactions (seed %d)", rule,
                Numbers.count(s.train().size()), Numbers.count(s.test().size()), seed));
        out.flush();
        return s;
    }

    /** The spec of {@code family} with the {@code FAMILY.NAME=VALUE} parameters that name it. */
    static ModelSpec familySpec(String family, Map<String, String> params) {
        Map<String, String> own = new TreeMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith(family + ".")) {
                own.put(key.substring(family.length() + 1), value);
            }
        });
        return new ModelSpec(family, own);
    }
}

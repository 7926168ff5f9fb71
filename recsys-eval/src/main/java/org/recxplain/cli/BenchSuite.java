package org.recxplain.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The suites of {@code recxplain bench}, in the order they run. Each measures one group of the project's
 * performance targets on ml-latest-small and returns a {@link BenchSuiteResult}. Stateless.
 */
enum BenchSuite {
    /** ALS training time and the exact neighbourhood explanation, warm and cold. */
    ALS(100, "ALS training and exact neighbourhood explanations", BenchAls::run),
    /** Exact ALS removal attributions of a whole history, and the minimal counterfactual set. */
    REMOVAL(100, "exact ALS removal attributions and minimal counterfactual sets", BenchRemoval::run),
    /** BPR-MF training and influence-function explanations. */
    BPR(100, "BPR-MF training and influence explanations", BenchBpr::run),
    /** LIME on a factorisation machine and LIME-RS on ALS. */
    LIME(100, "LIME on a factorisation machine, LIME-RS on ALS", BenchLime::run),
    /** Stabilised against vanilla LIME across seeds. */
    STABILITY(10, "stabilised vs vanilla LIME across seeds", BenchStability::run);

    /** The name that selects every suite. */
    static final String ALL = "all";

    private final int defaultUsers;
    private final String title;
    private final Function<BenchContext, BenchSuiteResult> runner;

    BenchSuite(int defaultUsers, String title, Function<BenchContext, BenchSuiteResult> runner) {
        this.defaultUsers = defaultUsers;
        this.title = title;
        this.runner = runner;
    }

    /** The name on the command line and in the JSON: {@code als}, {@code removal}, ... */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Users sampled when {@code --users} is not given. */
    int defaultUsers() {
        return defaultUsers;
    }

    /** One line saying what the suite measures. */
    String title() {
        return title;
    }

    /** Runs the suite. */
    BenchSuiteResult run(BenchContext context) {
        return runner.apply(context);
    }

    /**
     * The suites named by {@code names} (each a suite's label or {@link #ALL}), without repeats, in the order
     * they run (the declaration order: a model trained by an earlier suite is reused by the later ones).
     *
     * @throws picocli.CommandLine.ParameterException naming {@code --suite}, the bad value and the known names
     */
    static List<BenchSuite> parse(CommandSpec spec, List<String> names) {
        EnumSet<BenchSuite> chosen = EnumSet.noneOf(BenchSuite.class);
        for (String raw : names) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            Choices.check(spec, "--suite", name, new Names());
            if (name.equals(ALL)) {
                chosen.addAll(EnumSet.allOf(BenchSuite.class));
            } else {
                chosen.add(valueOf(name.toUpperCase(Locale.ROOT)));
            }
        }
        return List.copyOf(chosen);
    }

    /** The accepted names of {@code --suite}, as its completion candidates. */
    static final class Names extends ArrayList<String> {
        Names() {
            for (BenchSuite s : values()) {
                add(s.label());
            }
            add(ALL);
        }
    }
}

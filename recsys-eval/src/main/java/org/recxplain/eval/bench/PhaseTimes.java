package org.recxplain.eval.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a benchmark's CPU time goes: per explainer and per {@link Phase}, the CPU time of the threads that ran
 * it (from {@link ThreadMXBean#getCurrentThreadCpuTime()}, wall time where the JVM cannot measure thread CPU
 * time). The runner writes it as {@code timings.csv}; it is a diagnostic, separate from the results, which
 * never depend on timing.
 *
 * <p>Thread-safety: {@link #add} may be called from any thread.
 */
public final class PhaseTimes {
    /** The measured phases of a cell. */
    public enum Phase {
        /** Training the models of the grid (once per model and seed). */
        TRAIN,
        /** Preparing a target: the top-1 item and shared per-user state. */
        PREPARE,
        /** The measured explanation. */
        EXPLAIN,
        /** Removal curves, most and least important first. */
        CURVES,
        /** Removal effects of the top attributions, one at a time. */
        REMOVAL_PAIRS,
        /** The explanation with another explainer seed. */
        SEED_STABILITY,
        /** The explanation after a one-interaction perturbation. */
        PERTURBATION,
        /** The explanation on the model trained with the next seed. */
        RETRAIN_STABILITY,
        /** PN/PS of feature explanations. */
        FEATURE_CHECKS,
        /** Whole-model retrains checking influence and counterfactuals. */
        RETRAIN_CHECKS
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported();

    private final Map<String, EnumMap<Phase, LongAdder>> byExplainer = new ConcurrentHashMap<>();

    /** The current thread's CPU time in nanoseconds (wall time if unsupported), a start for {@link #add}. */
    public static long now() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /**
     * The whole process's CPU time in nanoseconds (wall time if unsupported): a start for {@link #add} around
     * sequential work that runs its own thread pool (training).
     */
    public static long processNow() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0 ? os.getProcessCpuTime() : System.nanoTime();
    }

    /** Adds the process CPU time since {@code start} (from {@link #processNow()}) to a phase. */
    public void addProcess(String explainer, Phase phase, long start) {
        record(explainer, phase, processNow() - start);
    }

    /** Adds the time since {@code start} (from {@link #now()} on this thread) to a phase; returns now. */
    public long add(String explainer, Phase phase, long start) {
        long t = now();
        record(explainer, phase, t - start);
        return t;
    }

    private void record(String explainer, Phase phase, long nanos) {
        byExplainer.computeIfAbsent(explainer, x -> {
            EnumMap<Phase, LongAdder> m = new EnumMap<>(Phase.class);
            for (Phase p : Phase.values()) {
                m.put(p, new LongAdder());
            }
            return m;
        }).get(phase).add(nanos);
    }

    /** Seconds per explainer and phase, explainers in the order first seen. */
    public Map<String, Map<Phase, Double>> seconds() {
        Map<String, Map<Phase, Double>> out = new LinkedHashMap<>();
        byExplainer.forEach((x, m) -> {
            Map<Phase, Double> s = new EnumMap<>(Phase.class);
            m.forEach((p, v) -> s.put(p, v.sum() / 1e9));
            out.put(x, s);
        });
        return out;
    }

    /** The total over every explainer and phase, in seconds. */
    public double total() {
        return byExplainer.values().stream().flatMap(m -> m.values().stream()).mapToLong(LongAdder::sum).sum() / 1e9;
    }

    /** A CSV table: explainer, then one column per phase, then the total (seconds of CPU). */
    public String csv() {
        StringBuilder b = new StringBuilder("explainer");
        for (Phase p : Phase.values()) {
            b.append(',').append(p.name().toLowerCase(Locale.ROOT));
        }
        b.append(",total\n");
        seconds().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            b.append(e.getKey());
            double sum = 0;
            for (Phase p : Phase.values()) {
                double v = e.getValue().get(p);
                sum += v;
                b.append(',').append(String.format(Locale.ROOT, "%.2f", v));
            }
            b.append(',').append(String.format(Locale.ROOT, "%.2f", sum)).append('\n');
        });
        return b.toString();
    }
}

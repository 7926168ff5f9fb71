package org.recxplain.model.neural;

import org.recxplain.data.Dataset;
import org.recxplain.data.io.DataSources;
import org.recxplain.data.split.Split;
import org.recxplain.data.split.Splitter;
import org.recxplain.data.split.Splitters;
import org.recxplain.model.Popularity;
import org.recxplain.model.Recommender;
import org.recxplain.model.als.ImplicitAls;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark of NeuMF against implicit ALS and popularity on a bundled data set: NDCG@10 and HR@10 over the
 * full catalogue (training items excluded), training time, and the latency of scoring every item for one
 * user. Run it with the module's runtime classpath:
 * <pre>
 *   mvn -q -o -pl recsys-neural -am compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp recsys-neural/target/classes:$(cat /tmp/cp.txt) org.recxplain.model.neural.NeuMfBench \
 *        [data=ml-latest-small] [split=last|random] [epochs=10] [threads=2] [seed=42] [NeuMF parameter=value...]
 * </pre>
 * NeuMF parameters are those of {@link NeuMf.Config#of} ({@code gmfFactors=32 hidden=64-32-16}, ...).
 * {@code split=last} is leave-last-out (each user's latest interaction is the test item); {@code random}
 * holds out 20% of each user's interactions. {@code threads} sets PyTorch's intra-op threads and ALS's
 * worker threads. Results go to standard output as one table.
 */
public final class NeuMfBench {
    private NeuMfBench() {
    }

    public static void main(String[] args) {
        String dataName = "ml-latest-small";
        String splitName = "last";
        int epochs = 10;
        int threads = 2;
        long seed = 42;
        java.util.Map<String, String> neumf = new java.util.TreeMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("arguments are name=value, got '" + a + "'");
            }
            switch (kv[0]) {
                case "data" -> dataName = kv[1];
                case "split" -> splitName = kv[1];
                case "epochs" -> epochs = Integer.parseInt(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "seed" -> seed = Long.parseLong(kv[1]);
                default -> {
                    if (!NeuMf.Config.PARAMETERS.contains(kv[0])) {
                        throw new IllegalArgumentException("unknown argument '" + kv[0] + "'; known: data, split,"
                                + " epochs, threads, seed and the NeuMF parameters " + NeuMf.Config.PARAMETERS);
                    }
                    neumf.put(kv[0], kv[1]);
                }
            }
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        PrintStream out = System.out;
        Dataset data = DataSources.bundled(dataName);
        Splitter splitter = switch (splitName) {
            case "last" -> Splitters.leaveLastOut(1);
            case "random" -> Splitters.randomHoldout(0.2, seed);
            default -> throw new IllegalArgumentException("split must be last or random, got '" + splitName + "'");
        };
        Split split = splitter.split(data.interactions());
        Dataset train = data.withInteractions(split.train());
        out.printf(Locale.ROOT, "%s: %d users, %d items, %d train / %d test interactions, split %s, %d threads%n",
                dataName, data.interactions().numUsers(), data.interactions().numItems(), split.train().size(),
                split.test().size(), splitter, threads);
        out.printf(Locale.ROOT, "PyTorch loaded from %s%n", NeuralEngine.libraryDirectory());

        long t = System.nanoTime();
        Recommender pop = Popularity.train(train);
        report(out, "popularity", pop, split, System.nanoTime() - t);

        t = System.nanoTime();
        Recommender als = ImplicitAls.train(train, ImplicitAls.Config.defaults().withSeed(seed).withThreads(threads));
        report(out, "implicit ALS (k=64, 15 it.)", als, split, System.nanoTime() - t);

        neumf.put("epochs", Integer.toString(epochs));
        NeuMf.Config config = NeuMf.Config.of(new org.recxplain.model.ModelSpec(NeuMf.FAMILY, neumf), seed);
        t = System.nanoTime();
        try (NeuMf model = NeuMf.train(train, config)) {
            long trainNanos = System.nanoTime() - t;
            report(out, "NeuMF (" + config.hiddenLabel() + ", " + epochs + " epochs)", model, split, trainNanos);
            out.printf(Locale.ROOT, "NeuMF configuration: %s%n", model.info().config());
            latency(out, model, seed);
            foldInLatency(out, model, seed);
        }
    }

    private static void report(PrintStream out, String name, Recommender model, Split split, long trainNanos) {
        HoldoutMetrics.Result r = HoldoutMetrics.evaluate(model, split.train(), split.test(), 10);
        out.printf(Locale.ROOT, "%-34s NDCG@10 %.4f  HR@10 %.4f  (%d test users)  train %.1f s%n", name, r.ndcg(),
                r.hitRate(), r.users(), trainNanos / 1e9);
    }

    /** p50 and p90 of scoreAll for random users, after a warm-up. */
    private static void latency(PrintStream out, Recommender model, long seed) {
        int users = model.data().interactions().numUsers();
        float[] scores = new float[model.numItems()];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int w = 0; w < 200; w++) {
            model.scoreAll(rnd.nextInt(users), scores);
        }
        long[] nanos = new long[1000];
        for (int r = 0; r < nanos.length; r++) {
            int u = rnd.nextInt(users);
            long t = System.nanoTime();
            model.scoreAll(u, scores);
            nanos[r] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        out.printf(Locale.ROOT, "scoreAll (%d items): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms over %d calls%n",
                model.numItems(), nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6,
                nanos[nanos.length * 99 / 100] / 1e6, nanos.length);
    }

    /** p50 of a fold-in and folded scoring of one user's training history without its first item. */
    private static void foldInLatency(PrintStream out, NeuMf model, long seed) {
        int users = model.data().interactions().numUsers();
        float[] scores = new float[model.numItems()];
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        long[] nanos = new long[50];
        for (int r = -10; r < nanos.length; r++) {
            int u = rnd.nextInt(users);
            var history = model.data().interactions().userRow(u);
            var reduced = history.size() > 1 ? history.without(history.indices()[0]) : history;
            long t = System.nanoTime();
            model.scoreAllFolded(u, reduced, scores);
            if (r >= 0) {
                nanos[r] = System.nanoTime() - t;
            }
        }
        Arrays.sort(nanos);
        out.printf(Locale.ROOT, "scoreAllFolded (at most %d Newton iterations): p50 %.1f ms, p90 %.1f ms over %d calls%n",
                model.config().foldInIterations(), nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6,
                nanos.length);
    }
}

package org.recxplain.model;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Chunked parallel loops over {@code 0..n-1} on a pool of a chosen size. Each chunk is a contiguous range
 * handled by one thread, so per-chunk scratch arrays are allocated once per chunk; as long as the body
 * writes only to its own indices, results do not depend on the number of threads. Stateless.
 */
public final class Parallel {
    private Parallel() {
    }

    /** The body of a chunk: handles indices {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    public interface Chunk {
        void run(int from, int to);
    }

    /** Runs {@code body} over {@code 0..n-1} in chunks of {@code chunk} on {@code pool}, and waits. */
    public static void forChunks(ForkJoinPool pool, int n, int chunk, Chunk body) {
        int chunks = (n + chunk - 1) / chunk;
        pool.submit(() -> IntStream.range(0, chunks).parallel()
                .forEach(c -> body.run(c * chunk, Math.min(n, (c + 1) * chunk)))).join();
    }

    /** As {@link #forChunks(ForkJoinPool, int, int, Chunk)} on a new pool of {@code threads}, shut down after. */
    public static void forChunks(int threads, int n, int chunk, Chunk body) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            forChunks(pool, n, chunk, body);
        } finally {
            pool.shutdown();
        }
    }
}

package org.recxplain.model;

import java.util.Arrays;

/**
 * Ranking utilities over a dense score array. Ties are broken by the lower item index, so rankings are
 * deterministic. Stateless and thread-safe.
 */
public final class Rankings {
    private Rankings() {
    }

    /**
     * Indices of the {@code k} highest scores, best first, skipping the items in {@code excluded}
     * (ascending item indices, such as a user's history) and NaN scores.
     */
    public static int[] topK(float[] scores, int k, int[] excluded) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        int n = scores.length;
        // a bounded min-heap of candidates, ordered worst-first
        int[] heap = new int[Math.min(k, n)];
        int size = 0;
        int ex = 0;
        for (int i = 0; i < n; i++) {
            while (ex < excluded.length && excluded[ex] < i) {
                ex++;
            }
            if ((ex < excluded.length && excluded[ex] == i) || Float.isNaN(scores[i]) || heap.length == 0) {
                continue;
            }
            if (size < heap.length) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] out = Arrays.copyOf(heap, size);
        for (int end = size - 1; end > 0; end--) {
            int worst = heap[0];
            heap[0] = heap[end];
            siftDown(heap, end, scores);
            out[end] = worst;
        }
        if (size > 0) {
            out[0] = heap[0];
        }
        return out;
    }

    /**
     * The 1-based rank of {@code item} among all items not in {@code excluded} (ascending indices), with
     * the same tie rule as {@link #topK}. An excluded item gets the rank it would have if it were not.
     */
    public static int rankOf(float[] scores, int item, int[] excluded) {
        int rank = 1;
        int ex = 0;
        for (int i = 0; i < scores.length; i++) {
            while (ex < excluded.length && excluded[ex] < i) {
                ex++;
            }
            if (i == item || (ex < excluded.length && excluded[ex] == i)) {
                continue;
            }
            if (better(i, item, scores)) {
                rank++;
            }
        }
        return rank;
    }

    /** Whether item a ranks before item b. */
    static boolean better(int a, int b, float[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b) || (Float.isNaN(s[b]) && !Float.isNaN(s[a]));
    }

    private static void siftUp(int[] h, int pos, float[] s) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(h[parent], h[pos], s)) {
                break;
            }
            int t = h[parent];
            h[parent] = h[pos];
            h[pos] = t;
            pos = parent;
        }
    }

    private static void siftDown(int[] h, int size, float[] s) {
        int pos = 0;
        while (true) {
            int l = 2 * pos + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            if (l + 1 < size && better(h[l], h[l + 1], s)) {
                worst = l + 1;
            }
            if (!better(h[pos], h[worst], s)) {
                return;
            }
            int t = h[pos];
            h[pos] = h[worst];
            h[worst] = t;
            pos = worst;
        }
    }
}

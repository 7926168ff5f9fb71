package org.recxplain.model.peers;

import org.recxplain.model.Rankings;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares our top-k with a library's own list, allowing only what equal scores allow: the libraries break
 * ties their own way. Both lists must have the same scores, position by position; each item the library
 * lists must have that score in our scores; and the items strictly above the k-th score must be the same.
 * A library may list fewer than k items (when it has fewer estimates); then only as many of ours are
 * compared, and ours beyond them must be unscorable (negative infinity).
 */
final class TopKAssert {
    private TopKAssert() {
    }

    static void assertSameTopK(String who, float[] scores, int[] excluded, int k, int[] theirItems,
                               float[] theirValues) {
        int[] ours = Rankings.topK(scores, k, excluded);
        int n = theirItems.length;
        for (int p = n; p < ours.length; p++) {
            assertEquals(Float.NEGATIVE_INFINITY, scores[ours[p]], who + ": we rank item " + ours[p]
                    + " at " + (p + 1) + " but the library lists only " + n);
        }
        float[] ourValues = new float[n];
        for (int p = 0; p < n; p++) {
            ourValues[p] = scores[ours[p]];
            assertEquals(theirValues[p], scores[theirItems[p]], who + ": score of the library's item "
                    + theirItems[p] + " at " + (p + 1));
        }
        float[] sortedTheirs = theirValues.clone();
        Arrays.sort(sortedTheirs);
        for (int p = 0; p < n; p++) {
            assertEquals(sortedTheirs[n - 1 - p], ourValues[p], who + ": score at position " + (p + 1));
        }
        if (n > 0) {
            float kth = ourValues[n - 1];
            assertEquals(above(ours, scores, kth, n), above(theirItems, scores, kth, n), who + ": items above "
                    + kth);
        }
    }

    private static Set<Integer> above(int[] items, float[] scores, float threshold, int n) {
        Set<Integer> s = new TreeSet<>();
        for (int p = 0; p < n; p++) {
            if (scores[items[p]] > threshold) {
                s.add(items[p]);
            }
        }
        return s;
    }
}

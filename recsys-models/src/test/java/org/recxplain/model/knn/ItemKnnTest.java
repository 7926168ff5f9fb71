package org.recxplain.model.knn;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.Popularity;
import org.recxplain.model.Rankings;
import org.recxplain.model.knn.ItemKnn.Similarity;
import org.recxplain.model.testing.Holdout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ItemKnnTest {
    static final ItemKnn.Config SMALL = ItemKnn.Config.defaults().withNeighbours(30).withThreads(2);

    @Test
    void clearlyBeatsPopularityOnPlantedData() {
        Holdout.Parts split = Holdout.leaveLastOut(new SyntheticData(600, 400, 10, 2, 30, 0.05, 3).generate().dataset());
        double popHr = Holdout.hitRate(Popularity.train(split.train()), split.test().interactions(), 10);
        // adjusted cosine is left out: it measures agreement of ratings around the user's mean, not
        // co-occurrence, and the planted ratings (4-5 for every liked item) carry little of that
        for (ItemKnn.Config c : List.of(SMALL, SMALL.withBinary(true), SMALL.withShrinkage(5))) {
            double hr = Holdout.hitRate(ItemKnn.train(split.train(), c), split.test().interactions(), 10);
            org.slf4j.LoggerFactory.getLogger(ItemKnnTest.class).info("{}: HR@10 {} vs popularity {}", c, hr, popHr);
            assertTrue(hr > 1.5 * popHr && hr - popHr > 0.1, c + ": HR@10 " + hr + " should clearly beat popularity " + popHr);
        }
    }

    @Test
    void contributionsSumToTheScoreOfEveryTopItem() {
        Dataset data = SyntheticData.small(7).generate().dataset();
        for (ItemKnn.Config c : List.of(SMALL, SMALL.withSimilarity(Similarity.ADJUSTED_COSINE).withShrinkage(2))) {
            ItemKnn knn = ItemKnn.train(data, c);
            float[] scores = new float[knn.numItems()];
            int checked = 0;
            for (int u = 0; u < data.interactions().numUsers(); u += 3) {
                knn.scoreAll(u, scores);
                Row h = data.interactions().userRow(u);
                for (int i : Rankings.topK(scores, 10, h.indices())) {
                    double[] terms = knn.contributions(u, i);
                    assertEquals(h.size(), terms.length);
                    double sum = Arrays.stream(terms).sum();
                    double score = knn.score(u, i);
                    assertEquals(score, sum, 1e-9 * Math.abs(score), "user " + u + " item " + i);
                    assertEquals((float) score, scores[i], "scoreAll rounds the double score");
                    assertTrue(score > 0);
                    checked++;
                }
            }
            assertTrue(checked > 500, "checked " + checked);
        }
    }

    /** A tiny rating matrix with two identical item columns (6 and 7), so that neighbour ties occur. */
    static Dataset tiny() {
        SplittableRandom rnd = new SplittableRandom(17);
        InteractionsBuilder b = new InteractionsBuilder();
        for (int u = 0; u < 14; u++) {
            for (int i = 0; i < 6; i++) {
                if (rnd.nextDouble() < 0.55) {
                    b.add(u, i, 1 + rnd.nextInt(5), u * 10L + i);
                }
            }
            if (u % 3 != 1) {
                float r = 1 + rnd.nextInt(5);
                b.add(u, 6, r, u * 10L + 6);
                b.add(u, 7, r, u * 10L + 7);
            }
        }
        b.addItem("8"); // an item nobody rated
        return Dataset.of("tiny", b.build());
    }

    /** The definition, computed naively: dense columns, every pair, full sort. */
    static double[][] naiveNeighbourSimilarities(Interactions x, ItemKnn.Config c) {
        int nu = x.numUsers();
        int ni = x.numItems();
        double[][] a = new double[nu][ni];
        boolean[][] seen = new boolean[nu][ni];
        for (int u = 0; u < nu; u++) {
            Row r = x.userRow(u);
            double sum = 0;
            for (int p = 0; p < r.size(); p++) {
                sum += c.binary() ? 1 : r.values()[p];
            }
            double mean = r.size() > 0 ? sum / r.size() : 0;
            for (int p = 0; p < r.size(); p++) {
                seen[u][r.indices()[p]] = true;
                a[u][r.indices()[p]] = (c.binary() ? 1 : r.values()[p])
                        - (c.similarity() == Similarity.ADJUSTED_COSINE ? mean : 0);
            }
        }
        double[][] out = new double[ni][ni];
        for (int i = 0; i < ni; i++) {
            List<double[]> candidates = new ArrayList<>();
            for (int j = 0; j < ni; j++) {
                double dot = 0;
                double ni2 = 0;
                double nj2 = 0;
                for (int u = 0; u < nu; u++) {
                    dot += a[u][i] * a[u][j];
                    ni2 += a[u][i] * a[u][i];
                    nj2 += a[u][j] * a[u][j];
                }
                double s = dot / (Math.sqrt(ni2) * Math.sqrt(nj2) + c.shrinkage());
                if (j != i && s > 0) {
                    candidates.add(new double[] {s, j});
                }
            }
            candidates.sort(Comparator.<double[]>comparingDouble(e -> -e[0]).thenComparingDouble(e -> e[1]));
            for (double[] e : candidates.subList(0, Math.min(c.neighbours(), candidates.size()))) {
                out[i][(int) e[1]] = e[0];
            }
        }
        return out;
    }

    @Test
    void matchesNaiveSimilaritiesNeighbourhoodsAndScoresOnTinyData() {
        Dataset data = tiny();
        Interactions x = data.interactions();
        for (ItemKnn.Config c : List.of(SMALL.withNeighbours(3), SMALL.withNeighbours(4).withShrinkage(1.5),
                SMALL.withNeighbours(3).withBinary(true), SMALL.withSimilarity(Similarity.ADJUSTED_COSINE).withNeighbours(2),
                SMALL.withNeighbours(50))) {
            ItemKnn knn = ItemKnn.train(data, c);
            double[][] naive = naiveNeighbourSimilarities(x, c);
            for (int i = 0; i < x.numItems(); i++) {
                double[] row = naive[i];
                int[] expected = java.util.stream.IntStream.range(0, x.numItems()).filter(j -> row[j] > 0).toArray();
                assertArrayEquals(expected, knn.neighbours(i), c + ": neighbours of " + i);
                for (int j = 0; j < x.numItems(); j++) {
                    assertEquals(naive[i][j], knn.similarity(i, j), 1e-12, c + ": sim(" + i + "," + j + ")");
                }
            }
            float[] scores = new float[x.numItems()];
            for (int u = 0; u < x.numUsers(); u++) {
                knn.scoreAll(u, scores);
                Row h = x.userRow(u);
                for (int i = 0; i < x.numItems(); i++) {
                    double s = 0;
                    for (int p = 0; p < h.size(); p++) {
                        s += naive[i][h.indices()[p]] * (c.binary() ? 1 : h.values()[p]);
                    }
                    assertEquals(s, knn.score(u, i), 1e-12, c + ": score(" + u + "," + i + ")");
                    assertEquals(s, scores[i], 1e-5 * (1 + Math.abs(s)));
                }
            }
        }
    }

    @Test
    void tiesGoToTheLowerItemIndex() {
        ItemKnn knn = ItemKnn.train(tiny(), SMALL.withNeighbours(1));
        // items 6 and 7 have identical columns: they tie for every item, and 6 must always win
        int ties = 0;
        for (int i = 0; i < 6; i++) {
            int[] best = knn.neighbours(i);
            assertTrue(best.length == 0 || best[0] != 7, "item " + i + " took 7 over its twin 6");
            ties += best.length == 1 && best[0] == 6 ? 1 : 0;
        }
        assertTrue(ties > 0, "the tiny data should put the tied pair on top for some item");
        assertArrayEquals(new int[] {7}, knn.neighbours(6));
        assertArrayEquals(new int[] {6}, knn.neighbours(7));
        assertEquals(0, knn.neighbours(8).length, "an item without interactions has no neighbours");
    }

    @Test
    void resultDoesNotDependOnThreads() {
        Dataset data = SyntheticData.small(11).generate().dataset();
        ItemKnn one = ItemKnn.train(data, SMALL.withThreads(1).withShrinkage(1));
        ItemKnn three = ItemKnn.train(data, SMALL.withThreads(3).withShrinkage(1));
        for (int i = 0; i < one.numItems(); i++) {
            assertArrayEquals(one.neighbours(i), three.neighbours(i));
            assertArrayEquals(one.neighbourSimilarities(i), three.neighbourSimilarities(i));
        }
        assertEquals(one.info(), three.info());
        assertNotEquals(one.info().fingerprint(), ItemKnn.train(data, SMALL.withNeighbours(10)).info().fingerprint());
    }

    @Test
    void foldInScoresAnyHistoryExactly() {
        Dataset data = SyntheticData.small(5).generate().dataset();
        ItemKnn knn = ItemKnn.train(data, SMALL);
        float[] stored = new float[knn.numItems()];
        float[] folded = new float[knn.numItems()];
        for (int u = 0; u < data.interactions().numUsers(); u += 11) {
            Row h = data.interactions().userRow(u);
            knn.scoreAll(u, stored);
            knn.scoreAllFolded(u, h, folded);
            assertArrayEquals(stored, folded);
            int top = Rankings.topK(stored, 1, h.indices())[0];
            int removedAt = 0;
            double[] terms = knn.contributions(u, top);
            for (int p = 1; p < terms.length; p++) {
                removedAt = terms[p] > terms[removedAt] ? p : removedAt;
            }
            Row reduced = h.without(h.indices()[removedAt]);
            knn.scoreAllFolded(u, reduced, folded);
            double expected = knn.score(u, top) - terms[removedAt];
            assertEquals(expected, knn.score(reduced, top), 1e-12);
            assertEquals((float) knn.score(reduced, top), folded[top]);
        }
        assertThrows(IndexOutOfBoundsException.class,
                () -> knn.scoreAllFolded(0, new Row(new int[] {knn.numItems()}, new float[] {1}, null), folded));
    }

    @Test
    void rejectsBadConfig() {
        assertThrows(IllegalArgumentException.class, () -> SMALL.withNeighbours(0));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withShrinkage(-1));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withShrinkage(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withThreads(0));
        assertThrows(NullPointerException.class, () -> SMALL.withSimilarity(null));
        var e = assertThrows(IllegalArgumentException.class,
                () -> SMALL.withSimilarity(Similarity.ADJUSTED_COSINE).withBinary(true));
        assertTrue(e.getMessage().contains("binary"), e.getMessage());
        assertEquals("item-knn", ItemKnn.train(tiny(), SMALL).info().family());
    }
}

package org.recxplain.data;

import org.junit.jupiter.api.Test;
import org.recxplain.data.synth.SyntheticData;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The synthetic generator against its documented contract and planted truth. The 10-million-interaction
 * scale (100 000 users x 100) belongs in a benchmark; here one million rows are generated.
 */
class SyntheticDataTest {

    private static void assertSameData(Dataset a, Dataset b) {
        Interactions x = a.interactions();
        Interactions y = b.interactions();
        assertEquals(x.users(), y.users());
        assertEquals(x.items(), y.items());
        assertEquals(x.size(), y.size());
        for (int u = 0; u < x.numUsers(); u++) {
            assertEquals(x.userRow(u), y.userRow(u), "user " + u);
        }
        for (int i = 0; i < x.numItems(); i++) {
            assertEquals(a.itemFeatures().of(i), b.itemFeatures().of(i));
            assertEquals(a.itemFeatures().labels(i), b.itemFeatures().labels(i));
        }
        assertEquals(a.itemTitles(), b.itemTitles());
        assertEquals(a.report(), b.report());
    }

    @Test
    void sameSeedGivesIdenticalData() {
        SyntheticData.Planted a = SyntheticData.small(11).generate();
        SyntheticData.Planted b = SyntheticData.small(11).generate();
        assertSameData(a.dataset(), b.dataset());
        assertArrayEquals(a.itemGenre(), b.itemGenre());
        assertTrue(Arrays.deepEquals(a.userTastes(), b.userTastes()));
    }

    @Test
    void differentSeedGivesDifferentData() {
        Interactions a = SyntheticData.small(11).generate().dataset().interactions();
        Interactions b = SyntheticData.small(12).generate().dataset().interactions();
        int differing = 0;
        for (int u = 0; u < a.numUsers(); u++) {
            if (!a.userRow(u).equals(b.userRow(u))) {
                differing++;
            }
        }
        assertTrue(differing > a.numUsers() * 9 / 10, differing + " of " + a.numUsers() + " users differ");
    }

    @Test
    void plantedStructureHolds() {
        SyntheticData cfg = new SyntheticData(400, 300, 10, 2, 30, 0.1, 5);
        SyntheticData.Planted p = cfg.generate();
        Dataset d = p.dataset();
        Interactions x = d.interactions();
        assertEquals(cfg.users(), x.numUsers());
        assertEquals(cfg.items(), x.numItems());
        assertTrue(x.hasTimestamps());
        long high = 0;
        long highLiked = 0;
        long liked = 0;
        for (int u = 0; u < x.numUsers(); u++) {
            int[] tastes = p.userTastes()[u];
            assertEquals(cfg.tastesPerUser(), tastes.length);
            assertEquals(tastes.length, Arrays.stream(tastes).distinct().count(), "tastes of user " + u);
            assertTrue(Arrays.stream(tastes).allMatch(g -> g >= 0 && g < cfg.genres()));
            Row r = x.userRow(u);
            // before duplicates merge a user draws between mean/2 and 1.5 mean interactions
            assertTrue(r.size() >= 1 && r.size() <= cfg.meanPerUser() * 3 / 2, "user " + u + ": " + r.size());
            assertEquals(r.size(), Arrays.stream(r.timestamps()).distinct().count(), "timestamps of user " + u);
            for (int q = 0; q < r.size(); q++) {
                float v = r.values()[q];
                assertTrue(v == 1 || v == 2 || v == 3 || v == 4 || v == 5, "rating " + v);
                boolean likes = p.likes(u, r.indices()[q]);
                liked += likes ? 1 : 0;
                if (v >= 4) {
                    high++;
                    highLiked += likes ? 1 : 0;
                }
            }
        }
        assertTrue(highLiked >= 0.85 * high, highLiked + " of " + high + " high ratings in the user's tastes");
        // with 10% noise and 2 of 10 genres liked, about 92% of draws hit a taste; merging repeats lowers it
        assertTrue(liked >= 0.85 * x.size(), liked + " of " + x.size() + " interactions in the user's tastes");
        // the side feature is the planted genre
        for (int i = 0; i < x.numItems(); i++) {
            assertEquals(java.util.List.of("genre=g" + p.itemGenre()[i]), d.itemFeatures().labels(i));
            assertTrue(d.itemTitle(i).contains("g" + p.itemGenre()[i]));
        }
        assertEquals(FeatureKind.MULTI_VALUED, d.itemFeatures().dictionary().kind(0));
        assertEquals(0, d.userFeatures().numFeatures());
        // nothing lost silently: every generated row is either kept or counted as a merged duplicate
        assertEquals(d.report().rowsRead(), x.size() + d.report().duplicates());
    }

    @Test
    void popularityIsSkewedWithinAGenre() {
        // Zipf-like popularity: in each genre the first member is drawn far more often than the last
        SyntheticData.Planted p = new SyntheticData(2000, 200, 4, 1, 20, 0.0, 9).generate();
        Interactions x = p.dataset().interactions();
        for (int g = 0; g < 4; g++) {
            int first = g;
            int last = g + 4 * (200 / 4 - 1);
            assertTrue(x.itemDegree(first) > 5 * x.itemDegree(last),
                    "genre " + g + ": " + x.itemDegree(first) + " vs " + x.itemDegree(last));
        }
    }

    @Test
    void generatesAMillionRows() {
        SyntheticData cfg = new SyntheticData(10_000, 5_000, 20, 3, 100, 0.1, 3);
        Dataset d = cfg.generate().dataset();
        Interactions x = d.interactions();
        assertTrue(d.report().rowsRead() > 950_000, d.report().summary());
        assertEquals(d.report().rowsRead(), x.size() + d.report().duplicates());
        long sum = 0;
        for (int u = 0; u < x.numUsers(); u++) {
            sum += x.userDegree(u);
        }
        assertEquals(x.size(), sum);
    }

    @Test
    void rejectsInvalidConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticData(0, 10, 2, 1, 5, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticData(10, 10, 11, 1, 5, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticData(10, 10, 2, 3, 5, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticData(10, 10, 2, 1, 5, 1.5, 1));
    }
}

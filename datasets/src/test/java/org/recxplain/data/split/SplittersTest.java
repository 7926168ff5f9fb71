package org.recxplain.data.split;

import org.junit.jupiter.api.Test;
import org.recxplain.data.CsrInteractions;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;
import org.recxplain.data.synth.SyntheticData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SplittersTest {

    private static final Interactions SYNTH = SyntheticData.small(7).generate().dataset().interactions();

    /** Asserts that the halves partition the data exactly: same entries, values and timestamps, disjoint. */
    private static void assertPartition(Interactions data, Split s) {
        assertEquals(data.users(), s.train().users());
        assertEquals(data.items(), s.train().items());
        assertEquals(data.users(), s.test().users());
        assertEquals(data.items(), s.test().items());
        assertEquals(data.size(), s.train().size() + s.test().size());
        for (int u = 0; u < data.numUsers(); u++) {
            Row all = data.userRow(u);
            Row tr = s.train().userRow(u);
            Row te = s.test().userRow(u);
            assertEquals(all.size(), tr.size() + te.size(), "user " + u);
            for (Row half : List.of(tr, te)) {
                for (int p = 0; p < half.size(); p++) {
                    int q = all.find(half.indices()[p]);
                    assertTrue(q >= 0, "user " + u + " item " + half.indices()[p] + " not in the data");
                    assertEquals(all.values()[q], half.values()[p]);
                    if (all.timestamps() != null) {
                        assertEquals(all.timestamps()[q], half.timestamps()[p]);
                    }
                }
            }
            for (int i : tr.indices()) {
                assertTrue(te.find(i) < 0, "user " + u + " item " + i + " in both halves");
            }
        }
        for (int i = 0; i < data.numItems(); i++) {
            assertEquals(data.itemDegree(i), s.train().itemDegree(i) + s.test().itemDegree(i));
        }
    }

    private static void assertSameSplit(Split a, Split b) {
        for (int u = 0; u < a.train().numUsers(); u++) {
            assertEquals(a.train().userRow(u), b.train().userRow(u));
            assertEquals(a.test().userRow(u), b.test().userRow(u));
        }
    }

    @Test
    void randomHoldoutPartitionsAndHoldsOutRoundedShare() {
        double f = 0.25;
        Split s = Splitters.randomHoldout(f, 42).split(SYNTH);
        assertPartition(SYNTH, s);
        for (int u = 0; u < SYNTH.numUsers(); u++) {
            int d = SYNTH.userDegree(u);
            int expected = d == 0 ? 0 : (int) Math.min(Math.round(f * d), d - 1);
            assertEquals(expected, s.test().userDegree(u), "user " + u + " of degree " + d);
            if (d >= 1) {
                assertTrue(s.train().userDegree(u) >= 1, "user " + u + " has nothing in train");
            }
        }
        assertTrue(s.test().hasTimestamps() && s.train().hasTimestamps());
    }

    @Test
    void randomHoldoutIsDeterministicPerSeed() {
        Splitter a = Splitters.randomHoldout(0.3, 1);
        assertSameSplit(a.split(SYNTH), a.split(SYNTH));
        assertSameSplit(a.split(SYNTH), Splitters.randomHoldout(0.3, 1).split(SYNTH));
        Split b = Splitters.randomHoldout(0.3, 2).split(SYNTH);
        Split a1 = a.split(SYNTH);
        int differing = 0;
        for (int u = 0; u < SYNTH.numUsers(); u++) {
            if (!a1.test().userRow(u).equals(b.test().userRow(u))) {
                differing++;
            }
        }
        assertTrue(differing > SYNTH.numUsers() / 2, "only " + differing + " users differ between seeds");
    }

    @Test
    void randomHoldoutOfAUserDependsOnlyOnSeedUserAndRow() {
        // change every other user's history: user 5's held-out items must not move
        Interactions changed = SYNTH;
        for (int u = 0; u < 20; u++) {
            if (u != 5) {
                changed = changed.withUserRow(u, Row.EMPTY);
            }
        }
        Splitter s = Splitters.randomHoldout(0.5, 99);
        assertEquals(s.split(SYNTH).test().userRow(5), s.split(changed).test().userRow(5));
    }

    @Test
    void randomHoldoutPicksEveryItemWithRoughlyEqualChance() {
        // one user with 10 items, holding out 3: over many seeds each item is held out about 30% of the time
        InteractionsBuilder b = new InteractionsBuilder();
        for (int i = 0; i < 10; i++) {
            b.add(0, i, 1f, InteractionsBuilder.NO_TIME);
        }
        CsrInteractions one = b.build();
        int[] counts = new int[10];
        int seeds = 2000;
        for (int seed = 0; seed < seeds; seed++) {
            for (int i : Splitters.randomHoldout(0.3, seed).split(one).test().userRow(0).indices()) {
                counts[i]++;
            }
        }
        for (int i = 0; i < 10; i++) {
            // expected 600, standard deviation about 20.5; 5 sigma
            assertEquals(600, counts[i], 103, "item " + i + " held out " + counts[i] + " times: " + Arrays.toString(counts));
        }
    }

    @Test
    void usersWithOneInteractionKeepIt() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("solo", "x", 3f);
        b.add("pair", "x", 3f);
        b.add("pair", "y", 4f);
        b.addUser("empty");
        CsrInteractions data = b.build();
        Split s = Splitters.randomHoldout(0.9, 3).split(data);
        assertPartition(data, s);
        assertEquals(1, s.train().userDegree(data.users().index("solo")));
        assertEquals(1, s.train().userDegree(data.users().index("pair")));
        assertEquals(1, s.test().userDegree(data.users().index("pair")));
        assertEquals(0, s.train().userDegree(data.users().index("empty")));
        assertFalse(s.test().hasTimestamps());
    }

    @Test
    void zeroFractionHoldsOutNothing() {
        Split s = Splitters.randomHoldout(0, 5).split(SYNTH);
        assertEquals(0, s.test().size());
        assertEquals(SYNTH.size(), s.train().size());
        assertEquals(0, Splitters.temporal(0).split(SYNTH).test().size());
    }

    @Test
    void rejectsBadParameters() {
        for (double f : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> Splitters.randomHoldout(f, 1));
            assertThrows(IllegalArgumentException.class, () -> Splitters.temporal(f));
        }
        assertThrows(IllegalArgumentException.class, () -> Splitters.leaveLastOut(0));
    }

    @Test
    void timeRulesNameTheMissingTimestamps() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("u", "a", 1f);
        b.add("u", "b", 1f);
        CsrInteractions untimed = b.build();
        for (Splitter s : List.of(Splitters.leaveLastOut(1), Splitters.temporal(0.5))) {
            var e = assertThrows(IllegalArgumentException.class, () -> s.split(untimed));
            assertTrue(e.getMessage().contains("timestamps"), e.getMessage());
        }
    }

    @Test
    void leaveLastOutPicksTheTrulyLatest() {
        for (int n : new int[] {1, 3}) {
            Split s = Splitters.leaveLastOut(n).split(SYNTH);
            assertPartition(SYNTH, s);
            for (int u = 0; u < SYNTH.numUsers(); u++) {
                Row row = SYNTH.userRow(u);
                // brute force: sort the (time, item) pairs and take the last ones
                List<long[]> entries = new ArrayList<>();
                for (int p = 0; p < row.size(); p++) {
                    entries.add(new long[] {row.timestamps()[p], row.indices()[p]});
                }
                entries.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
                int k = Math.min(n, row.size() - 1);
                int[] expected = entries.subList(entries.size() - k, entries.size()).stream()
                        .mapToInt(e -> (int) e[1]).sorted().toArray();
                assertArrayEquals(expected, s.test().userRow(u).indices(), "user " + u);
            }
        }
    }

    @Test
    void leaveLastOutBreaksTimeTiesByItemIndex() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("u", "c", 1f, 50);
        b.add("u", "a", 2f, 100);
        b.add("u", "b", 3f, 100);   // a and b tie at 100; b has the higher index, so it counts as later
        b.add("u", "d", 4f, 10);
        b.add("v", "a", 5f, 7);     // a single interaction stays in train
        CsrInteractions data = b.build();
        int u = data.users().index("u");
        int v = data.users().index("v");
        Split one = Splitters.leaveLastOut(1).split(data);
        assertArrayEquals(new int[] {data.items().index("b")}, one.test().userRow(u).indices());
        assertEquals(0, one.test().userDegree(v));
        Split three = Splitters.leaveLastOut(3).split(data);
        assertArrayEquals(new int[] {data.items().index("d")}, three.train().userRow(u).indices());
        Split many = Splitters.leaveLastOut(10).split(data);
        assertEquals(3, many.test().userDegree(u), "all but the earliest");
        assertArrayEquals(new int[] {data.items().index("d")}, many.train().userRow(u).indices());
        assertPartition(data, many);
    }

    @Test
    void temporalCutsAtOnePointInTime() {
        double f = 0.2;
        Split s = Splitters.temporal(f).split(SYNTH);
        assertPartition(SYNTH, s);
        long[] all = new long[SYNTH.size()];
        int n = 0;
        for (int u = 0; u < SYNTH.numUsers(); u++) {
            for (long t : SYNTH.userRow(u).timestamps()) {
                all[n++] = t;
            }
        }
        Arrays.sort(all);
        long k = Math.round(f * all.length);
        long cutoff = all[(int) (all.length - k)];
        long expectedTest = Arrays.stream(all).filter(t -> t >= cutoff).count();
        assertEquals(expectedTest, s.test().size());
        assertTrue(s.test().size() >= k);
        long maxTrain = Long.MIN_VALUE;
        long minTest = Long.MAX_VALUE;
        for (int u = 0; u < SYNTH.numUsers(); u++) {
            for (long t : s.train().userRow(u).timestamps()) {
                maxTrain = Math.max(maxTrain, t);
            }
            for (long t : s.test().userRow(u).timestamps()) {
                minTest = Math.min(minTest, t);
            }
        }
        assertTrue(maxTrain < minTest, "train reaches " + maxTrain + ", test starts at " + minTest);
        assertEquals(cutoff, minTest);
    }

    @Test
    void temporalSendsCutoffTiesToTest() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("u", "a", 1f, 10);
        b.add("u", "b", 1f, 20);
        b.add("v", "a", 1f, 30);
        b.add("v", "b", 1f, 30);
        b.add("w", "c", 1f, 40);
        CsrInteractions data = b.build();
        // 5 interactions, 0.4 -> k = 2: the 2nd latest is at 30, so both at 30 and the one at 40 are test
        Split s = Splitters.temporal(0.4).split(data);
        assertEquals(3, s.test().size());
        assertEquals(0, s.train().userDegree(data.users().index("v")));
        assertEquals(2, s.train().userDegree(data.users().index("u")));
        assertPartition(data, s);
        // 0.2 -> k = 1: only the interaction at 40
        assertEquals(1, Splitters.temporal(0.2).split(data).test().size());
    }

    @Test
    void splittersAreValuesNamedByTheirParameters() {
        assertEquals(Splitters.randomHoldout(0.2, 3), Splitters.randomHoldout(0.2, 3));
        assertNotEquals(Splitters.randomHoldout(0.2, 3), Splitters.randomHoldout(0.2, 4));
        assertTrue(Splitters.leaveLastOut(2).toString().contains("2"));
    }

    @Test
    void splitRejectsHalvesOverDifferentIds() {
        InteractionsBuilder a = new InteractionsBuilder();
        a.add("u", "x", 1f);
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("u", "y", 1f);
        assertThrows(IllegalArgumentException.class, () -> new Split(a.build(), b.build()));
    }
}

package org.recxplain.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class InteractionsTest {

    private static CsrInteractions sample() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("alice", "x", 5f, 10);
        b.add("alice", "y", 3f, 20);
        b.add("bob", "y", 4f, 30);
        b.add("bob", "z", 1f, 40);
        b.add("carol", "x", 2f, 50);
        return b.build();
    }

    @Test
    void rowsAndColumnsAgree() {
        CsrInteractions m = sample();
        assertEquals(3, m.numUsers());
        assertEquals(3, m.numItems());
        assertEquals(5, m.size());
        int y = m.items().index("y");
        Row col = m.itemColumn(y);
        assertArrayEquals(new int[] {m.users().index("alice"), m.users().index("bob")}, col.indices());
        assertArrayEquals(new float[] {3f, 4f}, col.values());
        assertEquals(4f, m.value(m.users().index("bob"), y));
        assertTrue(Float.isNaN(m.value(m.users().index("carol"), y)));
        assertEquals(-1, m.items().index("nope"));
    }

    @Test
    void duplicatePoliciesMergeAndCount() {
        for (DuplicatePolicy p : DuplicatePolicy.values()) {
            InteractionsBuilder b = new InteractionsBuilder().duplicatePolicy(p);
            b.add("u", "i", 2f, 100);
            b.add("u", "i", 5f, 50);
            b.add("u", "i", 3f, 100);
            if (p == DuplicatePolicy.ERROR) {
                var e = assertThrows(IllegalArgumentException.class, b::build);
                assertTrue(e.getMessage().contains("'u'") && e.getMessage().contains("'i'"), e.getMessage());
                continue;
            }
            CsrInteractions m = b.build();
            assertEquals(1, m.size());
            assertEquals(2, b.report().duplicates());
            float expected = switch (p) {
                case LATEST -> 3f;  // latest time wins, the later row among equal times
                case FIRST -> 2f;
                case SUM -> 10f;
                case MAX -> 5f;
                case ERROR -> throw new AssertionError();
            };
            assertEquals(expected, m.value(0, 0), p.name());
        }
    }

    @Test
    void rejectsNonFiniteValues() {
        InteractionsBuilder b = new InteractionsBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.add("u", "i", Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.add("u", "i", Float.POSITIVE_INFINITY));
    }

    @Test
    void withoutViewRemovesOnlyThatUsersInteractions() {
        CsrInteractions m = sample();
        int alice = m.users().index("alice");
        int x = m.items().index("x");
        int y = m.items().index("y");
        Interactions v = m.without(alice, x);
        assertEquals(4, v.size());
        assertArrayEquals(new int[] {y}, v.userRow(alice).indices());
        assertArrayEquals(new int[] {m.users().index("carol")}, v.itemColumn(x).indices());
        assertEquals(1, v.itemDegree(x));
        assertEquals(m.itemColumn(y), v.itemColumn(y));
        // the base is unchanged
        assertEquals(2, m.userDegree(alice));
        // views compose
        Interactions w = v.without(alice, y);
        assertEquals(0, w.userDegree(alice));
        assertEquals(3, w.size());
        assertEquals(1, w.itemDegree(y));
    }

    @Test
    void withUserRowInsertsIntoColumns() {
        CsrInteractions m = sample();
        int carol = m.users().index("carol");
        int z = m.items().index("z");
        Interactions v = m.withUserRow(carol, new Row(new int[] {z}, new float[] {4f}, new long[] {7}));
        Row col = v.itemColumn(z);
        assertArrayEquals(new int[] {m.users().index("bob"), carol}, col.indices());
        assertArrayEquals(new float[] {1f, 4f}, col.values());
        assertEquals(0, v.itemDegree(m.items().index("x")) - 1);
    }

    @Test
    void rowsMustBeAscending() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Row(new int[] {3, 1}, new float[2], null));
        assertTrue(e.getMessage().contains("ascending"), e.getMessage());
    }

    @Test
    void builderOverExistingIdsSharesIndices() {
        CsrInteractions m = sample();
        InteractionsBuilder b = InteractionsBuilder.over(m.users(), m.items());
        b.add("carol", "z", 1f);
        CsrInteractions other = b.build();
        assertEquals(m.users(), other.users());
        assertEquals(m.items(), other.items());
        assertEquals(1f, other.value(m.users().index("carol"), m.items().index("z")));
    }
}

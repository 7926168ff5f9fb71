package org.recxplain.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ImplicitFeedbackTest {

    private static Dataset ratings() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("ann", "x", 5f, 100);
        b.add("ann", "y", 2f, 110);
        b.add("ann", "z", 4f, 120);
        b.add("bob", "y", 3.5f, 130);
        b.add("bob", "z", 1f, 140);
        b.addItem("w");            // an item nobody rated
        SideFeatures.Builder fb = new SideFeatures.Builder();
        fb.add(0, "genre", FeatureKind.MULTI_VALUED, "Drama");
        CsrInteractions x = b.build();
        return new Dataset("tiny", x, fb.build(x.numItems()), SideFeatures.none(x.numUsers()),
                List.of("X", "Y", "Z", "W"), new LoadReport(6, 1, 1, 2, List.of("f:3: bad")));
    }

    @Test
    void atLeastKeepsHighRatingsAsOnesAndCountsTheRest() {
        Dataset in = ratings();
        Dataset out = ImplicitFeedback.atLeast(4f).apply(in);
        Interactions x = out.interactions();
        assertEquals(in.interactions().users(), x.users());
        assertEquals(in.interactions().items(), x.items());
        assertEquals(2, x.size());
        int ann = x.users().index("ann");
        assertArrayEquals(new int[] {x.items().index("x"), x.items().index("z")}, x.userRow(ann).indices());
        assertArrayEquals(new float[] {1f, 1f}, x.userRow(ann).values());
        assertArrayEquals(new long[] {100, 120}, x.userRow(ann).timestamps());
        assertEquals(0, x.userDegree(x.users().index("bob")));
        // 3 dropped, added to the 2 already filtered; the rest of the report is kept
        assertEquals(new LoadReport(6, 1, 1, 5, List.of("f:3: bad")), out.report());
        assertEquals("tiny", out.name());
        assertSame(in.itemFeatures(), out.itemFeatures());
        assertEquals(in.itemTitles(), out.itemTitles());
        // the input is untouched
        assertEquals(5, in.interactions().size());
        assertEquals(2, in.report().rowsFiltered());
    }

    @Test
    void gradedFeedbackKeepsTheRatingAndTheThresholdIsInclusive() {
        Dataset out = new ImplicitFeedback(3.5f, false).apply(ratings());
        Interactions x = out.interactions();
        assertEquals(3, x.size());
        assertEquals(3.5f, x.value(x.users().index("bob"), x.items().index("y")));
        assertEquals(5f, x.value(x.users().index("ann"), x.items().index("x")));
        assertEquals(4, out.report().rowsFiltered());
    }

    @Test
    void noneIsTheIdentity() {
        Dataset in = ratings();
        assertSame(in, ImplicitFeedback.none().apply(in));
        assertTrue(ImplicitFeedback.none().keeps(-1e30f));
        assertEquals(-3f, ImplicitFeedback.none().valueOf(-3f));
        // a binary rule that keeps everything still rewrites values, and drops nothing
        Dataset ones = new ImplicitFeedback(Float.NEGATIVE_INFINITY, true).apply(in);
        assertEquals(5, ones.interactions().size());
        assertEquals(2, ones.report().rowsFiltered());
        for (int u = 0; u < 2; u++) {
            for (float v : ones.interactions().userRow(u).values()) {
                assertEquals(1f, v);
            }
        }
    }

    @Test
    void rejectsNaNThreshold() {
        assertThrows(IllegalArgumentException.class, () -> ImplicitFeedback.atLeast(Float.NaN));
    }

    @Test
    void dataWithoutTimestampsStaysWithout() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("u", "a", 4f);
        b.add("u", "b", 1f);
        Dataset out = ImplicitFeedback.atLeast(2f).apply(Dataset.of("d", b.build()));
        assertFalse(out.interactions().hasTimestamps());
        assertEquals(1, out.interactions().size());
        assertEquals(1, out.report().rowsFiltered());
    }
}

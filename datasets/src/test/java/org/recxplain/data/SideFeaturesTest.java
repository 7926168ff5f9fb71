package org.recxplain.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SideFeaturesTest {

    @Test
    void buildsSortedRowsWithNamesGroupsAndKinds() {
        SideFeatures.Builder b = new SideFeatures.Builder();
        b.add(2, "genre", FeatureKind.MULTI_VALUED, "Drama");
        b.add(0, "genre", FeatureKind.MULTI_VALUED, "Comedy");
        b.addNumeric(0, "year", 1995f);
        b.add(0, "genre", FeatureKind.MULTI_VALUED, "Drama");
        b.add(1, "rating", FeatureKind.CATEGORICAL, "PG");
        SideFeatures f = b.build(4);
        FeatureDictionary d = f.dictionary();

        assertEquals(4, f.numEntities());
        assertEquals(4, f.numFeatures());
        int drama = d.index("genre=Drama");
        int comedy = d.index("genre=Comedy");
        int year = d.index("year");
        int pg = d.index("rating=PG");
        assertArrayEquals(new int[] {0, 1, 2, 3}, new int[] {drama, comedy, year, pg}, "order of first appearance");
        assertEquals(-1, d.index("genre=Horror"));

        assertEquals(new Row(new int[] {drama, comedy, year}, new float[] {1f, 1f, 1995f}, null), f.of(0));
        assertEquals(List.of("genre=Drama", "genre=Comedy", "year"), f.labels(0));
        assertEquals(List.of("rating=PG"), f.labels(1));
        assertEquals(Row.EMPTY, f.of(3));

        assertEquals(List.of("genre", "year", "rating"), d.groups());
        assertEquals("genre", d.group(comedy));
        assertEquals(FeatureKind.MULTI_VALUED, d.kind(comedy));
        assertEquals(FeatureKind.NUMERIC, d.kind(year));
        assertEquals(FeatureKind.CATEGORICAL, d.kind(pg));
        assertEquals("year", d.name(year));
        assertArrayEquals(new int[] {drama, comedy}, d.featuresOf("genre"));
        assertArrayEquals(new int[0], d.featuresOf("nope"));
    }

    @Test
    void lastValueOfARepeatedPairWins() {
        SideFeatures.Builder b = new SideFeatures.Builder();
        b.addNumeric(0, "year", 1990f);
        b.addNumeric(1, "year", 2000f);
        b.addNumeric(0, "year", 1991f);
        SideFeatures f = b.build(2);
        assertArrayEquals(new float[] {1991f}, f.of(0).values());
        assertArrayEquals(new float[] {2000f}, f.of(1).values());
    }

    @Test
    void declaredFeaturesHaveStableIndicesWithoutEntities() {
        SideFeatures.Builder b = new SideFeatures.Builder();
        assertEquals(0, b.declare("genre", FeatureKind.MULTI_VALUED, "Western"));
        assertEquals(1, b.declare("genre", FeatureKind.MULTI_VALUED, "Noir"));
        assertEquals(0, b.declare("genre", FeatureKind.MULTI_VALUED, "Western"));
        b.add(0, "genre", FeatureKind.MULTI_VALUED, "Noir");
        SideFeatures f = b.build(1);
        assertEquals(2, f.numFeatures());
        assertArrayEquals(new int[] {1}, f.of(0).indices());
    }

    @Test
    void rowsAreFreshCopies() {
        SideFeatures.Builder b = new SideFeatures.Builder();
        b.addNumeric(0, "year", 1990f);
        SideFeatures f = b.build(1);
        f.of(0).values()[0] = 0f;
        assertEquals(1990f, f.of(0).values()[0]);
    }

    @Test
    void rejectsBadInput() {
        SideFeatures.Builder b = new SideFeatures.Builder();
        b.add(0, "genre", FeatureKind.MULTI_VALUED, "Drama");
        var kind = assertThrows(IllegalArgumentException.class,
                () -> b.add(0, "genre", FeatureKind.CATEGORICAL, "Drama"));
        assertTrue(kind.getMessage().contains("genre"), kind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.addNumeric(0, "year", Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> b.add(-1, "genre", FeatureKind.MULTI_VALUED, "X"));
        b.add(5, "genre", FeatureKind.MULTI_VALUED, "X");
        var range = assertThrows(IllegalArgumentException.class, () -> b.build(3));
        assertTrue(range.getMessage().contains("5"), range.getMessage());
        SideFeatures f = new SideFeatures.Builder().build(2);
        assertThrows(IndexOutOfBoundsException.class, () -> f.of(2));
        assertThrows(IndexOutOfBoundsException.class, () -> f.of(-1));
    }

    @Test
    void noneHasEntitiesButNoFeatures() {
        SideFeatures f = SideFeatures.none(3);
        assertEquals(3, f.numEntities());
        assertEquals(0, f.numFeatures());
        assertEquals(Row.EMPTY, f.of(2));
        assertEquals(0, FeatureDictionary.empty().size());
        assertEquals(List.of(), FeatureDictionary.empty().groups());
    }

    /**
     * Bug (reported, not fixed here): a numeric group whose name looks like {@code group=value} of another,
     * categorical, group is silently merged into that categorical feature. The second feature gets the
     * first one's index, and the dictionary reports the wrong kind and group for it.
     */
    @Test
    void groupNamesThatWouldMakeFeatureNamesCollideAreRejected() {
        FeatureDictionary.Builder b = new FeatureDictionary.Builder();
        b.add("rating", FeatureKind.CATEGORICAL, "PG");
        var e = assertThrows(IllegalArgumentException.class, () -> b.add("rating=PG", FeatureKind.NUMERIC, null));
        assertTrue(e.getMessage().contains("rating=PG"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.add("", FeatureKind.CATEGORICAL, "x"));
    }
}

package org.recxplain.data.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.DataFormatException;
import org.recxplain.data.Dataset;
import org.recxplain.data.DuplicatePolicy;
import org.recxplain.data.FeatureDictionary;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class CsvLoaderTest {
    @TempDir
    Path tmp;

    private Path file(String name, String content) {
        return Fixtures.folder(tmp, name, content).resolve(name);
    }

    @Test
    void defaultsAreVisible() {
        CsvLayout d = CsvLayout.defaults();
        assertEquals(',', d.separator());
        assertEquals("user", d.userColumn());
        assertEquals("item", d.itemColumn());
        assertEquals("rating", d.ratingColumn());
        assertEquals("timestamp", d.timestampColumn());
        assertEquals('|', d.multiValueSeparator());
        assertEquals(Set.of("", "?", "NA"), d.missingValues());
        assertEquals(d, d.toBuilder().build());
        assertThrows(IllegalArgumentException.class, () -> CsvLayout.builder().itemColumn("user").build());
        assertThrows(IllegalArgumentException.class, () -> CsvLayout.builder().separator('|').build());
        assertThrows(IllegalArgumentException.class, () -> CsvLayout.builder().ratingRange(5, 1).build());
    }

    @Test
    void remappedColumnsTabSeparatorAndIgnoredExtraColumns() {
        Path f = file("plays.tsv", "when\tuid\tmovie\tstars\tnote\n10\tu1\tm1\t4.5\tx\n20\tu2\tm1\t2\t\n30\tu1\tm2\t3\t\n");
        CsvLayout layout = CsvLayout.builder().separator('\t').userColumn("uid").itemColumn("movie")
                .ratingColumn("stars").timestampColumn("when").build();
        Dataset d = CsvLoader.load(f, layout, LoadOptions.defaults());
        Interactions m = d.interactions();
        assertEquals("plays", d.name());
        assertEquals(List.of("u1", "u2"), m.users().ids());
        assertEquals(List.of("m1", "m2"), m.items().ids());
        assertEquals(List.of("m1", "m2"), d.itemTitles(), "titles are the IDs");
        assertEquals(4.5f, m.value(0, 0));
        assertEquals(2f, m.value(1, 0));
        assertEquals(new Row(new int[] {0, 1}, new float[] {4.5f, 3f}, new long[] {10, 30}), m.userRow(0));
    }

    @Test
    void unaryDataWhenTheDefaultRatingColumnIsAbsentOrTheRatingIsSwitchedOff() {
        Dataset d = CsvLoader.load(file("clicks.csv", "user,item\na,x\nb,x\na,y\n"), CsvLayout.defaults(),
                LoadOptions.defaults());
        assertEquals(3, d.interactions().size());
        assertEquals(1f, d.interactions().value(1, 0));
        assertFalse(d.interactions().hasTimestamps());

        Dataset off = CsvLoader.load(file("r.csv", "user,item,rating\na,x,5\n"),
                CsvLayout.builder().ratingColumn(null).build(), LoadOptions.defaults());
        assertEquals(1f, off.interactions().value(0, 0));
    }

    @Test
    void namedColumnsMustBePresent() {
        Path f = file("r.csv", "user,item,rating\na,x,5\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvLoader.load(f,
                CsvLayout.builder().userColumn("uid").build(), LoadOptions.defaults()));
        assertEquals(f + ":1: expected a column named \"uid\" in the header, got [user, item, rating]", e.getMessage());
        assertThrows(DataFormatException.class, () -> CsvLoader.load(f,
                CsvLayout.builder().ratingColumn("score").build(), LoadOptions.defaults()));
    }

    @Test
    void ratingRangeNonNumericAndLenientCounting() {
        Path f = file("r.csv", "user,item,rating\na,x,5\nb,x,11\nc,x,seven\nd,x,NaN\ne,x,1\n");
        CsvLayout layout = CsvLayout.builder().ratingRange(1, 10).build();
        assertEquals(f + ":3: column 3: expected rating in 1..10, got 11",
                assertThrows(DataFormatException.class, () -> CsvLoader.load(f, layout, LoadOptions.defaults())).getMessage());
        Dataset d = CsvLoader.load(f, layout, LoadOptions.defaults().withLenient(true));
        assertEquals(List.of("a", "e"), d.interactions().users().ids());
        assertEquals(3, d.report().rowsSkipped());
        assertEquals(5, d.report().rowsRead());
        assertTrue(d.report().messages().get(1).endsWith(":4: column 3: expected rating as a number, got \"seven\""));
    }

    @Test
    void duplicatesUnderSum() {
        Path f = file("plays.csv", "user,item,rating\na,x,2\na,x,3\na,y,1\na,x,1\n");
        Dataset d = CsvLoader.load(f, CsvLayout.defaults(), LoadOptions.defaults().withDuplicates(DuplicatePolicy.SUM));
        assertEquals(6f, d.interactions().value(0, 0));
        assertEquals(2, d.report().duplicates());
    }

    @Test
    void featureFilesInferKindsAndCompleteTheCatalogue() {
        Path ratings = file("r.csv", "user,item,rating\na,x,5\nb,y,3\n");
        Path items = file("items.csv", "id,price,tags,color,nothing\n"
                + "x,9.5,cheap|\"red wine\" ,red,\n"
                + "y,12,,7,?\n"
                + "z,?,new, blue ,NA\n");
        Path users = file("users.csv", "uid,age,country\na,31,FR\nc,40,?\n");
        CsvLayout layout = CsvLayout.builder().itemFeatures(items).userFeatures(users).build();
        Dataset d = CsvLoader.load(ratings, layout, LoadOptions.defaults());
        Interactions m = d.interactions();
        assertEquals(List.of("x", "y", "z"), m.items().ids(), "z is listed only in the feature file");
        assertEquals(List.of("a", "b", "c"), m.users().ids());
        assertEquals(0, m.itemDegree(2));

        SideFeatures f = d.itemFeatures();
        FeatureDictionary dict = f.dictionary();
        assertEquals(FeatureKind.NUMERIC, dict.kind(dict.index("price")));
        assertEquals(FeatureKind.MULTI_VALUED, dict.kind(dict.index("tags=cheap")));
        assertEquals(FeatureKind.CATEGORICAL, dict.kind(dict.index("color=red")), "'7' among colours stays categorical");
        assertEquals(Set.of("price", "tags=cheap", "tags=\"red wine\"", "color=red"), Set.copyOf(f.labels(0)));
        assertEquals(Set.of("price", "color=7"), Set.copyOf(f.labels(1)));
        assertEquals(Set.of("tags=new", "color=blue"), Set.copyOf(f.labels(2)));
        assertEquals(12f, f.of(1).values()[f.of(1).find(dict.index("price"))]);
        assertEquals(-1, dict.index("nothing=?"));

        SideFeatures uf = d.userFeatures();
        assertEquals(Set.of("age", "country=FR"), Set.copyOf(uf.labels(0)));
        assertEquals(List.of(), uf.labels(1));
        assertEquals(List.of("age"), uf.labels(2));
    }

    @Test
    void featureFileErrors() {
        Path ratings = file("r.csv", "user,item\na,x\n");
        Path dup = file("items.csv", "id,color\nx,red\nx,blue\n");
        CsvLayout layout = CsvLayout.builder().itemFeatures(dup).build();
        assertEquals(dup + ":3: column 1: ID \"x\" appears more than once (first on line 2)",
                assertThrows(DataFormatException.class, () -> CsvLoader.load(ratings, layout, LoadOptions.defaults())).getMessage());
        Dataset lenient = CsvLoader.load(ratings, layout, LoadOptions.defaults().withLenient(true));
        assertEquals(List.of("color=red"), lenient.itemFeatures().labels(0));
        assertEquals(1, lenient.report().rowsSkipped());

        Path idOnly = file("ids.csv", "id\nx\n");
        assertEquals(idOnly + ":1: expected an ID column and at least one feature column in the header, got [id]",
                assertThrows(DataFormatException.class, () -> CsvLoader.load(ratings,
                        CsvLayout.builder().itemFeatures(idOnly).build(), LoadOptions.defaults())).getMessage());
        Path missing = tmp.resolve("nope.csv");
        assertEquals(missing + ": file not found", assertThrows(DataFormatException.class, () -> CsvLoader.load(ratings,
                CsvLayout.builder().userFeatures(missing).build(), LoadOptions.defaults())).getMessage());
    }
}

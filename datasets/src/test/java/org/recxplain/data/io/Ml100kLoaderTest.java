package org.recxplain.data.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.DataFormatException;
import org.recxplain.data.Dataset;
import org.recxplain.data.Interactions;
import org.recxplain.data.SideFeatures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class Ml100kLoaderTest {
    static final String FIXTURES = "org/recxplain/data/io/ml100k";

    @TempDir
    Path tmp;

    static Dataset fixture() {
        return Ml100kLoader.load(SourceFolder.resources(FIXTURES), "ml100k-fixture", LoadOptions.defaults());
    }

    /** Copies the fixture files into the temporary directory. */
    private Path copy() throws IOException {
        for (String f : List.of("u.data", "u.item", "u.user")) {
            try (InputStream in = SourceFolder.resources(FIXTURES).file(f).open()) {
                Files.write(tmp.resolve(f), in.readAllBytes());
            }
        }
        return tmp;
    }

    @Test
    void loadsInteractionsWithRostersInFileOrder() {
        Dataset d = fixture();
        Interactions m = d.interactions();
        assertEquals(List.of("1", "2", "3", "4", "5"), m.items().ids());
        assertEquals(List.of("1", "2", "3", "4", "5"), m.users().ids(), "user 5 has no ratings but is in u.user");
        assertEquals(7, m.size());
        assertEquals(0, m.userDegree(4));
        assertEquals(5f, m.value(0, 0), "the later of the two ratings of (1, 1) is kept");
        assertEquals(1, d.report().duplicates());
        assertEquals(5 + 5 + 8, d.report().rowsRead());
        assertEquals(874_965_758L, m.userRow(0).timestamps()[0]);
    }

    @Test
    void latin1TitleAndItemFeatures() {
        Dataset d = fixture();
        assertEquals("Mis\u00e9rables, Les (1995)", d.itemTitle(2));
        SideFeatures f = d.itemFeatures();
        assertEquals(Set.of("genre=Animation", "genre=Children's", "genre=Comedy", "year", "decade=1990s"),
                Set.copyOf(f.labels(0)));
        assertEquals(Set.of("genre=Drama", "genre=Musical", "year", "decade=1990s"), Set.copyOf(f.labels(2)));
        assertEquals(List.of(), f.labels(3), "the 'unknown' flag gives no genre; no year anywhere");
        assertEquals("unknown", d.itemTitle(3));
        int year = f.dictionary().index("year");
        assertEquals(1997f, f.of(4).values()[f.of(4).find(year)], "year from the release date when the title has none");
        assertEquals(-1, f.dictionary().index("genre=unknown"));
    }

    @Test
    void userFeatures() {
        SideFeatures u = fixture().userFeatures();
        assertEquals(Set.of("age", "gender=M", "occupation=technician", "zip3=857"), Set.copyOf(u.labels(0)));
        assertEquals(24f, u.of(0).values()[u.of(0).find(u.dictionary().index("age"))]);
        assertTrue(u.labels(2).contains("zip3=T8H"), "zip prefixes are upper-cased");
        assertTrue(u.labels(4).contains("occupation=engineer"));
    }

    @Test
    void withoutUUserUsersComeFromTheRatings() throws IOException {
        Path dir = copy();
        Files.delete(dir.resolve("u.user"));
        Dataset d = Ml100kLoader.load(dir, LoadOptions.defaults());
        assertEquals(List.of("1", "2", "3", "4"), d.interactions().users().ids());
        assertEquals(0, d.userFeatures().numFeatures());
    }

    @Test
    void ratingOfUnknownUserOrItem() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("u.data"), "1\t1\t4\t10\n9\t1\t4\t10\n");
        assertEquals(dir.resolve("u.data") + ":2: column 1: unknown user ID \"9\" (not in u.user)",
                strictError(dir));
        Files.writeString(dir.resolve("u.data"), "1\t77\t4\t10\n");
        assertEquals(dir.resolve("u.data") + ":1: column 2: unknown movie ID \"77\" (not in u.item)",
                strictError(dir));
    }

    @Test
    void malformedItemAndRatingRows() throws IOException {
        Path dir = copy();
        byte[] items = Files.readAllBytes(dir.resolve("u.item"));
        Files.write(dir.resolve("u.item"), concat(items, "6|Bad Flags (1990)|||x|0|2|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n"));
        assertEquals(dir.resolve("u.item") + ":6: column 7: expected the genre flag 'Action' as 0 or 1, got \"2\"",
                strictError(dir));
        Files.write(dir.resolve("u.item"), concat(items, "6|Short|x\n"));
        assertEquals(dir.resolve("u.item") + ":6: expected 24 columns, got 3",
                strictError(dir));

        Files.write(dir.resolve("u.item"), items);
        Files.writeString(dir.resolve("u.data"), "1\t1\t6\t10\n");
        assertEquals(dir.resolve("u.data") + ":1: column 3: expected rating in 1..5, got 6",
                strictError(dir));
        Files.writeString(dir.resolve("u.data"), "1,1,4,10\n");
        assertEquals(dir.resolve("u.data") + ":1: expected 4 columns, got 1",
                strictError(dir));
        Files.writeString(dir.resolve("u.data"), "");
        assertEquals(dir.resolve("u.data") + ": the file is empty",
                strictError(dir));
    }

    @Test
    void lenientSkipsBadItemRowsWithoutLeavingHoles() throws IOException {
        Path dir = copy();
        byte[] items = Files.readAllBytes(dir.resolve("u.item"));
        Files.write(dir.resolve("u.item"), concat(items, "6|Bad Flags (1990)|||x|0|2|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                + "7|Good (1990)|||x|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n"));
        Dataset d = Ml100kLoader.load(dir, LoadOptions.defaults().withLenient(true));
        assertEquals(List.of("1", "2", "3", "4", "5", "7"), d.interactions().items().ids());
        assertEquals("Good (1990)", d.itemTitle(5));
        assertEquals(1, d.report().rowsSkipped());
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = b.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] out = java.util.Arrays.copyOf(a, a.length + tail.length);
        System.arraycopy(tail, 0, out, a.length, tail.length);
        return out;
    }

    /** The message of the error that a strict load of {@code dir} throws. */
    private static String strictError(Path dir) {
        return assertThrows(DataFormatException.class, () -> Ml100kLoader.load(dir, LoadOptions.defaults())).getMessage();
    }
}

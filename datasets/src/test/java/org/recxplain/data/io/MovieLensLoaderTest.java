package org.recxplain.data.io;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.DataFormatException;
import org.recxplain.data.Dataset;
import org.recxplain.data.DuplicatePolicy;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Interactions;
import org.recxplain.data.LoadReport;
import org.recxplain.data.Row;
import org.recxplain.data.SideFeatures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class MovieLensLoaderTest {
    private static final String MOVIES = "movieId,title,genres\n"
            + "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\n"
            + "2,\"Matrix, The (1999)\",Action|Sci-Fi\n"
            + "3,Hyena Road,(no genres listed)\n";
    private static final String HEADER = "userId,movieId,rating,timestamp\n";

    @TempDir
    Path tmp;

    private static Dataset small() {
        return DataSources.bundled("ml-latest-small");
    }

    private Path folder(String ratings) {
        return Fixtures.folder(tmp, "movies.csv", MOVIES, "ratings.csv", ratings);
    }

    private DataFormatException strictError(String ratings) {
        Path dir = folder(ratings);
        return assertThrows(DataFormatException.class, () -> MovieLensLoader.load(dir, LoadOptions.defaults()));
    }

    @Test
    void bundledSizesMatchTheReadme() {
        Dataset d = small();
        Interactions m = d.interactions();
        assertEquals("ml-latest-small", d.name());
        assertEquals(100_836, m.size());
        assertEquals(610, m.numUsers());
        assertEquals(9_742, m.numItems());
        assertTrue(m.hasTimestamps());
        long rated = java.util.stream.IntStream.range(0, m.numItems()).filter(i -> m.itemDegree(i) > 0).count();
        assertEquals(9_724, rated, "18 movies of movies.csv have no ratings but stay in the catalogue");
        LoadReport rep = d.report();
        assertEquals(100_836 + 9_742 + 3_683, rep.rowsRead(), "ratings + movies + tags rows");
        assertEquals(0, rep.rowsSkipped());
        assertEquals(0, rep.duplicates());
        assertEquals(List.of(), rep.messages());
    }

    @Test
    void bundledRatingsAgreeWithANaiveIndependentParse() throws IOException {
        // ratings.csv has no quoted fields, so splitting on commas is a valid brute-force reference
        String text;
        try (InputStream in = DataSources.bundledFolder("ml-latest-small").file("ratings.csv").open()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Object2IntOpenHashMap<String> perUser = new Object2IntOpenHashMap<>();
        double sum = 0;
        String[] lines = text.split("\r?\n");
        for (int k = 1; k < lines.length; k++) {
            String[] f = lines[k].split(",");
            perUser.addTo(f[0], 1);
            sum += Double.parseDouble(f[2]);
        }
        Interactions m = small().interactions();
        double javaSum = 0;
        for (int u = 0; u < m.numUsers(); u++) {
            Row r = m.userRow(u);
            assertEquals(perUser.getInt(m.users().id(u)), r.size(), "user " + m.users().id(u));
            for (float v : r.values()) {
                javaSum += v;
            }
        }
        assertEquals(sum, javaSum, 1e-6);
        int u1 = m.users().index("1");
        assertEquals(4.0f, m.value(u1, m.items().index("1")));
        Row row = m.userRow(u1);
        assertEquals(964_982_703L, row.timestamps()[row.find(m.items().index("1"))]);
    }

    @Test
    void bundledTitlesGenresYearsAndTags() {
        Dataset d = small();
        SideFeatures f = d.itemFeatures();
        int toy = d.interactions().items().index("1");
        assertEquals("Toy Story (1995)", d.itemTitle(toy));
        assertEquals(Set.of("genre=Adventure", "genre=Animation", "genre=Children", "genre=Comedy", "genre=Fantasy",
                "year", "decade=1990s", "tag=pixar", "tag=fun"), Set.copyOf(f.labels(toy)));
        Row toyRow = f.of(toy);
        assertEquals(1995f, toyRow.values()[toyRow.find(f.dictionary().index("year"))]);
        assertEquals(FeatureKind.NUMERIC, f.dictionary().kind(f.dictionary().index("year")));
        assertEquals(FeatureKind.CATEGORICAL, f.dictionary().kind(f.dictionary().index("decade=1990s")));
        assertEquals(FeatureKind.MULTI_VALUED, f.dictionary().kind(f.dictionary().index("genre=Comedy")));

        int matrix = d.interactions().items().index("2571");
        assertEquals("Matrix, The (1999)", d.itemTitle(matrix));
        assertTrue(f.labels(matrix).containsAll(List.of("genre=Action", "genre=Sci-Fi", "genre=Thriller",
                "tag=martial arts", "tag=philosophy", "decade=1990s")));

        int quoted = d.interactions().items().index("7789");
        assertEquals("11'09\"01 - September 11 (2002)", d.itemTitle(quoted));
        assertEquals("Mis\u00e9rables, Les (1995)", d.itemTitle(d.interactions().items().index("73")));
        assertEquals("From Dusk Till Dawn 2: Texas Blood Money (1999)",
                d.itemTitle(d.interactions().items().index("27008")), "titles are trimmed");

        // "(no genres listed)": the movie is kept, with its year but no genre
        int cravate = d.interactions().items().index("114335");
        assertEquals(List.of("year", "decade=1950s"), f.labels(cravate));
        // no year in the title: no year features
        int hyena = d.interactions().items().index("143410");
        assertEquals("Hyena Road", d.itemTitle(hyena));
        assertEquals(List.of(), f.labels(hyena));

        assertEquals(19, f.dictionary().featuresOf("genre").length, "20 genre values minus (no genres listed)");
        assertEquals(1_475, f.dictionary().featuresOf("tag").length, "distinct lower-cased tags");
        assertEquals(-1, f.dictionary().index("genre=(no genres listed)"));
        assertEquals(0, d.userFeatures().numFeatures());
    }

    @Test
    void smallFolderLoadsWithUnratedMoviesAndNoTags() {
        Dataset d = MovieLensLoader.load(folder(HEADER + "7,2,4.5,100\n7,1,3,200\n8,2,0.5,300\n"), LoadOptions.defaults());
        assertEquals(3, d.interactions().numItems());
        assertEquals(List.of("7", "8"), d.interactions().users().ids());
        assertEquals(List.of("Toy Story (1995)", "Matrix, The (1999)", "Hyena Road"), d.itemTitles());
        assertEquals(0, d.interactions().itemDegree(2));
        assertEquals(tmp.getFileName().toString(), d.name());
    }

    @Test
    void tooFewColumns() {
        assertEquals(tmp.resolve("ratings.csv") + ":3: expected 4 columns (userId,movieId,rating,timestamp), got 3",
                strictError(HEADER + "1,1,4,100\n1,2,4\n").getMessage());
    }

    @Test
    void nonNumericRatingNamesLineAndColumn() {
        DataFormatException e = strictError(HEADER + "1,1,4,100\n1,2,4,100\n2,1,good,100\n");
        assertEquals(4, e.line());
        assertEquals(3, e.column());
        assertEquals(tmp.resolve("ratings.csv") + ":4: column 3: expected rating as a number, got \"good\"", e.getMessage());
    }

    @Test
    void nanAndInfinityRatings() {
        assertTrue(strictError(HEADER + "1,1,NaN,100\n").getMessage()
                .endsWith(":2: column 3: expected rating as a finite number, got \"NaN\""));
        assertTrue(strictError(HEADER + "1,1,-Infinity,100\n").getMessage()
                .endsWith(":2: column 3: expected rating as a finite number, got \"-Infinity\""));
    }

    @Test
    void outOfRangeRatingAndNegativeTimestamp() {
        assertTrue(strictError(HEADER + "1,1,5.5,100\n").getMessage()
                .endsWith(":2: column 3: expected rating in 0.5..5, got 5.5"));
        assertTrue(strictError(HEADER + "1,1,0,100\n").getMessage().endsWith("expected rating in 0.5..5, got 0"));
        assertTrue(strictError(HEADER + "1,1,3,-5\n").getMessage()
                .endsWith(":2: column 4: expected timestamp >= 0, got -5"));
    }

    @Test
    void unknownHeaderColumn() {
        DataFormatException e = strictError("userId,movieId,score,timestamp\n1,1,4,100\n");
        assertEquals(1, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("unknown header column \"score\""), e.getMessage());
    }

    @Test
    void ratingOfAMovieMissingFromMoviesCsv() {
        DataFormatException e = strictError(HEADER + "1,1,4,100\n1,99,4,100\n");
        assertTrue(e.getMessage().endsWith(":3: column 2: unknown movie ID \"99\" (not in movies.csv)"), e.getMessage());
    }

    @Test
    void missingEmptyAndHeaderOnlyFiles() {
        Fixtures.folder(tmp, "movies.csv", MOVIES);
        DataFormatException missing = assertThrows(DataFormatException.class,
                () -> MovieLensLoader.load(tmp, LoadOptions.defaults()));
        assertEquals(tmp.resolve("ratings.csv") + ": file not found", missing.getMessage());
        assertEquals(tmp.resolve("ratings.csv") + ": the file is empty: expected a header line", strictError("").getMessage());
        assertEquals(tmp.resolve("ratings.csv") + ": no data rows (the file holds only a header)",
                strictError(HEADER).getMessage());
        assertEquals(tmp.resolve("ratings.csv") + ": no data rows (the file holds only a header)",
                strictError(HEADER + "\r\n\n").getMessage(), "blank lines are not rows");
    }

    @Test
    void bomAndCrlfAccepted() {
        Fixtures.write(tmp.resolve("movies.csv"), Fixtures.withBom(MOVIES.replace("\n", "\r\n")));
        Fixtures.write(tmp.resolve("ratings.csv"), Fixtures.withBom((HEADER + "1,1,4,100\n1,2,3.5,200\n").replace("\n", "\r\n")));
        Dataset d = MovieLensLoader.load(tmp, LoadOptions.defaults());
        assertEquals(2, d.interactions().size());
        assertEquals("Hyena Road", d.itemTitle(2), "no stray carriage return in the last column");
        assertEquals(List.of("year", "decade=1990s", "genre=Action", "genre=Sci-Fi"), d.itemFeatures().labels(1));
    }

    @Test
    void lenientModeSkipsAndCountsBadRowsWithoutRegisteringTheirIds() {
        String ratings = HEADER
                + "1,1,4,100\n"       // ok
                + "2,99,4,100\n"      // unknown movie: user 2 must not appear
                + "3,1,NaN,100\n"     // NaN
                + "3,1,4\n"           // too few columns
                + "1,2,3,200\n";      // ok
        Dataset d = MovieLensLoader.load(folder(ratings), LoadOptions.defaults().withLenient(true));
        assertEquals(2, d.interactions().size());
        assertEquals(List.of("1"), d.interactions().users().ids());
        LoadReport rep = d.report();
        assertEquals(3 + 5, rep.rowsRead());
        assertEquals(3, rep.rowsSkipped());
        assertEquals(3, rep.messages().size());
        assertTrue(rep.messages().get(0).endsWith(":3: column 2: unknown movie ID \"99\" (not in movies.csv)"));
        assertTrue(rep.messages().get(1).contains(":4: column 3:"));
        assertTrue(rep.messages().get(2).contains(":5: expected 4 columns"));
    }

    @Test
    void lenientModeStillFailsWhenEveryRowIsBad() {
        Path dir = folder(HEADER + "1,1,x,1\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> MovieLensLoader.load(dir, LoadOptions.defaults().withLenient(true)));
        assertTrue(e.getMessage().contains("no valid data rows"), e.getMessage());
    }

    @Test
    void duplicatesFollowThePolicyAndAreCounted() {
        String ratings = HEADER + "1,1,4,100\n1,2,2,100\n1,1,2,300\n1,1,5,200\n";
        Dataset latest = MovieLensLoader.load(folder(ratings), LoadOptions.defaults());
        assertEquals(2, latest.interactions().size());
        assertEquals(2f, latest.interactions().value(0, 0), "the rating with the latest timestamp wins");
        assertEquals(2, latest.report().duplicates());

        Dataset first = MovieLensLoader.load(folder(ratings), LoadOptions.defaults().withDuplicates(DuplicatePolicy.FIRST));
        assertEquals(4f, first.interactions().value(0, 0));
        assertEquals(2, first.report().duplicates());

        Path dir = folder(ratings);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MovieLensLoader.load(dir,
                LoadOptions.defaults().withDuplicates(DuplicatePolicy.ERROR)));
        assertEquals(dir.resolve("ratings.csv") + ":4: duplicate interaction of user ID \"1\" with movie ID \"1\""
                + " (first on line 2)", e.getMessage());

        Dataset lenient = MovieLensLoader.load(dir, new LoadOptions(true, DuplicatePolicy.ERROR));
        assertEquals(4f, lenient.interactions().value(0, 0), "the first row is kept, the repeats skipped");
        assertEquals(2, lenient.report().rowsSkipped());
        assertEquals(0, lenient.report().duplicates());
    }

    @Test
    void tagsOfUnknownMoviesAreErrorsAndTagsAreLowerCasedAndTrimmed() throws IOException {
        Path dir = folder(HEADER + "1,1,4,100\n");
        Files.writeString(dir.resolve("tags.csv"), "userId,movieId,tag,timestamp\n5,1,\"  Pixar \",1\n5,2,PIXAR,1\n");
        Dataset d = MovieLensLoader.load(dir, LoadOptions.defaults());
        assertTrue(d.itemFeatures().labels(0).contains("tag=pixar"));
        assertTrue(d.itemFeatures().labels(1).contains("tag=pixar"));
        assertEquals(1, d.itemFeatures().dictionary().featuresOf("tag").length);
        assertEquals(List.of("1"), d.interactions().users().ids(), "tagging users are not interaction users");

        Files.writeString(dir.resolve("tags.csv"), "userId,movieId,tag,timestamp\n5,42,x,1\n");
        assertTrue(assertThrows(DataFormatException.class, () -> MovieLensLoader.load(dir, LoadOptions.defaults()))
                .getMessage().endsWith("tags.csv:2: column 2: unknown movie ID \"42\" (not in movies.csv)"));
    }

    @Test
    void duplicateMovieIdInMoviesCsv() throws IOException {
        Path dir = folder(HEADER + "1,1,4,100\n");
        Files.writeString(dir.resolve("movies.csv"), MOVIES + "1,Again (2000),Drama\n");
        assertTrue(assertThrows(DataFormatException.class, () -> MovieLensLoader.load(dir, LoadOptions.defaults()))
                .getMessage().endsWith("movies.csv:5: column 1: movie ID \"1\" appears more than once"));
    }
}

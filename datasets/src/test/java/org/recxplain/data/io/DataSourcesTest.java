package org.recxplain.data.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.DataFormatException;
import org.recxplain.data.Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DataSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void bundledNamesAndFormats() {
        assertEquals(List.of("ml-latest-small", "uci-restaurant"), DataSources.bundledNames());
        assertEquals(List.of("movielens", "ml100k", "csv", "uci-restaurant"), DataSources.formats());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSources.bundled("ml-1m"));
        assertEquals("unknown bundled data set 'ml-1m'; known: ml-latest-small, uci-restaurant", e.getMessage());
        assertSame(DataSources.bundled("uci-restaurant"), DataSources.bundled("uci-restaurant"), "cached");
    }

    @Test
    void bundledFilesAreByteIdenticalToTheirSourceRecords() throws Exception {
        // sha256 values from the SOURCE.md files shipped next to the data
        assertEquals("aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646", sha256("ml-latest-small", "ratings.csv"));
        assertEquals("5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07", sha256("ml-latest-small", "movies.csv"));
        assertEquals("92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d", sha256("ml-latest-small", "tags.csv"));
        assertEquals("b92bbd60eb0660d6580e0a0c945dd5668ba8d39eef7959997e34ee0eb9912220", sha256("uci-restaurant", "geoplaces2.csv"));
        assertEquals("fc994ea4e872365fc63e7f0bc970b36f86edeb4e80218d6a674a3d0e51181901", sha256("uci-restaurant", "rating_final.csv"));
        for (String f : List.of("README.txt", "SOURCE.md")) {
            assertTrue(DataSources.bundledFolder("ml-latest-small").file(f).exists(), f);
        }
        for (String f : List.of("README", "SOURCE.md", "chefmozhours4.csv")) {
            assertTrue(DataSources.bundledFolder("uci-restaurant").file(f).exists(), f);
        }
    }

    private static String sha256(String set, String file) throws IOException, NoSuchAlgorithmException {
        try (InputStream in = DataSources.bundledFolder(set).file(file).open()) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    void openByBundledName() {
        Dataset d = DataSources.open("uci-restaurant", null, LoadOptions.defaults());
        assertEquals(130, d.interactions().numItems());
        assertSame(d, DataSources.open("uci-restaurant", "uci-restaurant", LoadOptions.defaults()));
        assertEquals("the bundled data set 'ml-latest-small' has format movielens, not ml100k",
                assertThrows(IllegalArgumentException.class,
                        () -> DataSources.open("ml-latest-small", "ml100k", LoadOptions.defaults())).getMessage());
        Dataset lenient = DataSources.bundled("uci-restaurant", LoadOptions.defaults().withLenient(true));
        assertNotSame(d, lenient);
        assertEquals(d.interactions().size(), lenient.interactions().size());
    }

    private Path ml100kCopy() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ml-100k"));
        for (String f : List.of("u.data", "u.item", "u.user")) {
            try (InputStream in = SourceFolder.resources(Ml100kLoaderTest.FIXTURES).file(f).open()) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        return dir;
    }

    @Test
    void openPathsWithNamedOrDetectedFormats() throws IOException {
        Path dir = ml100kCopy();
        assertEquals("ml100k", DataSources.detectFormat(dir));
        Dataset auto = DataSources.open(dir.toString(), "auto", LoadOptions.defaults());
        assertEquals("ml-100k", auto.name());
        assertEquals(7, auto.interactions().size());
        assertEquals(auto.interactions().users(), DataSources.open(dir, "ml100k", LoadOptions.defaults()).interactions().users());
        assertEquals(7, DataSources.open(dir.resolve("u.data"), "ml100k", LoadOptions.defaults()).interactions().size(),
                "a file of a directory format stands for its directory");

        Path csv = Fixtures.folder(tmp, "r.csv", "user,item,rating\na,x,3\n").resolve("r.csv");
        assertEquals("csv", DataSources.detectFormat(csv));
        assertEquals(3f, DataSources.open(csv.toString(), null, LoadOptions.defaults()).interactions().value(0, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSources.open(dir, "csv", LoadOptions.defaults()))
                .getMessage().startsWith("the csv format expects the ratings file"));
    }

    @Test
    void clearErrorsForUnknownFormatsAndPaths() throws IOException {
        Path dir = ml100kCopy();
        assertEquals("unknown format 'parquet'; known formats: movielens, ml100k, csv, uci-restaurant (or auto)",
                assertThrows(IllegalArgumentException.class,
                        () -> DataSources.open(dir.toString(), "parquet", LoadOptions.defaults())).getMessage());
        Path nowhere = tmp.resolve("nowhere");
        assertEquals(nowhere + ": no such file or directory (bundled data sets: ml-latest-small, uci-restaurant)",
                assertThrows(DataFormatException.class,
                        () -> DataSources.open(nowhere.toString(), "movielens", LoadOptions.defaults())).getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSources.open(empty, null, LoadOptions.defaults()))
                .getMessage().startsWith("cannot tell the format of " + empty));
        assertEquals(empty.resolve("movies.csv") + ": file not found", assertThrows(DataFormatException.class,
                () -> DataSources.open(empty, "movielens", LoadOptions.defaults())).getMessage());
    }
}

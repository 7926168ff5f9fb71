package org.recxplain.data.io;

import org.junit.jupiter.api.Test;
import org.recxplain.data.DataFormatException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DelimitedReaderTest {

    private static DelimitedReader csv(String text) {
        return DelimitedReader.open(TextSource.ofBytes("t.csv", text.getBytes(StandardCharsets.UTF_8)),
                DelimitedFormat.csv());
    }

    private static List<List<String>> records(DelimitedReader r) {
        List<List<String>> out = new ArrayList<>();
        while (r.next()) {
            List<String> rec = new ArrayList<>();
            for (int c = 0; c < r.size(); c++) {
                rec.add(r.get(c));
            }
            out.add(rec);
        }
        return out;
    }

    @Test
    void rfc4180QuotingWithEmbeddedSeparatorsQuotesAndLineBreaks() {
        try (DelimitedReader r = csv("id,title,genres\n"
                + "1,\"Matrix, The (1999)\",Action\n"
                + "2,\"11'09\"\"01 (2002)\",Drama\n"
                + "3,\"two\nlines\",\n"
                + "4,plain,\"\"\n")) {
            assertEquals(List.of("id", "title", "genres"), r.header().names());
            assertTrue(r.next());
            assertEquals(2, r.line());
            assertEquals("Matrix, The (1999)", r.get(1));
            assertTrue(r.next());
            assertEquals("11'09\"01 (2002)", r.get(1));
            assertTrue(r.next());
            assertEquals(4, r.line());
            assertEquals(List.of("3", "two\nlines", ""), List.of(r.get(0), r.get(1), r.get(2)));
            assertTrue(r.next());
            assertEquals(6, r.line(), "the line number counts the physical lines of the multi-line record");
            assertEquals(3, r.size());
            assertEquals("", r.get(2));
            assertFalse(r.next());
        }
    }

    @Test
    void bomAndCrlfAreAcceptedAndBlankLinesSkipped() {
        byte[] bytes = Fixtures.withBom("a,b\r\n1,x\r\n\r\n2,y\r\n");
        try (DelimitedReader r = DelimitedReader.open(TextSource.ofBytes("bom.csv", bytes), DelimitedFormat.csv())) {
            assertEquals(List.of("a", "b"), r.header().names(), "the BOM is not part of the first column name");
            assertEquals(List.of(List.of("1", "x"), List.of("2", "y")), records(r));
            assertEquals(4, r.linesRead());
        }
    }

    @Test
    void lastLineWithoutNewlineAndLongLinesSpanningBuffers() {
        String longValue = "v".repeat(200_000);
        try (DelimitedReader r = csv("k,v\n1," + longValue + "\n2,end")) {
            List<List<String>> recs = records(r);
            assertEquals(longValue, recs.get(0).get(1));
            assertEquals(List.of("2", "end"), recs.get(1));
        }
    }

    @Test
    void invalidUtf8LineFallsBackToLatin1WhileValidUtf8IsKept() {
        byte[] utf8 = "1,Rinc\u00f3n\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "2,Rinc\u00f3n\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[utf8.length + latin1.length];
        System.arraycopy(utf8, 0, all, 0, utf8.length);
        System.arraycopy(latin1, 0, all, utf8.length, latin1.length);
        DelimitedFormat noHeader = DelimitedFormat.csv().withHeader(false);
        try (DelimitedReader r = DelimitedReader.open(TextSource.ofBytes("mixed.csv", all), noHeader)) {
            assertEquals(List.of(List.of("1", "Rinc\u00f3n"), List.of("2", "Rinc\u00f3n")), records(r));
            assertEquals(1, r.latin1Lines());
        }
        // declared Latin-1: UTF-8 bytes are not reinterpreted
        try (DelimitedReader r = DelimitedReader.open(TextSource.ofBytes("l1.csv", utf8),
                noHeader.withCharset(StandardCharsets.ISO_8859_1))) {
            assertTrue(r.next());
            assertEquals("Rinc\u00c3\u00b3n", r.get(1));
        }
    }

    @Test
    void typedAccessorsNameLineAndColumn() {
        try (DelimitedReader r = csv("u,i,r,t\n1,2,abc,5\n1,2,NaN,5\n1,2,Infinity,5\n1,2,1e99,5\n1,2,9,5\n1,2,3,-1\n1,,3,1\n")) {
            assertTrue(r.next());
            DataFormatException e = assertThrows(DataFormatException.class, () -> r.parseFloat(2, "rating", 0, 5));
            assertEquals("t.csv:2: column 3: expected rating as a number, got \"abc\"", e.getMessage());
            assertEquals(2, e.line());
            assertEquals(3, e.column());
            assertEquals("t.csv", e.file());
            assertTrue(r.next());
            assertEquals("t.csv:3: column 3: expected rating as a finite number, got \"NaN\"",
                    assertThrows(DataFormatException.class, () -> r.parseFloat(2, "rating", 0, 5)).getMessage());
            assertTrue(r.next());
            assertEquals("t.csv:4: column 3: expected rating as a finite number, got \"Infinity\"",
                    assertThrows(DataFormatException.class, () -> r.parseFloat(2, "rating", 0, 5)).getMessage());
            assertTrue(r.next());
            assertTrue(assertThrows(DataFormatException.class, () -> r.parseFloat(2, "rating", 0, 5))
                    .getMessage().contains("finite"));
            assertTrue(r.next());
            assertEquals("t.csv:6: column 3: expected rating in 0.5..5, got 9",
                    assertThrows(DataFormatException.class, () -> r.parseFloat(2, "rating", 0.5f, 5)).getMessage());
            assertTrue(r.next());
            assertEquals("t.csv:7: column 4: expected timestamp >= 0, got -1", assertThrows(DataFormatException.class,
                    () -> r.parseLong(3, "timestamp", 0, Long.MAX_VALUE)).getMessage());
            assertEquals(3f, r.parseFloat(2, "rating", 0, 5));
            assertTrue(r.next());
            assertEquals("t.csv:8: column 2: expected the item ID, got an empty value",
                    assertThrows(DataFormatException.class, () -> r.id(1, "item ID")).getMessage());
            assertEquals("t.csv:8: expected 5 columns, got 4",
                    assertThrows(DataFormatException.class, () -> r.requireColumns(5)).getMessage());
        }
    }

    @Test
    void integerAccessorRejectsDecimals() {
        try (DelimitedReader r = csv("a\n4.5\n")) {
            assertTrue(r.next());
            assertEquals("t.csv:2: column 1: expected rating as an integer, got \"4.5\"",
                    assertThrows(DataFormatException.class, () -> r.parseInt(0, "rating", 0, 5)).getMessage());
        }
    }

    @Test
    void textAfterClosingQuoteIsARowErrorAndReadingContinues() {
        try (DelimitedReader r = csv("a,b\n\"x\"y,1\n2,3\n")) {
            assertTrue(r.next());
            DataFormatException e = assertThrows(DataFormatException.class, () -> r.get(0));
            assertEquals("t.csv:2: column 1: expected a separator or the end of the line after a closing quote,"
                    + " got \"y\"", e.getMessage());
            assertTrue(r.next());
            assertEquals("3", r.get(1));
        }
    }

    @Test
    void unterminatedQuoteIsFatal() {
        try (DelimitedReader r = csv("a,b\n1,\"open\n2,3\n")) {
            DataFormatException e = assertThrows(DataFormatException.class, r::next);
            assertEquals("t.csv:2: column 2: expected a closing quote, got the end of the file (unterminated quoted"
                    + " field)", e.getMessage());
        }
    }

    @Test
    void headerErrors() {
        DataFormatException empty = assertThrows(DataFormatException.class, () -> csv(""));
        assertEquals("t.csv: the file is empty: expected a header line", empty.getMessage());
        DataFormatException dup = assertThrows(DataFormatException.class, () -> csv("a,b,a\n1,2,3\n"));
        assertEquals("t.csv:1: column 3: duplicate column name \"a\" in the header (also column 1)", dup.getMessage());
        try (DelimitedReader r = csv("userId,movieId,score\n1,2,3\n")) {
            DataFormatException unknown = assertThrows(DataFormatException.class,
                    () -> r.header().allowOnly(List.of("userId", "movieId", "rating")));
            assertEquals("t.csv:1: column 3: unknown header column \"score\", expected one of [userId, movieId,"
                    + " rating]", unknown.getMessage());
            assertTrue(assertThrows(DataFormatException.class, () -> r.header().require("rating"))
                    .getMessage().startsWith("t.csv:1: expected a column named \"rating\""));
        }
    }

    @Test
    void missingFileNamesTheFile() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DelimitedReader.open(TextSource.resource("no/such/file.csv"), DelimitedFormat.csv()));
        assertEquals("classpath:no/such/file.csv: file not found", e.getMessage());
        assertFalse(TextSource.resource("no/such/file.csv").exists());
    }

    @Test
    void unquotedFormatKeepsQuotesAndOtherSeparators() {
        DelimitedFormat pipes = new DelimitedFormat('|', false, StandardCharsets.UTF_8, false);
        try (DelimitedReader r = DelimitedReader.open(TextSource.ofBytes("p", "\"a|b,c|\n".getBytes(StandardCharsets.UTF_8)), pipes)) {
            assertEquals(List.of(List.of("\"a", "b,c", "")), records(r));
        }
    }

    @Test
    void formatRejectsMultiByteCharsets() {
        assertThrows(IllegalArgumentException.class,
                () -> DelimitedFormat.csv().withCharset(StandardCharsets.UTF_16));
        assertThrows(IllegalArgumentException.class, () -> DelimitedFormat.csv().withSeparator('"'));
    }
}

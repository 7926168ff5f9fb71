package org.recxplain.data.io;

import org.recxplain.data.DataFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * Reads a delimited text file record by record, with 1-based line numbers and typed accessors whose
 * errors name the file, line and column. See {@link DelimitedFormat} for separators, quoting and
 * encodings. Blank lines are skipped. A header line, if the format has one, is read on opening.
 *
 * <p>Usage: {@code while (r.next()) { String id = r.id(0, "user ID"); float v = r.parseFloat(2, "rating", 1, 5); }}.
 * Columns are 0-based in this API and 1-based in messages.
 *
 * <p>A record that cannot be split (text after a closing quote) is reported when it is accessed, so a
 * lenient caller can skip it; a quoted field still open at the end of the file is a fatal error.
 *
 * <p>Thread-safety: not thread-safe; one reader per thread. Close it (try-with-resources).
 */
public final class DelimitedReader implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DelimitedReader.class);
    private static final int BUFFER = 1 << 16;

    private final String name;
    private final DelimitedFormat format;
    private final InputStream in;
    private final boolean latin1;
    private final CharsetDecoder decoder;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] lineBytes = new byte[256];
    private long physicalLines;
    private long latin1Lines;
    private final StringBuilder quoted = new StringBuilder();
    private String[] fields = new String[16];
    private int size;
    private long recordLine;
    private DataFormatException rowError;
    private final Header header;

    private DelimitedReader(String name, DelimitedFormat format, InputStream in) {
        this.name = name;
        this.format = format;
        this.in = in;
        boolean utf8 = format.charset().equals(StandardCharsets.UTF_8);
        this.latin1 = format.charset().equals(StandardCharsets.ISO_8859_1);
        this.decoder = format.charset().newDecoder()
                .onMalformedInput(utf8 ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE)
                .onUnmappableCharacter(utf8 ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE);
        if (format.hasHeader()) {
            if (!next()) {
                throw new DataFormatException(name, 0, 0, "the file is empty: expected a header line");
            }
            if (rowError != null) {
                throw rowError;
            }
            String[] names = new String[size];
            for (int c = 0; c < size; c++) {
                names[c] = fields[c].trim();
            }
            header = new Header(name, recordLine, Arrays.asList(names));
        } else {
            header = null;
        }
    }

    /**
     * Opens a source.
     *
     * @throws DataFormatException  if the source does not exist, or if the format has a header and the file
     *                              is empty or its header is malformed
     * @throws UncheckedIOException on other I/O errors; the message names the source
     */
    public static DelimitedReader open(TextSource source, DelimitedFormat format) {
        InputStream in;
        try {
            in = source.open();
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new DataFormatException(source.name(), "file not found", e);
        } catch (IOException e) {
            throw new UncheckedIOException(source.name() + ": cannot open: " + e.getMessage(), e);
        }
        try {
            return new DelimitedReader(source.name(), format, in);
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The source's name, as used in messages. */
    public String sourceName() {
        return name;
    }

    /** The format being read. */
    public DelimitedFormat format() {
        return format;
    }

    /**
     * The header.
     *
     * @throws IllegalStateException if the format has no header
     */
    public Header header() {
        if (header == null) {
            throw new IllegalStateException(name + ": the format has no header");
        }
        return header;
    }

    /** Physical lines read so far (0 for an empty file). */
    public long linesRead() {
        return physicalLines;
    }

    /** Lines that were not valid UTF-8 and were decoded as ISO-8859-1 (UTF-8 format only). */
    public long latin1Lines() {
        return latin1Lines;
    }

    /**
     * Advances to the next record.
     *
     * @return false at the end of the file
     * @throws DataFormatException  if a quoted field is still open at the end of the file
     * @throws UncheckedIOException on I/O errors
     */
    public boolean next() {
        rowError = null;
        String line;
        do {
            line = readLine();
            if (line == null) {
                size = 0;
                return false;
            }
        } while (line.isBlank());
        recordLine = physicalLines;
        split(line);
        return true;
    }

    /** The 1-based line on which the current record starts. */
    public long line() {
        return recordLine;
    }

    /**
     * Number of columns of the current record.
     *
     * @throws DataFormatException if the record could not be split
     */
    public int size() {
        if (rowError != null) {
            throw rowError;
        }
        return size;
    }

    /**
     * Checks the current record's number of columns.
     *
     * @throws DataFormatException if it differs from {@code expected}, or if the record could not be split
     */
    public void requireColumns(int expected) {
        if (size() != expected) {
            String names = header != null && header.size() == expected
                    ? " (" + String.join(",", header.names()) + ")" : "";
            throw error(-1, "expected " + expected + " columns" + names + ", got " + size);
        }
    }

    /**
     * The raw text of a column of the current record (untrimmed).
     *
     * @throws DataFormatException if the record has no such column or could not be split
     */
    public String get(int column) {
        if (column < 0 || column >= size()) {
            throw error(-1, "expected at least " + (column + 1) + " columns, got " + size);
        }
        return fields[column];
    }

    /**
     * A non-empty identifier, trimmed.
     *
     * @param what what it identifies, for messages, e.g. {@code "user ID"}
     * @throws DataFormatException if the column is empty
     */
    public String id(int column, String what) {
        String s = get(column).trim();
        if (s.isEmpty()) {
            throw error(column, "expected the " + what + ", got an empty value");
        }
        return s;
    }

    /**
     * A finite decimal number in {@code [min, max]}.
     *
     * @throws DataFormatException if the column is not a number, is NaN or infinite, or is out of range
     */
    public float parseFloat(int column, String what, float min, float max) {
        String s = get(column).trim();
        float v;
        if (Text.numberChars(s)) {
            try {
                v = Float.parseFloat(s);
            } catch (NumberFormatException e) {
                throw error(column, "expected " + what + " as a number, got " + Text.show(s));
            }
        } else if (Text.nonFiniteWord(s)) {
            throw error(column, "expected " + what + " as a finite number, got " + Text.show(s));
        } else {
            throw error(column, "expected " + what + " as a number, got " + Text.show(s));
        }
        if (!Float.isFinite(v)) {
            throw error(column, "expected " + what + " as a finite number, got " + Text.show(s));
        }
        if (v < min || v > max) {
            throw error(column, "expected " + what + " " + range(min, max, Float.MAX_VALUE) + ", got " + s);
        }
        return v;
    }

    /**
     * A decimal integer in {@code [min, max]}.
     *
     * @throws DataFormatException if the column is not an integer or is out of range
     */
    public long parseLong(int column, String what, long min, long max) {
        String s = get(column).trim();
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(column, "expected " + what + " as an integer, got " + Text.show(s));
        }
        if (v < min || v > max) {
            throw error(column, "expected " + what + " " + range(min, max, Long.MAX_VALUE) + ", got " + s);
        }
        return v;
    }

    /** A decimal integer in {@code [min, max]} (see {@link #parseLong}). */
    public int parseInt(int column, String what, int min, int max) {
        return (int) parseLong(column, what, min, max);
    }

    /**
     * An error about the current record.
     *
     * @param column the 0-based column, or -1 for the record as a whole
     */
    public DataFormatException error(int column, String message) {
        return new DataFormatException(name, recordLine, column + 1, message);
    }

    private static String range(double min, double max, double top) {
        if (max >= top) {
            return ">= " + num(min);
        }
        if (min <= -top) {
            return "<= " + num(max);
        }
        return "in " + num(min) + ".." + num(max);
    }

    private static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString((float) x);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": close failed: " + e.getMessage(), e);
        }
    }

    // ---- record splitting ----

    private void split(String first) {
        size = 0;
        String line = first;
        char sep = format.separator();
        boolean quoting = format.quoting();
        int i = 0;
        while (true) {
            if (quoting && i < line.length() && line.charAt(i) == '"') {
                quoted.setLength(0);
                i++;
                while (true) {
                    int q = line.indexOf('"', i);
                    if (q < 0) {
                        quoted.append(line, i, line.length());
                        String more = readLine();
                        if (more == null) {
                            throw new DataFormatException(name, recordLine, size + 1,
                                    "expected a closing quote, got the end of the file (unterminated quoted field)");
                        }
                        quoted.append('\n');
                        line = more;
                        i = 0;
                        continue;
                    }
                    quoted.append(line, i, q);
                    if (q + 1 < line.length() && line.charAt(q + 1) == '"') {
                        quoted.append('"');
                        i = q + 2;
                        continue;
                    }
                    i = q + 1;
                    break;
                }
                add(quoted.toString());
                if (i >= line.length()) {
                    return;
                }
                if (line.charAt(i) != sep) {
                    if (rowError == null) {
                        rowError = error(size - 1, "expected a separator or the end of the line after a closing"
                                + " quote, got " + Text.show(String.valueOf(line.charAt(i))));
                    }
                    int j = line.indexOf(sep, i);
                    if (j < 0) {
                        return;
                    }
                    i = j;
                }
                i++;
                continue;
            }
            int j = line.indexOf(sep, i);
            if (j < 0) {
                add(line.substring(i));
                return;
            }
            add(line.substring(i, j));
            i = j + 1;
        }
    }

    private void add(String field) {
        if (size == fields.length) {
            fields = Arrays.copyOf(fields, size * 2);
        }
        fields[size++] = field;
    }

    // ---- line reading and decoding ----

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": read failed after line " + physicalLines + ": "
                    + e.getMessage(), e);
        }
    }

    /** The next physical line without its line end, or null at the end of the file. */
    private String readLine() {
        int len = 0;
        while (true) {
            if (pos >= limit && !fill()) {
                if (len == 0) {
                    return null;
                }
                return finishLine(lineBytes, 0, len);
            }
            int nl = -1;
            for (int k = pos; k < limit; k++) {
                if (buf[k] == '\n') {
                    nl = k;
                    break;
                }
            }
            if (nl >= 0 && len == 0) {
                int start = pos;
                pos = nl + 1;
                return finishLine(buf, start, nl - start);
            }
            int end = nl < 0 ? limit : nl;
            int n = end - pos;
            if (len + n > lineBytes.length) {
                lineBytes = Arrays.copyOf(lineBytes, Math.max(lineBytes.length * 2, len + n));
            }
            System.arraycopy(buf, pos, lineBytes, len, n);
            len += n;
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                return finishLine(lineBytes, 0, len);
            }
        }
    }

    private String finishLine(byte[] b, int off, int len) {
        physicalLines++;
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        if (physicalLines == 1 && len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB
                && b[off + 2] == (byte) 0xBF) {
            off += 3;
            len -= 3;
        }
        boolean ascii = true;
        for (int k = off, end = off + len; k < end; k++) {
            if (b[k] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii || latin1) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            // only UTF-8 reports errors: the line is not UTF-8, so read it as Latin-1 (documented fallback)
            latin1Lines++;
            LOG.debug("{}:{}: not valid UTF-8, decoded as ISO-8859-1", name, physicalLines);
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
    }
}

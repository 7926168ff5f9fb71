package org.recxplain.data.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a delimited text file is laid out.
 *
 * <p>Encoding: with {@link StandardCharsets#UTF_8} (the default) each line is decoded as UTF-8, and a line
 * that is not valid UTF-8 is decoded as ISO-8859-1 instead (so a stray Latin-1 byte, as in the UCI
 * {@code geoplaces2.csv}, comes out right rather than as a replacement character). With
 * {@link StandardCharsets#ISO_8859_1} every line is Latin-1 (the MovieLens 100K {@code u.item}). Any other
 * ASCII-compatible charset decodes with replacement. A UTF-8 byte-order mark at the start is always
 * removed, and lines may end in LF or CRLF.
 *
 * @param separator the column separator, e.g. {@code ','}, {@code '\t'} or {@code '|'}
 * @param quoting   whether RFC-4180 double-quoting applies: a field that starts with {@code "} ends at the
 *                  next lone {@code "}, {@code ""} inside it stands for one quote, and it may span lines
 * @param charset   the declared encoding (see above)
 * @param hasHeader whether the first line names the columns
 */
public record DelimitedFormat(char separator, boolean quoting, Charset charset, boolean hasHeader) {

    public DelimitedFormat {
        Objects.requireNonNull(charset, "charset");
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("invalid separator " + Text.show(String.valueOf(separator)));
        }
        byte[] probe = "\n\r\"".getBytes(charset);
        if (probe.length != 3 || probe[0] != '\n' || probe[1] != '\r' || probe[2] != '"') {
            throw new IllegalArgumentException("charset " + charset + " is not ASCII-compatible; only single-byte"
                    + " line ends are supported (use UTF-8 or ISO-8859-1)");
        }
    }

    /** Comma-separated, RFC-4180 quoting, UTF-8 (Latin-1 fallback per line), with a header line. */
    public static DelimitedFormat csv() {
        return new DelimitedFormat(',', true, StandardCharsets.UTF_8, true);
    }

    /** The same format with another separator. */
    public DelimitedFormat withSeparator(char sep) {
        return new DelimitedFormat(sep, quoting, charset, hasHeader);
    }

    /** The same format with or without quoting. */
    public DelimitedFormat withQuoting(boolean q) {
        return new DelimitedFormat(separator, q, charset, hasHeader);
    }

    /** The same format with another declared charset. */
    public DelimitedFormat withCharset(Charset cs) {
        return new DelimitedFormat(separator, quoting, cs, hasHeader);
    }

    /** The same format with or without a header line. */
    public DelimitedFormat withHeader(boolean header) {
        return new DelimitedFormat(separator, quoting, charset, header);
    }
}

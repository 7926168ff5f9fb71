package org.recxplain.data;

/**
 * Thrown when input data is malformed. The message names the file, the line and column (1-based, where
 * they apply) and what was expected, for example
 * {@code ratings.csv:17: column 3 (rating): expected a finite number, got "abc"}.
 */
public class DataFormatException extends RuntimeException {
    private final String file;
    private final long line;
    private final int column;

    public DataFormatException(String file, long line, int column, String message) {
        super(format(file, line, column, message));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public DataFormatException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
        this.line = 0;
        this.column = 0;
    }

    private static String format(String file, long line, int column, String message) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (column > 0) {
            sb.append("column ").append(column).append(": ");
        }
        return sb.append(message).toString();
    }

    /** The file (or resource) name. */
    public String file() {
        return file;
    }

    /** The 1-based line number, or 0 if the error is not tied to a line. */
    public long line() {
        return line;
    }

    /** The 1-based column number, or 0 if the error is not tied to a column. */
    public int column() {
        return column;
    }
}

package org.recxplain.cli;

/** RFC 4180 quoting for CSV output. Stateless. */
final class Csv {
    private Csv() {
    }

    /** {@code s} as one CSV field: quoted (with inner quotes doubled) if it holds a comma, quote or line break. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

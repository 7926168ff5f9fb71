package org.recxplain.data.io;

import org.recxplain.data.DataFormatException;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column names of a delimited file's header line (trimmed), with checks that report the file and line.
 *
 * <p>Thread-safety: immutable.
 */
public final class Header {
    private final String file;
    private final long line;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    Header(String file, long line, List<String> names) {
        this.file = file;
        this.line = line;
        this.names = List.copyOf(names);
        for (int c = 0; c < this.names.size(); c++) {
            String n = this.names.get(c);
            if (n.isEmpty()) {
                throw new DataFormatException(file, line, c + 1, "expected a column name in the header, got an"
                        + " empty value");
            }
            Integer before = index.putIfAbsent(n, c);
            if (before != null) {
                throw new DataFormatException(file, line, c + 1, "duplicate column name " + Text.show(n)
                        + " in the header (also column " + (before + 1) + ")");
            }
        }
    }

    /** The column names, in order. */
    public List<String> names() {
        return names;
    }

    /** Number of columns. */
    public int size() {
        return names.size();
    }

    /** The 0-based position of a column, or -1 if the header has no such column. */
    public int indexOf(String name) {
        Integer c = index.get(name);
        return c == null ? -1 : c;
    }

    /**
     * The 0-based position of a column that must be present.
     *
     * @throws DataFormatException naming the file and header line if the column is absent
     */
    public int require(String name) {
        int c = indexOf(name);
        if (c < 0) {
            throw new DataFormatException(file, line, 0, "expected a column named " + Text.show(name)
                    + " in the header, got " + names);
        }
        return c;
    }

    /**
     * Checks that every column is one of the known names.
     *
     * @return this header
     * @throws DataFormatException naming the file, line and column of the first unknown column
     */
    public Header allowOnly(Collection<String> known) {
        for (int c = 0; c < names.size(); c++) {
            if (!known.contains(names.get(c))) {
                throw new DataFormatException(file, line, c + 1, "unknown header column " + Text.show(names.get(c))
                        + ", expected one of " + known);
            }
        }
        return this;
    }

    /** Requires exactly the given columns, in any order; returns their positions in the order given. */
    public int[] exactly(List<String> columns) {
        allowOnly(columns);
        int[] pos = new int[columns.size()];
        for (int k = 0; k < pos.length; k++) {
            pos[k] = require(columns.get(k));
        }
        return pos;
    }

    @Override
    public String toString() {
        return names.toString();
    }
}

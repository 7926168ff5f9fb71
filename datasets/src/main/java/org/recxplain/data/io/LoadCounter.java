package org.recxplain.data.io;

import org.recxplain.data.DataFormatException;
import org.recxplain.data.LoadReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the row loop of one load (possibly over several files) and counts rows read, skipped and filtered.
 * In strict mode a malformed row ends the load; in lenient mode it is skipped, counted, and its message is
 * kept (the first {@value #MAX_MESSAGES}). Not thread-safe.
 */
final class LoadCounter {
    static final int MAX_MESSAGES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(LoadCounter.class);

    /** Handles one record; throws {@link DataFormatException} if it is malformed. */
    @FunctionalInterface
    interface RowHandler {
        void accept(DelimitedReader row);
    }

    private final LoadOptions options;
    private long read;
    private long skipped;
    private long filtered;
    private final List<String> messages = new ArrayList<>();

    LoadCounter(LoadOptions options) {
        this.options = options;
    }

    LoadOptions options() {
        return options;
    }

    /**
     * Calls {@code handler} for every record of {@code r}, after checking that it has {@code columns}
     * columns (any number if negative).
     *
     * @return the number of records accepted (not skipped)
     * @throws DataFormatException if the file has no data rows, or (strict mode) on the first malformed row
     */
    long forEachRow(DelimitedReader r, int columns, RowHandler handler) {
        long seen = 0;
        long bad = 0;
        while (r.next()) {
            seen++;
            try {
                if (columns >= 0) {
                    r.requireColumns(columns);
                }
                handler.accept(r);
            } catch (DataFormatException e) {
                skip(e);
                bad++;
            }
        }
        read += seen;
        if (seen == 0) {
            throw new DataFormatException(r.sourceName(), 0, 0, r.linesRead() == 0 ? "the file is empty"
                    : r.format().hasHeader() ? "no data rows (the file holds only a header)" : "no data rows");
        }
        if (r.latin1Lines() > 0) {
            LOG.debug("{}: {} lines were not UTF-8 and were read as ISO-8859-1", r.sourceName(), r.latin1Lines());
        }
        return seen - bad;
    }

    /** Like {@link #forEachRow} for a file of interactions, which must keep at least one row. */
    void forEachInteraction(DelimitedReader r, int columns, RowHandler handler) {
        long before = messages.size();
        long accepted = forEachRow(r, columns, handler);
        if (accepted == 0) {
            throw new DataFormatException(r.sourceName(), 0, 0, "no valid data rows: every row was skipped"
                    + (messages.size() > before ? "; the first: " + messages.get((int) before) : ""));
        }
    }

    /** Records a malformed row: rethrows in strict mode, counts it in lenient mode. */
    void skip(DataFormatException e) {
        if (!options.lenient()) {
            throw e;
        }
        skipped++;
        if (messages.size() < MAX_MESSAGES) {
            messages.add(e.getMessage());
        }
        LOG.debug("skipped: {}", e.getMessage());
    }

    /** Records a well-formed row dropped by a documented rule. */
    void filtered() {
        filtered++;
    }

    /** The report, with the duplicates merged while building the interactions. */
    LoadReport report(long duplicates) {
        LoadReport rep = new LoadReport(read, skipped, duplicates, filtered, messages);
        if (skipped > 0) {
            LOG.warn("{} malformed rows skipped; the first: {}", skipped, messages.get(0));
        }
        return rep;
    }
}

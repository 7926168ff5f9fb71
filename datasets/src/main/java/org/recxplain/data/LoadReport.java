package org.recxplain.data;

import java.util.List;

/**
 * What a loader or builder did with its input: rows read, rows skipped in lenient mode (with the first few
 * reasons), duplicate pairs merged, and rows dropped by a documented rule (such as an implicit-feedback
 * threshold). Nothing is dropped without being counted here.
 *
 * @param rowsRead       data rows read (not counting headers)
 * @param rowsSkipped    malformed rows skipped in lenient mode
 * @param duplicates     duplicate (user, item) rows merged by the {@link DuplicatePolicy}
 * @param rowsFiltered   well-formed rows dropped on purpose by a configured rule
 * @param messages       the first skip reasons, each naming file, line and column
 */
public record LoadReport(long rowsRead, long rowsSkipped, long duplicates, long rowsFiltered, List<String> messages) {

    public static final LoadReport EMPTY = new LoadReport(0, 0, 0, 0, List.of());

    public LoadReport {
        messages = List.copyOf(messages);
    }

    /** The sum of two reports (for data assembled from several files). */
    public LoadReport plus(LoadReport o) {
        var all = new java.util.ArrayList<>(messages);
        all.addAll(o.messages);
        return new LoadReport(rowsRead + o.rowsRead, rowsSkipped + o.rowsSkipped, duplicates + o.duplicates,
                rowsFiltered + o.rowsFiltered, all.subList(0, Math.min(all.size(), 20)));
    }

    /** One line for a person, e.g. {@code "100836 rows read, 0 skipped, 0 duplicates merged, 0 filtered"}. */
    public String summary() {
        return rowsRead + " rows read, " + rowsSkipped + " skipped, " + duplicates + " duplicates merged, "
                + rowsFiltered + " filtered";
    }
}

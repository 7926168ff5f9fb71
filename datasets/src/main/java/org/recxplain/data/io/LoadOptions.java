package org.recxplain.data.io;

import org.recxplain.data.DuplicatePolicy;

import java.util.Objects;

/**
 * Options common to all loaders.
 *
 * @param lenient    if true, malformed rows are skipped and counted in the data set's
 *                   {@link org.recxplain.data.LoadReport} (with the first few reasons) instead of failing the
 *                   load; file-level problems (missing or empty file, bad header, no data rows) still fail
 * @param duplicates what to do with repeated (user, item) rows; they are always counted. Under
 *                   {@link DuplicatePolicy#ERROR} a repeat is a malformed row (an error naming both lines, or a
 *                   counted skip in lenient mode)
 */
public record LoadOptions(boolean lenient, DuplicatePolicy duplicates) {

    public LoadOptions {
        Objects.requireNonNull(duplicates, "duplicates");
    }

    /** Strict, duplicates resolved by {@link DuplicatePolicy#LATEST}. */
    public static LoadOptions defaults() {
        return new LoadOptions(false, DuplicatePolicy.LATEST);
    }

    /** These options with lenient mode on or off. */
    public LoadOptions withLenient(boolean on) {
        return new LoadOptions(on, duplicates);
    }

    /** These options with another duplicate policy. */
    public LoadOptions withDuplicates(DuplicatePolicy policy) {
        return new LoadOptions(lenient, policy);
    }
}

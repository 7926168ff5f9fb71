package org.recxplain.data.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * How a generic delimited ratings file (and its optional feature files) is laid out; see {@link CsvLoader}.
 * Build with {@link #builder()}; {@link #defaults()} is:
 * <pre>
 *   separator ','   charset UTF-8 (Latin-1 fallback per line)
 *   userColumn "user"   itemColumn "item"   ratingColumn "rating"   timestampColumn "timestamp"
 *   minRating -Infinity   maxRating +Infinity   multiValueSeparator '|'   missingValues {"", "?", "NA"}
 *   itemFeatures none   userFeatures none
 * </pre>
 * The rating and timestamp columns are optional: {@code null} means the file has none (every value is 1;
 * no timestamps). A column left at its default name ({@value #DEFAULT_RATING_COLUMN},
 * {@value #DEFAULT_TIMESTAMP_COLUMN}) is used if the header has it and ignored otherwise; any other name
 * must be in the header.
 *
 * @param separator           the column separator of all files
 * @param charset             the declared encoding (see {@link DelimitedFormat})
 * @param userColumn          header name of the user ID column
 * @param itemColumn          header name of the item ID column
 * @param ratingColumn        header name of the rating column, or {@code null} for unary data (value 1)
 * @param timestampColumn     header name of the timestamp column (integer, non-negative), or {@code null}
 * @param minRating           the lowest valid rating (inclusive)
 * @param maxRating           the highest valid rating (inclusive)
 * @param multiValueSeparator separates the values of a multi-valued cell in the feature files
 * @param missingValues       cell texts (after trimming) that mean "no value" in the feature files
 * @param itemFeatures        an optional item feature file, or {@code null}
 * @param userFeatures        an optional user feature file, or {@code null}
 */
public record CsvLayout(char separator, Charset charset, String userColumn, String itemColumn, String ratingColumn,
                        String timestampColumn, float minRating, float maxRating, char multiValueSeparator,
                        Set<String> missingValues, Path itemFeatures, Path userFeatures) {

    /** The default, optional, rating column name. */
    public static final String DEFAULT_RATING_COLUMN = "rating";
    /** The default, optional, timestamp column name. */
    public static final String DEFAULT_TIMESTAMP_COLUMN = "timestamp";

    public CsvLayout {
        Objects.requireNonNull(charset, "charset");
        if (userColumn == null || userColumn.isBlank() || itemColumn == null || itemColumn.isBlank()) {
            throw new IllegalArgumentException("the user and item columns must be named, got " + userColumn
                    + " and " + itemColumn);
        }
        if (userColumn.equals(itemColumn) || userColumn.equals(ratingColumn) || itemColumn.equals(ratingColumn)
                || (timestampColumn != null && (timestampColumn.equals(userColumn)
                || timestampColumn.equals(itemColumn) || timestampColumn.equals(ratingColumn)))) {
            throw new IllegalArgumentException("the user, item, rating and timestamp columns must differ, got "
                    + userColumn + ", " + itemColumn + ", " + ratingColumn + ", " + timestampColumn);
        }
        if (Float.isNaN(minRating) || Float.isNaN(maxRating) || minRating > maxRating) {
            throw new IllegalArgumentException("invalid rating range " + minRating + ".." + maxRating);
        }
        if (multiValueSeparator == separator) {
            throw new IllegalArgumentException("the multi-value separator must differ from the column separator '"
                    + separator + "'");
        }
        missingValues = Set.copyOf(missingValues);
        new DelimitedFormat(separator, true, charset, true); // validates separator and charset
    }

    /** The defaults listed above. */
    public static CsvLayout defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this layout. */
    public Builder toBuilder() {
        return new Builder().separator(separator).charset(charset).userColumn(userColumn).itemColumn(itemColumn)
                .ratingColumn(ratingColumn).timestampColumn(timestampColumn).ratingRange(minRating, maxRating)
                .multiValueSeparator(multiValueSeparator).missingValues(missingValues).itemFeatures(itemFeatures)
                .userFeatures(userFeatures);
    }

    /** The format of the ratings and feature files. */
    DelimitedFormat format() {
        return DelimitedFormat.csv().withSeparator(separator).withCharset(charset);
    }

    /** Mutable builder of a {@link CsvLayout}; not thread-safe. */
    public static final class Builder {
        private char separator = ',';
        private Charset charset = StandardCharsets.UTF_8;
        private String userColumn = "user";
        private String itemColumn = "item";
        private String ratingColumn = DEFAULT_RATING_COLUMN;
        private String timestampColumn = DEFAULT_TIMESTAMP_COLUMN;
        private float minRating = Float.NEGATIVE_INFINITY;
        private float maxRating = Float.POSITIVE_INFINITY;
        private char multiValueSeparator = '|';
        private Set<String> missingValues = Set.of("", "?", "NA");
        private Path itemFeatures;
        private Path userFeatures;

        private Builder() {
        }

        public Builder separator(char sep) {
            this.separator = sep;
            return this;
        }

        public Builder charset(Charset cs) {
            this.charset = cs;
            return this;
        }

        public Builder userColumn(String name) {
            this.userColumn = name;
            return this;
        }

        public Builder itemColumn(String name) {
            this.itemColumn = name;
            return this;
        }

        /** The rating column, or {@code null} for unary data (every value 1). */
        public Builder ratingColumn(String name) {
            this.ratingColumn = name;
            return this;
        }

        /** The timestamp column, or {@code null} for none. */
        public Builder timestampColumn(String name) {
            this.timestampColumn = name;
            return this;
        }

        /** The valid rating range, inclusive. */
        public Builder ratingRange(float min, float max) {
            this.minRating = min;
            this.maxRating = max;
            return this;
        }

        public Builder multiValueSeparator(char sep) {
            this.multiValueSeparator = sep;
            return this;
        }

        public Builder missingValues(Set<String> values) {
            this.missingValues = Set.copyOf(values);
            return this;
        }

        /** An item feature file (first column the item ID), or {@code null}. */
        public Builder itemFeatures(Path file) {
            this.itemFeatures = file;
            return this;
        }

        /** A user feature file (first column the user ID), or {@code null}. */
        public Builder userFeatures(Path file) {
            this.userFeatures = file;
            return this;
        }

        /**
         * The layout.
         *
         * @throws IllegalArgumentException if columns are unnamed or clash, the range is empty, or the
         *                                  separators clash
         */
        public CsvLayout build() {
            return new CsvLayout(separator, charset, userColumn, itemColumn, ratingColumn, timestampColumn,
                    minRating, maxRating, multiValueSeparator, missingValues, itemFeatures, userFeatures);
        }
    }
}

package org.recxplain.data.io;

import org.recxplain.data.DataFormatException;
import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.SideFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Loads generic delimited files laid out as a {@link CsvLayout} says.
 *
 * <p>The ratings file has a header; the user and item columns (and the rating and timestamp columns, when
 * used) are found by name, other columns are ignored. Users and items are numbered in order of first
 * appearance.
 *
 * <p>A feature file has a header and one row per entity: the first column is the ID, every other column
 * is a feature group named by its header. A group whose non-missing cells all parse as finite numbers is
 * {@link FeatureKind#NUMERIC}; otherwise it is {@link FeatureKind#MULTI_VALUED} if any cell holds the
 * multi-value separator (the cell is split on it) and {@link FeatureKind#CATEGORICAL} if none does. Missing
 * cells give no feature. Entities listed in a feature file but absent from the ratings join the data set
 * (after those of the ratings, in file order) with no interactions, so a catalogue can be complete. An ID
 * listed twice in a feature file is a malformed row.
 *
 * <p>Item titles are the item IDs. Thread-safety: stateless; safe to call concurrently.
 */
public final class CsvLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvLoader.class);

    private CsvLoader() {
    }

    /**
     * Loads a ratings file and the feature files named in the layout; the data set is named after the
     * ratings file (without extension).
     */
    public static Dataset load(Path ratings, CsvLayout layout, LoadOptions options) {
        String name = Text.baseName(ratings);
        int dot = name.lastIndexOf('.');
        return load(TextSource.of(ratings), layout.itemFeatures() == null ? null : TextSource.of(layout.itemFeatures()),
                layout.userFeatures() == null ? null : TextSource.of(layout.userFeatures()),
                dot > 0 ? name.substring(0, dot) : name, layout, options);
    }

    /**
     * Loads from sources (the layout's feature file paths are ignored).
     *
     * @param itemFeatures an item feature source, or {@code null}
     * @param userFeatures a user feature source, or {@code null}
     * @throws DataFormatException if a file is missing, empty or malformed (see {@link LoadOptions#lenient()}),
     *                             or the header lacks a configured column
     */
    public static Dataset load(TextSource ratings, TextSource itemFeatures, TextSource userFeatures, String name,
                               CsvLayout layout, LoadOptions options) {
        LoadCounter counter = new LoadCounter(options);
        InteractionCollector data = new InteractionCollector(options, "user ID", "item ID");
        try (DelimitedReader r = DelimitedReader.open(ratings, layout.format())) {
            Header h = r.header();
            int uc = h.require(layout.userColumn());
            int ic = h.require(layout.itemColumn());
            int rc = optionalColumn(r, layout.ratingColumn(), CsvLayout.DEFAULT_RATING_COLUMN);
            int tc = optionalColumn(r, layout.timestampColumn(), CsvLayout.DEFAULT_TIMESTAMP_COLUMN);
            float min = layout.minRating();
            float max = layout.maxRating();
            counter.forEachInteraction(r, h.size(), row -> {
                float value = rc < 0 ? 1f : row.parseFloat(rc, "rating", min, max);
                long time = tc < 0 ? InteractionsBuilder.NO_TIME : row.parseLong(tc, "timestamp", 0, Long.MAX_VALUE);
                data.add(row, uc, ic, value, time);
            });
        }
        SideFeatures.Builder itemFeatureBuilder = new SideFeatures.Builder();
        SideFeatures.Builder userFeatureBuilder = new SideFeatures.Builder();
        if (itemFeatures != null) {
            readFeatures(itemFeatures, layout, counter, itemFeatureBuilder, id -> {
                int i = data.itemIndex(id);
                return i >= 0 ? i : data.registerItem(id);
            });
        }
        if (userFeatures != null) {
            readFeatures(userFeatures, layout, counter, userFeatureBuilder, id -> {
                int u = data.userIndex(id);
                return u >= 0 ? u : data.registerUser(id);
            });
        }
        return data.dataset(name, counter, itemFeatureBuilder, userFeatureBuilder, null);
    }

    private static int optionalColumn(DelimitedReader r, String name, String defaultName) {
        if (name == null) {
            return -1;
        }
        if (name.equals(defaultName) && r.header().indexOf(name) < 0) {
            LOG.info("{}: no '{}' column, so none is used", r.sourceName(), name);
            return -1;
        }
        return r.header().require(name);
    }

    /** Reads a feature table (validating rows first, then inferring each column's kind). */
    private static void readFeatures(TextSource src, CsvLayout layout, LoadCounter counter,
                                     SideFeatures.Builder features, ToIntFunction<String> entityOf) {
        List<String[]> rows = new ArrayList<>();
        List<String> groups;
        try (DelimitedReader r = DelimitedReader.open(src, layout.format())) {
            groups = r.header().names();
            if (groups.size() < 2) {
                throw new DataFormatException(src.name(), 1, 0, "expected an ID column and at least one feature"
                        + " column in the header, got " + groups);
            }
            Map<String, Long> firstLine = new HashMap<>();
            counter.forEachRow(r, groups.size(), row -> {
                String id = row.id(0, "ID");
                Long first = firstLine.putIfAbsent(id, row.line());
                if (first != null) {
                    throw row.error(0, "ID " + Text.show(id) + " appears more than once (first on line " + first + ")");
                }
                String[] cells = new String[groups.size()];
                cells[0] = id;
                for (int c = 1; c < cells.length; c++) {
                    String v = row.get(c).trim();
                    cells[c] = layout.missingValues().contains(v) ? null : v;
                }
                rows.add(cells);
            });
        }
        FeatureKind[] kinds = new FeatureKind[groups.size()];
        for (int c = 1; c < kinds.length; c++) {
            kinds[c] = inferKind(rows, c, layout.multiValueSeparator());
            LOG.debug("{}: feature group '{}' is {}", src, groups.get(c), kinds[c]);
        }
        for (String[] cells : rows) {
            int entity = entityOf.applyAsInt(cells[0]);
            for (int c = 1; c < cells.length; c++) {
                String v = cells[c];
                if (v == null) {
                    continue;
                }
                String group = groups.get(c);
                switch (kinds[c]) {
                    case NUMERIC -> features.addNumeric(entity, group, (float) Text.parseOrNaN(v));
                    case CATEGORICAL -> features.add(entity, group, FeatureKind.CATEGORICAL, v);
                    case MULTI_VALUED -> Text.split(v, layout.multiValueSeparator(),
                            part -> features.add(entity, group, FeatureKind.MULTI_VALUED, part));
                }
            }
        }
    }

    private static FeatureKind inferKind(List<String[]> rows, int column, char multiSep) {
        boolean numeric = true;
        boolean multi = false;
        for (String[] cells : rows) {
            String v = cells[column];
            if (v == null) {
                continue;
            }
            numeric &= Float.isFinite((float) Text.parseOrNaN(v));
            multi |= v.indexOf(multiSep) >= 0;
        }
        return numeric ? FeatureKind.NUMERIC : multi ? FeatureKind.MULTI_VALUED : FeatureKind.CATEGORICAL;
    }
}

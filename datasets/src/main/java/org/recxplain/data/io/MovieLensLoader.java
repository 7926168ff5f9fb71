package org.recxplain.data.io;

import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.SideFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads the current MovieLens CSV layout (ml-latest-small, ml-latest, ml-25m, ...): a folder with
 * {@code ratings.csv} ({@code userId,movieId,rating,timestamp}, ratings in 0.5..5), {@code movies.csv}
 * ({@code movieId,title,genres}) and optionally {@code tags.csv} ({@code userId,movieId,tag,timestamp}).
 * Files are UTF-8 CSV with RFC-4180 quoting and a header naming exactly those columns (in any order).
 *
 * <p>The items are all movies of {@code movies.csv}, in file order, so the catalogue is complete even for
 * movies nobody rated; users are those of {@code ratings.csv} in order of first appearance. Titles are
 * trimmed. Item features:
 * <ul>
 *   <li>{@code genre=Comedy} (multi-valued) from the {@code |}-separated genres; {@code (no genres listed)}
 *       gives no genre, the movie is kept;</li>
 *   <li>{@code year} (numeric) and {@code decade=1990s} (categorical) from a title ending in {@code (1995)};
 *       titles without one get neither;</li>
 *   <li>{@code tag=...} (multi-valued) from {@code tags.csv}, lower-cased and trimmed.</li>
 * </ul>
 * A rating or tag of a movie missing from {@code movies.csv} is a malformed row. There are no user features.
 *
 * <p>Thread-safety: stateless; safe to call concurrently.
 */
public final class MovieLensLoader {
    /** The ratings file name. */
    public static final String RATINGS = "ratings.csv";
    /** The movies file name. */
    public static final String MOVIES = "movies.csv";
    /** The optional tags file name. */
    public static final String TAGS = "tags.csv";
    /** The lowest valid rating. */
    public static final float MIN_RATING = 0.5f;
    /** The highest valid rating. */
    public static final float MAX_RATING = 5f;

    private static final String NO_GENRES = "(no genres listed)";
    private static final Logger LOG = LoggerFactory.getLogger(MovieLensLoader.class);

    private MovieLensLoader() {
    }

    /** Loads the directory; the data set is named after it. */
    public static Dataset load(Path directory, LoadOptions options) {
        return load(SourceFolder.of(directory), Text.baseName(directory), options);
    }

    /**
     * Loads a folder.
     *
     * @throws org.recxplain.data.DataFormatException if a required file is missing, empty or malformed (see
     *                                                {@link LoadOptions#lenient()})
     */
    public static Dataset load(SourceFolder folder, String name, LoadOptions options) {
        LoadCounter counter = new LoadCounter(options);
        InteractionCollector data = new InteractionCollector(options, "user ID", "movie ID");
        SideFeatures.Builder itemFeatures = new SideFeatures.Builder();
        List<String> titles = new ArrayList<>();
        readMovies(folder.file(MOVIES), counter, data, itemFeatures, titles);
        data.closeItems(MOVIES);
        readRatings(folder.file(RATINGS), counter, data);
        TextSource tags = folder.file(TAGS);
        if (tags.exists()) {
            readTags(tags, counter, data, itemFeatures);
        } else {
            LOG.info("{}: no {}, so no tag features", folder, TAGS);
        }
        return data.dataset(name, counter, itemFeatures, new SideFeatures.Builder(), titles);
    }

    private static void readMovies(TextSource src, LoadCounter counter, InteractionCollector data,
                                   SideFeatures.Builder features, List<String> titles) {
        try (DelimitedReader r = DelimitedReader.open(src, DelimitedFormat.csv())) {
            int[] col = r.header().exactly(List.of("movieId", "title", "genres"));
            counter.forEachRow(r, 3, row -> {
                String id = row.id(col[0], "movie ID");
                String title = row.get(col[1]).trim();
                if (title.isEmpty()) {
                    throw row.error(col[1], "expected a title, got an empty value");
                }
                int item = data.registerNewItem(row, col[0], id);
                titles.add(title);
                MovieFeatures.addYear(features, item, MovieFeatures.yearFromTitle(title));
                Text.split(row.get(col[2]), '|', g -> {
                    if (!g.equals(NO_GENRES)) {
                        MovieFeatures.addGenre(features, item, g);
                    }
                });
            });
        }
    }

    private static void readRatings(TextSource src, LoadCounter counter, InteractionCollector data) {
        try (DelimitedReader r = DelimitedReader.open(src, DelimitedFormat.csv())) {
            int[] col = r.header().exactly(List.of("userId", "movieId", "rating", "timestamp"));
            counter.forEachInteraction(r, 4, row -> {
                float rating = row.parseFloat(col[2], "rating", MIN_RATING, MAX_RATING);
                long time = row.parseLong(col[3], "timestamp", 0, Long.MAX_VALUE);
                data.add(row, col[0], col[1], rating, time);
            });
        }
    }

    private static void readTags(TextSource src, LoadCounter counter, InteractionCollector data,
                                 SideFeatures.Builder features) {
        try (DelimitedReader r = DelimitedReader.open(src, DelimitedFormat.csv())) {
            int[] col = r.header().exactly(List.of("userId", "movieId", "tag", "timestamp"));
            counter.forEachRow(r, 4, row -> {
                row.id(col[0], "user ID");
                int item = data.requireItem(row, col[1]);
                String tag = row.get(col[2]).trim().toLowerCase(Locale.ROOT);
                if (tag.isEmpty()) {
                    throw row.error(col[2], "expected a tag, got an empty value");
                }
                row.parseLong(col[3], "timestamp", 0, Long.MAX_VALUE);
                features.add(item, "tag", FeatureKind.MULTI_VALUED, tag);
            });
        }
    }
}

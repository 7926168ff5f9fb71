package org.recxplain.data.io;

import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.SideFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads the MovieLens 100K layout (a folder like {@code ml-100k}), which has no header lines:
 * <ul>
 *   <li>{@code u.data}: tab-separated {@code user item rating timestamp}, ratings in 1..5;</li>
 *   <li>{@code u.item}: {@code |}-separated, ISO-8859-1, {@code id|title|release date|video release|IMDb URL}
 *       followed by 19 genre flags (0/1) in the order of {@link #GENRES};</li>
 *   <li>{@code u.user} (optional): {@code |}-separated {@code id|age|gender|occupation|zip}.</li>
 * </ul>
 *
 * <p>Items are those of {@code u.item} in file order; users are those of {@code u.user} in file order (if
 * it is absent, those of {@code u.data} in order of first appearance). A rating of an unknown item or user
 * is a malformed row. Item features: {@code genre=Action} (multi-valued; the {@code unknown} flag gives no
 * genre), numeric {@code year} and categorical {@code decade=1990s} from the title's {@code (1995)}, or else
 * from the release date. User features: numeric {@code age}, categorical {@code gender=M},
 * {@code occupation=...} and {@code zip3=} (the first three characters of the zip code, upper-cased).
 *
 * <p>This data set may not be redistributed, so it is not bundled; point the loader at your copy.
 *
 * <p>Thread-safety: stateless; safe to call concurrently.
 */
public final class Ml100kLoader {
    /** The ratings file. */
    public static final String DATA = "u.data";
    /** The movies file. */
    public static final String ITEMS = "u.item";
    /** The optional users file. */
    public static final String USERS = "u.user";
    /** The genre flags of {@code u.item}, in column order. */
    public static final List<String> GENRES = List.of("unknown", "Action", "Adventure", "Animation", "Children's",
            "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
            "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private static final int ITEM_COLUMNS = 5 + 19;
    private static final DelimitedFormat PIPES = new DelimitedFormat('|', false, StandardCharsets.ISO_8859_1, false);
    private static final DelimitedFormat TABS = new DelimitedFormat('\t', false, StandardCharsets.UTF_8, false);
    private static final Logger LOG = LoggerFactory.getLogger(Ml100kLoader.class);

    private Ml100kLoader() {
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
        SideFeatures.Builder userFeatures = new SideFeatures.Builder();
        List<String> titles = new ArrayList<>();
        readItems(folder.file(ITEMS), counter, data, itemFeatures, titles);
        data.closeItems(ITEMS);
        TextSource users = folder.file(USERS);
        if (users.exists()) {
            readUsers(users, counter, data, userFeatures);
            data.closeUsers(USERS);
        } else {
            LOG.info("{}: no {}, so no user features", folder, USERS);
        }
        try (DelimitedReader r = DelimitedReader.open(folder.file(DATA), TABS)) {
            counter.forEachInteraction(r, 4, row -> {
                float rating = row.parseFloat(2, "rating", 1f, 5f);
                long time = row.parseLong(3, "timestamp", 0, Long.MAX_VALUE);
                data.add(row, 0, 1, rating, time);
            });
        }
        return data.dataset(name, counter, itemFeatures, userFeatures, titles);
    }

    private static void readItems(TextSource src, LoadCounter counter, InteractionCollector data,
                                  SideFeatures.Builder features, List<String> titles) {
        try (DelimitedReader r = DelimitedReader.open(src, PIPES)) {
            counter.forEachRow(r, ITEM_COLUMNS, row -> {
                String id = row.id(0, "movie ID");
                String title = row.get(1).trim();
                boolean[] flags = new boolean[GENRES.size()];
                for (int g = 0; g < flags.length; g++) {
                    String f = row.get(5 + g).trim();
                    if (!f.equals("0") && !f.equals("1")) {
                        throw row.error(5 + g, "expected the genre flag '" + GENRES.get(g) + "' as 0 or 1, got "
                                + Text.show(f));
                    }
                    flags[g] = f.equals("1");
                }
                int item = data.registerNewItem(row, 0, id);
                titles.add(title.isEmpty() ? id : title);
                int year = MovieFeatures.yearFromTitle(title);
                MovieFeatures.addYear(features, item, year >= 0 ? year : MovieFeatures.yearFromDate(row.get(2)));
                for (int g = 1; g < flags.length; g++) {
                    if (flags[g]) {
                        MovieFeatures.addGenre(features, item, GENRES.get(g));
                    }
                }
            });
        }
    }

    private static void readUsers(TextSource src, LoadCounter counter, InteractionCollector data,
                                  SideFeatures.Builder features) {
        try (DelimitedReader r = DelimitedReader.open(src, PIPES)) {
            counter.forEachRow(r, 5, row -> {
                String id = row.id(0, "user ID");
                int age = row.parseInt(1, "age", 0, 150);
                String gender = row.get(2).trim();
                String occupation = row.get(3).trim();
                String zip = row.get(4).trim().toUpperCase(Locale.ROOT);
                int user = data.registerNewUser(row, 0, id);
                features.addNumeric(user, "age", age);
                if (!gender.isEmpty()) {
                    features.add(user, "gender", FeatureKind.CATEGORICAL, gender);
                }
                if (!occupation.isEmpty()) {
                    features.add(user, "occupation", FeatureKind.CATEGORICAL, occupation);
                }
                if (!zip.isEmpty()) {
                    features.add(user, "zip3", FeatureKind.CATEGORICAL, zip.substring(0, Math.min(3, zip.length())));
                }
            });
        }
    }
}

package org.recxplain.data.io;

import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.SideFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Loads the UCI "Restaurant &amp; consumer" data (UCI ML repository, data set 232): a folder of CSV files
 * with headers, where {@code ?} marks a missing value (which gives no feature).
 * <ul>
 *   <li>{@code rating_final.csv} ({@code userID,placeID,rating,food_rating,service_rating}): the interaction
 *       value is {@code rating}, an integer 0..2; there are no timestamps;</li>
 *   <li>{@code geoplaces2.csv}: the restaurants, in file order, titled by {@code name}; categorical item
 *       features {@link #PLACE_CATEGORICALS}. The file is mostly UTF-8 with one Latin-1 byte; each line is
 *       decoded as UTF-8, falling back to Latin-1 (see {@link DelimitedFormat});</li>
 *   <li>{@code userprofile.csv} (optional): the users, in file order; categorical features
 *       {@link #USER_CATEGORICALS} and numeric {@link #USER_NUMERICS};</li>
 *   <li>optional multi-valued features: {@code usercuisine.csv} and {@code chefmozcuisine.csv} give
 *       {@code cuisine=}, {@code userpayment.csv} and {@code chefmozaccepts.csv} give {@code payment=},
 *       {@code chefmozparking.csv} gives {@code parking=}. Their rows about restaurants or users that are not
 *       in the data (the chefmoz files cover many more places) are counted as filtered.</li>
 * </ul>
 * A rating of a restaurant missing from {@code geoplaces2.csv}, or of a user missing from
 * {@code userprofile.csv}, is a malformed row. {@code chefmozhours4.csv} is not used.
 *
 * <p>Thread-safety: stateless; safe to call concurrently.
 */
public final class UciRestaurantLoader {
    /** The ratings file. */
    public static final String RATINGS = "rating_final.csv";
    /** The restaurants file. */
    public static final String PLACES = "geoplaces2.csv";
    /** The optional user profile file. */
    public static final String USERS = "userprofile.csv";
    /** Columns of {@code geoplaces2.csv} that become categorical item features (group = column name). */
    public static final List<String> PLACE_CATEGORICALS = List.of("alcohol", "smoking_area", "dress_code",
            "accessibility", "price", "Rambience", "franchise", "area", "other_services");
    /** Columns of {@code userprofile.csv} that become categorical user features. */
    public static final List<String> USER_CATEGORICALS = List.of("smoker", "drink_level", "dress_preference",
            "ambience", "transport", "marital_status", "hijos", "interest", "personality", "religion", "activity",
            "color", "budget");
    /** Columns of {@code userprofile.csv} that become numeric user features. */
    public static final List<String> USER_NUMERICS = List.of("birth_year", "weight", "height");

    private static final List<String> RATING_COLUMNS = List.of("userID", "placeID", "rating", "food_rating",
            "service_rating");
    private static final List<String> PLACE_COLUMNS = List.of("placeID", "latitude", "longitude", "the_geom_meter",
            "name", "address", "city", "state", "country", "fax", "zip", "alcohol", "smoking_area", "dress_code",
            "accessibility", "price", "url", "Rambience", "franchise", "area", "other_services");
    private static final List<String> USER_COLUMNS = List.of("userID", "latitude", "longitude", "smoker",
            "drink_level", "dress_preference", "ambience", "transport", "marital_status", "hijos", "birth_year",
            "interest", "personality", "religion", "activity", "color", "weight", "budget", "height");
    private static final int NAME = PLACE_COLUMNS.indexOf("name");

    /** An optional two-column file giving the multi-valued feature {@code group} of users or of places. */
    private record MultiValuedFile(String file, String idColumn, String valueColumn, String group, boolean ofUsers) {
    }

    private static final List<MultiValuedFile> MULTI_VALUED_FILES = List.of(
            new MultiValuedFile("usercuisine.csv", "userID", "Rcuisine", "cuisine", true),
            new MultiValuedFile("userpayment.csv", "userID", "Upayment", "payment", true),
            new MultiValuedFile("chefmozcuisine.csv", "placeID", "Rcuisine", "cuisine", false),
            new MultiValuedFile("chefmozaccepts.csv", "placeID", "Rpayment", "payment", false),
            new MultiValuedFile("chefmozparking.csv", "placeID", "parking_lot", "parking", false));
    private static final String MISSING = "?";
    private static final Logger LOG = LoggerFactory.getLogger(UciRestaurantLoader.class);

    private UciRestaurantLoader() {
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
        InteractionCollector data = new InteractionCollector(options, "user ID", "place ID");
        SideFeatures.Builder itemFeatures = new SideFeatures.Builder();
        SideFeatures.Builder userFeatures = new SideFeatures.Builder();
        List<String> titles = new ArrayList<>();
        readEntities(folder.file(PLACES), PLACE_COLUMNS, PLACE_CATEGORICALS, List.of(), counter, itemFeatures,
                (row, col, id) -> {
                    int item = data.registerNewItem(row, col[0], id);
                    String title = row.get(col[NAME]).trim();
                    titles.add(title.isEmpty() || title.equals(MISSING) ? id : title);
                    return item;
                });
        data.closeItems(PLACES);
        TextSource users = folder.file(USERS);
        if (users.exists()) {
            readEntities(users, USER_COLUMNS, USER_CATEGORICALS, USER_NUMERICS, counter, userFeatures,
                    (row, col, id) -> data.registerNewUser(row, col[0], id));
            data.closeUsers(USERS);
        } else {
            LOG.info("{}: no {}, so users come from {} without profile features", folder, USERS, RATINGS);
        }
        try (DelimitedReader r = DelimitedReader.open(folder.file(RATINGS), DelimitedFormat.csv())) {
            int[] col = r.header().exactly(RATING_COLUMNS);
            counter.forEachInteraction(r, RATING_COLUMNS.size(), row -> {
                int rating = row.parseInt(col[2], "rating", 0, 2);
                data.add(row, col[0], col[1], rating, InteractionsBuilder.NO_TIME);
            });
        }
        for (MultiValuedFile m : MULTI_VALUED_FILES) {
            readMultiValued(folder.file(m.file()), m, m.ofUsers() ? data::userIndex : data::itemIndex, counter,
                    m.ofUsers() ? userFeatures : itemFeatures);
        }
        return data.dataset(name, counter, itemFeatures, userFeatures, titles);
    }

    /**
     * Registers the entity of a validated row and returns its index; {@code col[k]} is the position in the file
     * of the k-th declared column (the ID is declared first).
     */
    @FunctionalInterface
    private interface Registrar {
        int register(DelimitedReader row, int[] col, String id);
    }

    /** Reads a file with one entity per row (ID first, exactly {@code columns}) and its single-valued features. */
    private static void readEntities(TextSource src, List<String> columns, List<String> categoricals,
                                     List<String> numerics, LoadCounter counter, SideFeatures.Builder features,
                                     Registrar registrar) {
        try (DelimitedReader r = DelimitedReader.open(src, DelimitedFormat.csv())) {
            int[] col = r.header().exactly(columns);
            int[] numericCol = numerics.stream().mapToInt(g -> col[columns.indexOf(g)]).toArray();
            int[] categoricalCol = categoricals.stream().mapToInt(g -> col[columns.indexOf(g)]).toArray();
            counter.forEachRow(r, columns.size(), row -> {
                String id = row.id(col[0], columns.get(0));
                float[] numbers = new float[numericCol.length];
                for (int k = 0; k < numbers.length; k++) {
                    numbers[k] = isMissing(row.get(numericCol[k])) ? Float.NaN
                            : row.parseFloat(numericCol[k], numerics.get(k), -Float.MAX_VALUE, Float.MAX_VALUE);
                }
                int entity = registrar.register(row, col, id);
                for (int k = 0; k < numbers.length; k++) {
                    if (!Float.isNaN(numbers[k])) {
                        features.addNumeric(entity, numerics.get(k), numbers[k]);
                    }
                }
                for (int k = 0; k < categoricalCol.length; k++) {
                    String v = row.get(categoricalCol[k]).trim();
                    if (!isMissing(v)) {
                        features.add(entity, categoricals.get(k), FeatureKind.CATEGORICAL, v);
                    }
                }
            });
        }
    }

    /** Reads an optional two-column file of (ID, value) rows into a multi-valued feature. */
    private static void readMultiValued(TextSource src, MultiValuedFile spec, ToIntFunction<String> index,
                                        LoadCounter counter, SideFeatures.Builder features) {
        if (!src.exists()) {
            LOG.info("{}: absent, so no {} features from it", src, spec.group());
            return;
        }
        try (DelimitedReader r = DelimitedReader.open(src, DelimitedFormat.csv())) {
            int[] col = r.header().exactly(List.of(spec.idColumn(), spec.valueColumn()));
            counter.forEachRow(r, 2, row -> {
                int entity = index.applyAsInt(row.id(col[0], spec.idColumn()));
                String v = row.get(col[1]).trim();
                if (entity < 0 || isMissing(v)) {
                    counter.filtered();
                } else {
                    features.add(entity, spec.group(), FeatureKind.MULTI_VALUED, v);
                }
            });
        }
    }

    private static boolean isMissing(String v) {
        String t = v.trim();
        return t.isEmpty() || t.equals(MISSING);
    }
}

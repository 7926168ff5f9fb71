package org.recxplain.data.io;

import org.recxplain.data.DataFormatException;
import org.recxplain.data.Dataset;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point for loading data: the data sets bundled in the jar (loaded from the classpath, no
 * network) and data on disk in one of the supported {@link #formats()}.
 *
 * <ul>
 *   <li>{@value #MOVIELENS}: a directory in the current MovieLens CSV layout ({@link MovieLensLoader});</li>
 *   <li>{@value #ML100K}: a directory in the MovieLens 100K layout ({@link Ml100kLoader});</li>
 *   <li>{@value #CSV}: a generic delimited ratings file with the default {@link CsvLayout} ({@link CsvLoader};
 *       call it directly for another layout);</li>
 *   <li>{@value #UCI_RESTAURANT}: a directory of the UCI restaurant-consumer data ({@link UciRestaurantLoader}).</li>
 * </ul>
 *
 * <p>Thread-safety: all methods are safe to call concurrently. Bundled data sets loaded with the default
 * options are cached (a {@link Dataset} is immutable), so repeated calls are cheap.
 */
public final class DataSources {
    /** Format name of {@link MovieLensLoader}. */
    public static final String MOVIELENS = "movielens";
    /** Format name of {@link Ml100kLoader}. */
    public static final String ML100K = "ml100k";
    /** Format name of {@link CsvLoader}. */
    public static final String CSV = "csv";
    /** Format name of {@link UciRestaurantLoader}. */
    public static final String UCI_RESTAURANT = "uci-restaurant";
    /** The format name that asks {@link #open} to recognise the format from the files. */
    public static final String AUTO = "auto";

    private static final String BUNDLE_ROOT = "org/recxplain/data/bundled/";
    /** Bundled data set name to its format. */
    private static final Map<String, String> BUNDLED = Map.of("ml-latest-small", MOVIELENS, "uci-restaurant",
            UCI_RESTAURANT);
    private static final List<String> BUNDLED_NAMES = List.of("ml-latest-small", "uci-restaurant");
    private static final List<String> FORMATS = List.of(MOVIELENS, ML100K, CSV, UCI_RESTAURANT);
    private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();

    private DataSources() {
    }

    /** The names of the bundled data sets: {@code ml-latest-small} and {@code uci-restaurant}. */
    public static List<String> bundledNames() {
        return BUNDLED_NAMES;
    }

    /** The format names accepted by {@link #open}: movielens, ml100k, csv, uci-restaurant. */
    public static List<String> formats() {
        return FORMATS;
    }

    /**
     * A bundled data set, loaded with {@link LoadOptions#defaults()} (cached after the first call).
     *
     * @throws IllegalArgumentException if the name is unknown; the message lists the known names
     */
    public static Dataset bundled(String name) {
        String format = bundledFormat(name);
        return CACHE.computeIfAbsent(name, n -> load(bundledFolder(n), n, format, LoadOptions.defaults()));
    }

    /**
     * A bundled data set loaded with the given options (not cached unless they are the defaults).
     *
     * @throws IllegalArgumentException if the name is unknown; the message lists the known names
     */
    public static Dataset bundled(String name, LoadOptions options) {
        if (options.equals(LoadOptions.defaults())) {
            return bundled(name);
        }
        return load(bundledFolder(name), name, bundledFormat(name), options);
    }

    /**
     * The raw files of a bundled data set (including its README and SOURCE.md with licence and origin).
     *
     * @throws IllegalArgumentException if the name is unknown
     */
    public static SourceFolder bundledFolder(String name) {
        bundledFormat(name);
        return SourceFolder.resources(BUNDLE_ROOT + name);
    }

    /**
     * Loads a bundled data set by name, or data at a path.
     *
     * @param dataOrPath a bundled name (used when no file or directory of that name exists) or a path
     * @param format     one of {@link #formats()}, or {@code null} / {@value #AUTO} to recognise it (see
     *                   {@link #detectFormat(Path)})
     * @throws IllegalArgumentException if the format is unknown (the message lists the formats), cannot be
     *                                  recognised, or does not match a bundled data set's
     * @throws DataFormatException      if the path does not exist or the data is malformed
     */
    public static Dataset open(String dataOrPath, String format, LoadOptions options) {
        Path path = null;
        try {
            path = Path.of(dataOrPath);
        } catch (InvalidPathException e) {
            // not a path; may still be a bundled name
        }
        if (BUNDLED.containsKey(dataOrPath) && (path == null || !Files.exists(path))) {
            String own = BUNDLED.get(dataOrPath);
            if (format != null && !format.equals(AUTO) && !format.equals(own)) {
                checkFormat(format);
                throw new IllegalArgumentException("the bundled data set '" + dataOrPath + "' has format " + own
                        + ", not " + format);
            }
            return bundled(dataOrPath, options);
        }
        if (path == null) {
            throw new DataFormatException(dataOrPath, "not a valid path, nor a bundled data set " + BUNDLED_NAMES,
                    null);
        }
        return open(path, format, options);
    }

    /**
     * Loads data at a path: the directory holding the files (for a directory format given a file, the file's
     * directory), or for {@value #CSV} the ratings file.
     *
     * @param format one of {@link #formats()}, or {@code null} / {@value #AUTO}
     * @throws IllegalArgumentException if the format is unknown or cannot be recognised
     * @throws DataFormatException      if the path does not exist or the data is malformed
     */
    public static Dataset open(Path path, String format, LoadOptions options) {
        if (!Files.exists(path)) {
            throw new DataFormatException(path.toString(), "no such file or directory (bundled data sets: "
                    + String.join(", ", BUNDLED_NAMES) + ")", null);
        }
        String f = format == null || format.equals(AUTO) ? detectFormat(path) : checkFormat(format);
        if (f.equals(CSV)) {
            if (Files.isDirectory(path)) {
                throw new IllegalArgumentException("the csv format expects the ratings file, got the directory "
                        + path);
            }
            return CsvLoader.load(path, CsvLayout.defaults(), options);
        }
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        return load(SourceFolder.of(dir), Text.baseName(dir), f, options);
    }

    /**
     * Recognises the format of a path: a regular file is {@value #CSV}; a directory holding
     * {@code ratings.csv} and {@code movies.csv} is {@value #MOVIELENS}, one holding {@code u.data} is
     * {@value #ML100K}, one holding {@code rating_final.csv} is {@value #UCI_RESTAURANT}.
     *
     * @throws IllegalArgumentException if the directory matches none of them
     */
    public static String detectFormat(Path path) {
        if (Files.isRegularFile(path)) {
            return CSV;
        }
        if (Files.isRegularFile(path.resolve(MovieLensLoader.RATINGS))
                && Files.isRegularFile(path.resolve(MovieLensLoader.MOVIES))) {
            return MOVIELENS;
        }
        if (Files.isRegularFile(path.resolve(Ml100kLoader.DATA))) {
            return ML100K;
        }
        if (Files.isRegularFile(path.resolve(UciRestaurantLoader.RATINGS))) {
            return UCI_RESTAURANT;
        }
        throw new IllegalArgumentException("cannot tell the format of " + path + ": expected ratings.csv and"
                + " movies.csv (movielens), u.data (ml100k) or rating_final.csv (uci-restaurant); name one of "
                + FORMATS);
    }

    private static Dataset load(SourceFolder folder, String name, String format, LoadOptions options) {
        return switch (format) {
            case MOVIELENS -> MovieLensLoader.load(folder, name, options);
            case ML100K -> Ml100kLoader.load(folder, name, options);
            case UCI_RESTAURANT -> UciRestaurantLoader.load(folder, name, options);
            default -> throw new IllegalArgumentException("format " + format + " needs a file, not a folder");
        };
    }

    private static String checkFormat(String format) {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("unknown format '" + format + "'; known formats: "
                    + String.join(", ", FORMATS) + " (or " + AUTO + ")");
        }
        return format;
    }

    private static String bundledFormat(String name) {
        String f = BUNDLED.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown bundled data set '" + name + "'; known: "
                    + String.join(", ", BUNDLED_NAMES));
        }
        return f;
    }
}

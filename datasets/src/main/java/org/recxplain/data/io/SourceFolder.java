package org.recxplain.data.io;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * A place holding the files of one data set: a directory, or a classpath resource prefix (for the data
 * sets bundled in the jar). Loaders of multi-file formats take a folder and look files up by name.
 *
 * <p>Thread-safety: immutable.
 */
public final class SourceFolder {
    private final String name;
    private final Function<String, TextSource> files;

    private SourceFolder(String name, Function<String, TextSource> files) {
        this.name = name;
        this.files = files;
    }

    /** A directory. */
    public static SourceFolder of(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return new SourceFolder(directory.toString(), f -> TextSource.of(directory.resolve(f)));
    }

    /**
     * A classpath folder, looked up with the class loader of this library.
     *
     * @param prefix the resource folder without leading or trailing slash, e.g. {@code org/recxplain/data/bundled/x}
     */
    public static SourceFolder resources(String prefix) {
        return resources(SourceFolder.class.getClassLoader(), prefix);
    }

    /** A classpath folder of the given class loader. */
    public static SourceFolder resources(ClassLoader loader, String prefix) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(prefix, "prefix");
        return new SourceFolder("classpath:" + prefix, f -> TextSource.resource(loader, prefix + "/" + f));
    }

    /** The name used in messages. */
    public String name() {
        return name;
    }

    /** The file with the given name in this folder (which may not exist; see {@link TextSource#exists()}). */
    public TextSource file(String fileName) {
        return files.apply(fileName);
    }

    @Override
    public String toString() {
        return name;
    }
}

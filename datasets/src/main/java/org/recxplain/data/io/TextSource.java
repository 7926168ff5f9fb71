package org.recxplain.data.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A named piece of text input: a file, a classpath resource or bytes in memory. The {@link #name()} is
 * what error messages call it.
 *
 * <p>Thread-safety: immutable; each {@link #open()} returns a fresh stream.
 */
public final class TextSource {
    private final String name;
    private final Opener opener;
    private final Check exists;

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    @FunctionalInterface
    private interface Check {
        boolean test();
    }

    private TextSource(String name, Opener opener, Check exists) {
        this.name = Objects.requireNonNull(name, "name");
        this.opener = opener;
        this.exists = exists;
    }

    /** A file; its name in messages is the path as given. */
    public static TextSource of(Path file) {
        Objects.requireNonNull(file, "file");
        return new TextSource(file.toString(), () -> Files.newInputStream(file), () -> Files.isRegularFile(file));
    }

    /**
     * A classpath resource, looked up with the class loader of this library.
     *
     * @param path the resource path without a leading slash, e.g. {@code org/recxplain/data/bundled/x.csv}
     */
    public static TextSource resource(String path) {
        return resource(TextSource.class.getClassLoader(), path);
    }

    /** A classpath resource of the given class loader; its name in messages is {@code classpath:path}. */
    public static TextSource resource(ClassLoader loader, String path) {
        Objects.requireNonNull(loader, "loader");
        String name = "classpath:" + path;
        return new TextSource(name, () -> {
            InputStream in = loader.getResourceAsStream(path);
            if (in == null) {
                throw new NoSuchFileException(name);
            }
            return in;
        }, () -> loader.getResource(path) != null);
    }

    /** Bytes in memory (the array is copied). */
    public static TextSource ofBytes(String name, byte[] content) {
        byte[] copy = content.clone();
        return new TextSource(name, () -> new ByteArrayInputStream(copy), () -> true);
    }

    /** The name used in messages. */
    public String name() {
        return name;
    }

    /** Whether the source can be opened (the file or resource exists). */
    public boolean exists() {
        return exists.test();
    }

    /**
     * Opens the content as a new stream, which the caller must close.
     *
     * @throws NoSuchFileException if the file or resource does not exist
     * @throws IOException         on other I/O errors
     */
    public InputStream open() throws IOException {
        return opener.open();
    }

    @Override
    public String toString() {
        return name;
    }
}

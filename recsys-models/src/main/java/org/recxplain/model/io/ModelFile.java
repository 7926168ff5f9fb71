package org.recxplain.model.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The model container: a versioned, checksummed binary file holding one model's payload. No Java
 * serialization is involved; the payload is whatever the model family writes through a
 * {@link ModelWriter}.
 *
 * <p>Layout, all numbers little-endian:
 * <pre>
 *   offset      size  field
 *   0           8     magic bytes "RXPLMDL\0" (ASCII, then a zero byte)
 *   8           4     container version, int ({@value #CONTAINER_VERSION})
 *   12          4     family name length L in bytes, int (1 to {@value #MAX_FAMILY_BYTES})
 *   16          L     family name, UTF-8 (for example "als")
 *   16+L        4     the family's own format version, int (&gt;= 0)
 *   20+L        8     payload length P in bytes, long
 *   28+L        P     payload
 *   28+L+P      4     CRC32C of bytes [0, 28+L+P), int
 * </pre>
 *
 * <p>Reading checks, in this order, and throws a {@link ModelFormatException} naming the file and the
 * problem on failure: the file is long enough for a header; the magic bytes; the container version; the
 * family name; the payload length against the limit ({@link ModelWriter#MAX_PAYLOAD}) and, for files,
 * against the file size (truncated or trailing bytes); and the checksum. Only then is a
 * {@link ModelReader} handed out, so a model never reads corrupted bytes unknowingly.
 *
 * <p>Writing a file goes to a temporary file in the same directory that is moved into place when
 * complete, so a crash or an exception in the writing body never leaves a half-written model behind.
 *
 * <p>Thread-safety: stateless; concurrent writes to the same path race for the final move (one wins).
 */
public final class ModelFile {
    /** The version of this container layout. */
    public static final int CONTAINER_VERSION = 1;
    /** The most bytes of a family name. */
    public static final int MAX_FAMILY_BYTES = 255;

    private static final byte[] MAGIC = "RXPLMDL\0".getBytes(StandardCharsets.US_ASCII);
    private static final int FIXED_HEADER = MAGIC.length + 4 + 4;   // magic, container version, family length

    private ModelFile() {
    }

    /**
     * Writes a model file, replacing any file at {@code path} once the body has completed.
     *
     * @param family        the model family, 1 to 255 UTF-8 bytes, for example {@code als}
     * @param formatVersion the family's payload format version, {@code >= 0}
     * @param body          writes the payload
     * @return the number of bytes of the file
     * @throws IOException              if the body or the file system fails (nothing is left at {@code path}
     *                                  that was not there before)
     * @throws IllegalArgumentException if the family or version is invalid
     */
    public static long write(Path path, String family, int formatVersion, IoConsumer<ModelWriter> body)
            throws IOException {
        byte[] header = header(family, formatVersion);   // validate before touching the file system
        Path abs = path.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName() + ".", ".tmp");
        try {
            long n;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                n = write(out, header, body);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes a model container to a stream (which is flushed, not closed).
     *
     * @return the number of bytes written
     * @see #write(Path, String, int, IoConsumer)
     */
    public static long write(OutputStream out, String family, int formatVersion, IoConsumer<ModelWriter> body)
            throws IOException {
        return write(out, header(family, formatVersion), body);
    }

    private static long write(OutputStream out, byte[] headerWithoutLength, IoConsumer<ModelWriter> body)
            throws IOException {
        ModelWriter w = new ModelWriter(1 << 12);
        body.accept(w);
        ByteBuffer payload = w.seal();
        ByteBuffer head = ByteBuffer.allocate(headerWithoutLength.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        head.put(headerWithoutLength).putLong(payload.remaining()).flip();
        CRC32C crc = new CRC32C();
        crc.update(head.duplicate());
        crc.update(payload.duplicate());
        ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        out.write(head.array(), 0, head.limit());
        out.write(payload.array(), 0, payload.limit());
        out.write(tail.array());
        out.flush();
        return head.limit() + (long) payload.limit() + 4;
    }

    /** Magic, container version, family and format version: the header up to the payload length. */
    private static byte[] header(String family, int formatVersion) {
        byte[] name = ModelWriter.utf8(Objects.requireNonNull(family, "family"));
        if (name.length == 0 || name.length > MAX_FAMILY_BYTES) {
            throw new IllegalArgumentException("model family must have 1 to " + MAX_FAMILY_BYTES
                    + " UTF-8 bytes, got " + name.length);
        }
        if (formatVersion < 0) {
            throw new IllegalArgumentException("format version must be >= 0, got " + formatVersion);
        }
        return ByteBuffer.allocate(FIXED_HEADER + name.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).putInt(CONTAINER_VERSION).putInt(name.length).put(name).putInt(formatVersion).array();
    }

    /**
     * Reads and checks a model file; the payload is held in memory.
     *
     * @throws ModelFormatException if the file is not a valid model container (see the class comment)
     * @throws IOException          if it cannot be read
     */
    public static ModelReader read(Path path) throws IOException {
        long size = Files.size(path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return read(in, path.toString(), size);
        }
    }

    /**
     * Reads and checks one model container from a stream, leaving the stream just after it (not closed).
     *
     * @param source the stream's name, for messages
     * @throws ModelFormatException if the bytes are not a valid model container
     */
    public static ModelReader read(InputStream in, String source) throws IOException {
        return read(in, source, -1);
    }

    private static ModelReader read(InputStream in, String source, long fileSize) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer fixed = readChecked(in, crc, FIXED_HEADER, source, "the header");
        byte[] magic = new byte[MAGIC.length];
        fixed.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ModelFormatException(source, "not a recxplain model file: the magic bytes are "
                    + hex(magic) + ", expected " + hex(MAGIC) + " (\"RXPLMDL\\0\")");
        }
        int container = fixed.getInt();
        if (container != CONTAINER_VERSION) {
            throw new ModelFormatException(source, "container version " + container
                    + " is not supported (this library reads version " + CONTAINER_VERSION + ")");
        }
        int nameLength = fixed.getInt();
        if (nameLength < 1 || nameLength > MAX_FAMILY_BYTES) {
            throw new ModelFormatException(source, "family name length " + nameLength + " is not in 1.."
                    + MAX_FAMILY_BYTES + " (corrupted header)");
        }
        ByteBuffer rest = readChecked(in, crc, nameLength + 12, source, "the header");
        byte[] name = new byte[nameLength];
        rest.get(name);
        String family = new String(name, StandardCharsets.UTF_8);
        int formatVersion = rest.getInt();
        long payloadLength = rest.getLong();
        long headerLength = FIXED_HEADER + nameLength + 12L;
        if (payloadLength < 0 || payloadLength > ModelWriter.MAX_PAYLOAD) {
            throw new ModelFormatException(source, "payload length " + payloadLength + " is not in 0.."
                    + ModelWriter.MAX_PAYLOAD + " (corrupted header)");
        }
        if (fileSize >= 0) {
            long expected = headerLength + payloadLength + 4;
            if (fileSize < expected) {
                throw new ModelFormatException(source, "truncated: the header declares a payload of "
                        + payloadLength + " bytes, so the file should have " + expected + " bytes, but it has "
                        + fileSize);
            }
            if (fileSize > expected) {
                throw new ModelFormatException(source, (fileSize - expected)
                        + " unexpected bytes after the checksum (the file should have " + expected + " bytes)");
            }
        }
        byte[] payload = readChecked(in, crc, (int) payloadLength, source, "the payload").array();
        byte[] stored = in.readNBytes(4);
        if (stored.length < 4) {
            throw new ModelFormatException(source, "truncated: the file ends inside the checksum");
        }
        int expectedCrc = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (expectedCrc != (int) crc.getValue()) {
            throw new ModelFormatException(source, String.format("checksum mismatch: stored CRC32C %08x, computed"
                    + " %08x: the file is corrupted", expectedCrc, (int) crc.getValue()));
        }
        return new ModelReader(source, family, formatVersion, payload);
    }

    /** Reads exactly {@code n} bytes into the checksum; buffers grow as bytes arrive, not up front. */
    private static ByteBuffer readChecked(InputStream in, CRC32C crc, int n, String source, String what)
            throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new ModelFormatException(source, "truncated: the data ends inside " + what + " (" + b.length
                    + " of " + n + " bytes)");
        }
        crc.update(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}

package org.recxplain.model.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the payload of a model file, in the encoding of {@link ModelWriter}, after {@link ModelFile#read}
 * has checked the container (magic, version, length, checksum). The payload is held in memory.
 *
 * <p>Every read checks that the payload holds enough bytes: a length or count that is negative or larger
 * than what remains is refused with a {@link ModelFormatException} (naming the source, the byte offset and
 * what was being read) before anything is allocated, so a bad length cannot exhaust memory.
 *
 * <p>Not thread-safe: it has a read position.
 */
public final class ModelReader {
    private final String source;
    private final String family;
    private final int formatVersion;
    private final ByteBuffer buf;

    ModelReader(String source, String family, int formatVersion, byte[] payload) {
        this.source = source;
        this.family = family;
        this.formatVersion = formatVersion;
        this.buf = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The file or stream the payload came from, for messages. */
    public String source() {
        return source;
    }

    /** The model family recorded in the file, for example {@code als}. */
    public String family() {
        return family;
    }

    /** The family's own format version recorded in the file. */
    public int formatVersion() {
        return formatVersion;
    }

    /** Bytes of payload not yet read. */
    public int remaining() {
        return buf.remaining();
    }

    /**
     * Checks that the file holds a model of {@code expectedFamily} in a format version from 1 to
     * {@code maxFormatVersion}.
     *
     * @throws ModelFormatException naming both families, or the unsupported version
     */
    public ModelReader expect(String expectedFamily, int maxFormatVersion) throws ModelFormatException {
        if (!family.equals(expectedFamily)) {
            throw error("holds a '" + family + "' model, expected '" + expectedFamily + "'");
        }
        if (formatVersion < 1 || formatVersion > maxFormatVersion) {
            throw error("'" + family + "' format version " + formatVersion + " is not supported (this library reads 1 to "
                    + maxFormatVersion + ")");
        }
        return this;
    }

    /**
     * Checks that the whole payload has been read.
     *
     * @throws ModelFormatException if bytes are left over (the writer wrote more than the reader knows)
     */
    public void expectEnd() throws ModelFormatException {
        if (buf.hasRemaining()) {
            throw error(buf.remaining() + " bytes of payload left unread at offset " + buf.position());
        }
    }

    /** Reads a boolean; a byte other than 0 or 1 is an error. */
    public boolean readBoolean() throws ModelFormatException {
        byte b = need(1, "a boolean").get();
        if (b != 0 && b != 1) {
            throw error("expected a boolean (0 or 1) at payload offset " + (buf.position() - 1) + ", got " + b);
        }
        return b == 1;
    }

    /** Reads an int. */
    public int readInt() throws ModelFormatException {
        return need(4, "an int").getInt();
    }

    /** Reads a long. */
    public long readLong() throws ModelFormatException {
        return need(8, "a long").getLong();
    }

    /** Reads a float by its exact bit pattern. */
    public float readFloat() throws ModelFormatException {
        return Float.intBitsToFloat(need(4, "a float").getInt());
    }

    /** Reads a double by its exact bit pattern. */
    public double readDouble() throws ModelFormatException {
        return Double.longBitsToDouble(need(8, "a double").getLong());
    }

    /** Reads a UTF-8 string. */
    public String readString() throws ModelFormatException {
        int n = readLength(1, "string");
        byte[] b = new byte[n];
        buf.get(b);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw error("string of " + n + " bytes ending at payload offset " + buf.position() + " is not valid UTF-8");
        }
    }

    /** Reads a list of strings (unmodifiable). */
    public List<String> readStrings() throws ModelFormatException {
        int n = readLength(4, "string list");   // every string takes at least its 4-byte length
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(readString());
        }
        return List.copyOf(out);
    }

    /** Reads an int array. */
    public int[] readInts() throws ModelFormatException {
        int n = readLength(4, "int array");
        int[] a = new int[n];
        buf.asIntBuffer().get(a);
        buf.position(buf.position() + 4 * n);
        return a;
    }

    /** Reads a long array. */
    public long[] readLongs() throws ModelFormatException {
        int n = readLength(8, "long array");
        long[] a = new long[n];
        buf.asLongBuffer().get(a);
        buf.position(buf.position() + 8 * n);
        return a;
    }

    /** Reads floats by their exact bit patterns. */
    public float[] readFloats() throws ModelFormatException {
        int n = readLength(4, "float array");
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = Float.intBitsToFloat(buf.getInt());
        }
        return a;
    }

    /** Reads doubles by their exact bit patterns. */
    public double[] readDoubles() throws ModelFormatException {
        int n = readLength(8, "double array");
        double[] a = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = Double.longBitsToDouble(buf.getLong());
        }
        return a;
    }

    /** Reads a byte array written by {@link ModelWriter#writeBytes(byte[])}. */
    public byte[] readBytes() throws ModelFormatException {
        int n = readLength(1, "byte array");
        byte[] a = new byte[n];
        buf.get(a);
        return a;
    }

    /**
     * A {@link ModelFormatException} naming this reader's source, for codecs that find a value that cannot
     * be right.
     */
    public ModelFormatException error(String problem) {
        return new ModelFormatException(source, problem);
    }

    /** Reads a count of elements of {@code elementSize} bytes and checks that they fit in what remains. */
    private int readLength(int elementSize, String what) throws ModelFormatException {
        int at = buf.position();
        int n = readInt();
        if (n < 0 || (long) n * elementSize > buf.remaining()) {
            throw error("the " + what + " at payload offset " + at + " claims " + n + " elements of "
                    + elementSize + "+ bytes, but only " + buf.remaining() + " bytes remain");
        }
        return n;
    }

    private ByteBuffer need(int n, String what) throws ModelFormatException {
        if (buf.remaining() < n) {
            throw error("payload ends at offset " + buf.position() + ", reading " + what + " needs " + n
                    + " bytes but " + buf.remaining() + " remain");
        }
        return buf;
    }
}

package org.recxplain.model.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes the payload of a model file: numbers, strings and primitive arrays, little-endian. Obtained
 * inside {@link ModelFile#write}; the payload is collected in memory and written out, with its length and
 * checksum, when the writing body returns.
 *
 * <p>Encoding (what {@link ModelReader} expects): {@code int}, {@code long}, {@code float} and
 * {@code double} as 4 or 8 little-endian bytes (floating-point values by their exact bit pattern, NaN
 * payloads included); {@code boolean} as one byte 0 or 1; a string as an {@code int} byte length and its
 * UTF-8 bytes; an array (a byte array too) as an {@code int} element count and its elements; a string
 * list as an {@code int} count and its strings. There are no tags: reader and writer must agree on the order of fields, which is
 * what a family's format version is for.
 *
 * <p>Limits: a payload holds less than 2 GiB ({@link #MAX_PAYLOAD} bytes); writing beyond that throws
 * {@link IllegalStateException}. Not thread-safe; unusable once its file is written.
 */
public final class ModelWriter {
    /** The largest payload, in bytes. */
    public static final int MAX_PAYLOAD = Integer.MAX_VALUE - 16;

    private ByteBuffer buf;
    private boolean sealed;

    ModelWriter(int initialCapacity) {
        buf = ByteBuffer.allocate(initialCapacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes written so far. */
    public int size() {
        return buf.position();
    }

    /** Writes a boolean as one byte, 0 or 1. */
    public ModelWriter writeBoolean(boolean v) {
        ensure(1).put((byte) (v ? 1 : 0));
        return this;
    }

    /** Writes an int, 4 bytes. */
    public ModelWriter writeInt(int v) {
        ensure(4).putInt(v);
        return this;
    }

    /** Writes a long, 8 bytes. */
    public ModelWriter writeLong(long v) {
        ensure(8).putLong(v);
        return this;
    }

    /** Writes a float by its exact bit pattern, 4 bytes. */
    public ModelWriter writeFloat(float v) {
        ensure(4).putInt(Float.floatToRawIntBits(v));
        return this;
    }

    /** Writes a double by its exact bit pattern, 8 bytes. */
    public ModelWriter writeDouble(double v) {
        ensure(8).putLong(Double.doubleToRawLongBits(v));
        return this;
    }

    /**
     * Writes a string as UTF-8.
     *
     * @throws NullPointerException     if {@code s} is null
     * @throws IllegalArgumentException if {@code s} holds an unpaired surrogate, which UTF-8 cannot encode
     *                                  (it would not read back equal)
     */
    public ModelWriter writeString(String s) {
        byte[] utf8 = utf8(s);
        writeInt(utf8.length);
        ensure(utf8.length).put(utf8);
        return this;
    }

    /** Writes a list of strings (none null). */
    public ModelWriter writeStrings(List<String> strings) {
        writeInt(strings.size());
        for (String s : strings) {
            writeString(s);
        }
        return this;
    }

    /** Writes an int array: its length, then its elements. */
    public ModelWriter writeInts(int[] a) {
        writeInt(a.length);
        ByteBuffer b = ensure(4L * a.length);
        b.asIntBuffer().put(a);
        b.position(b.position() + 4 * a.length);
        return this;
    }

    /** Writes a long array: its length, then its elements. */
    public ModelWriter writeLongs(long[] a) {
        writeInt(a.length);
        ByteBuffer b = ensure(8L * a.length);
        b.asLongBuffer().put(a);
        b.position(b.position() + 8 * a.length);
        return this;
    }

    /** Writes floats by their exact bit patterns. */
    public ModelWriter writeFloats(float[] a) {
        writeInt(a.length);
        ByteBuffer b = ensure(4L * a.length);
        for (float v : a) {
            b.putInt(Float.floatToRawIntBits(v));
        }
        return this;
    }

    /** Writes doubles by their exact bit patterns. */
    public ModelWriter writeDoubles(double[] a) {
        writeInt(a.length);
        ByteBuffer b = ensure(8L * a.length);
        for (double v : a) {
            b.putLong(Double.doubleToRawLongBits(v));
        }
        return this;
    }

    /**
     * Writes a byte array: its length, then its bytes (for an opaque block such as another library's
     * serialised arrays).
     */
    public ModelWriter writeBytes(byte[] a) {
        writeInt(a.length);
        ensure(a.length).put(a);
        return this;
    }

    /** The bytes written, from 0 to the current position; ends this writer. */
    ByteBuffer seal() {
        sealed = true;
        return buf.duplicate().flip();
    }

    static byte[] utf8(String s) {
        Objects.requireNonNull(s, "string");
        try {
            ByteBuffer out = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string cannot be encoded as UTF-8 (unpaired surrogate?): "
                    + s.substring(0, Math.min(s.length(), 40)), e);
        }
    }

    private ByteBuffer ensure(long n) {
        if (sealed) {
            throw new IllegalStateException("this model writer's file has already been written");
        }
        long need = buf.position() + n;
        if (need > MAX_PAYLOAD) {
            throw new IllegalStateException("model payload would reach " + need + " bytes, over the limit of "
                    + MAX_PAYLOAD);
        }
        if (need > buf.capacity()) {
            int cap = (int) Math.min(MAX_PAYLOAD, Math.max(need, 2L * buf.capacity()));
            ByteBuffer grown = ByteBuffer.allocate(cap).order(ByteOrder.LITTLE_ENDIAN);
            grown.put(buf.flip());
            buf = grown;
        }
        return buf;
    }
}

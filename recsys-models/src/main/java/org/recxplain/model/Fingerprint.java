package org.recxplain.model;

import java.util.zip.CRC32C;

/** Short hex digests of parameter arrays, for {@link ModelInfo#fingerprint()}. Stateless. */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** An 8-hex-digit CRC32C of the bit patterns of {@code values}. */
    public static String of(float[] values) {
        CRC32C crc = new CRC32C();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(values.length * 4);
        buf.asFloatBuffer().put(values);
        crc.update(buf.array());
        return String.format("%08x", crc.getValue());
    }

    /** An 8-hex-digit CRC32C of the bit patterns of {@code values}. */
    public static String of(double[] values) {
        CRC32C crc = new CRC32C();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(values.length * 8);
        buf.asDoubleBuffer().put(values);
        crc.update(buf.array());
        return String.format("%08x", crc.getValue());
    }
}

package org.recxplain.model.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

class ModelFileTest {

    @TempDir
    Path dir;

    private static final IoConsumer<ModelWriter> SAMPLE = w -> w
            .writeInt(-7).writeLong(Long.MIN_VALUE).writeFloat(Float.intBitsToFloat(0x7fc01234))
            .writeFloat(-0f).writeDouble(Math.PI).writeBoolean(true).writeString("Amélie — 東京 🎬")
            .writeString("").writeStrings(List.of("a", "ß", ""))
            .writeInts(new int[] {1, -2, Integer.MAX_VALUE}).writeInts(new int[0])
            .writeLongs(new long[] {3L << 40, -1}).writeFloats(new float[] {1.5f, Float.NaN, Float.NEGATIVE_INFINITY})
            .writeDoubles(new double[] {-0.0, Double.MIN_VALUE});

    private static void assertSample(ModelReader r) throws IOException {
        assertEquals(-7, r.readInt());
        assertEquals(Long.MIN_VALUE, r.readLong());
        assertEquals(0x7fc01234, Float.floatToRawIntBits(r.readFloat()), "NaN payload kept");
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(r.readFloat()));
        assertEquals(Math.PI, r.readDouble());
        assertTrue(r.readBoolean());
        assertEquals("Amélie — 東京 🎬", r.readString());
        assertEquals("", r.readString());
        assertEquals(List.of("a", "ß", ""), r.readStrings());
        assertArrayEquals(new int[] {1, -2, Integer.MAX_VALUE}, r.readInts());
        assertArrayEquals(new int[0], r.readInts());
        assertArrayEquals(new long[] {3L << 40, -1}, r.readLongs());
        assertArrayEquals(new float[] {1.5f, Float.NaN, Float.NEGATIVE_INFINITY}, r.readFloats());
        assertArrayEquals(new double[] {-0.0, Double.MIN_VALUE}, r.readDoubles());
        r.expectEnd();
    }

    private Path sampleFile() throws IOException {
        Path p = dir.resolve("sample.rxm");
        ModelFile.write(p, "test-family", 3, SAMPLE);
        return p;
    }

    private static ModelFormatException assertBad(Path p, String expectedInMessage) {
        var e = assertThrows(ModelFormatException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        return e;
    }

    @Test
    void roundTripsEveryTypeThroughAFile() throws IOException {
        Path p = sampleFile();
        ModelReader r = ModelFile.read(p);
        assertEquals("test-family", r.family());
        assertEquals(3, r.formatVersion());
        assertEquals(p.toString(), r.source());
        assertSample(r);
        assertEquals(0, r.remaining());
    }

    @Test
    void layoutIsAsDocumented() throws IOException {
        byte[] b = Files.readAllBytes(sampleFile());
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        bb.get(magic);
        assertArrayEquals("RXPLMDL\0".getBytes(StandardCharsets.US_ASCII), magic);
        assertEquals(ModelFile.CONTAINER_VERSION, bb.getInt());
        assertEquals(11, bb.getInt());
        byte[] family = new byte[11];
        bb.get(family);
        assertEquals("test-family", new String(family, StandardCharsets.UTF_8));
        assertEquals(3, bb.getInt());
        long payload = bb.getLong();
        assertEquals(b.length - 28 - 11 - 4, payload);
        assertEquals(-7, bb.getInt(), "the payload starts right after the length");
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(b, b.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void streamsRoundTripAndCanHoldSeveralContainers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long first = ModelFile.write(out, "a", 1, SAMPLE);
        ModelFile.write(out, "b", 2, w -> w.writeString("second"));
        assertEquals(first, Files.size(sampleFile()) - "test-family".length() + 1);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        ModelReader a = ModelFile.read(in, "mem");
        assertEquals("a", a.family());
        assertSample(a);
        ModelReader b = ModelFile.read(in, "mem");
        assertEquals("b", b.family());
        assertEquals(2, b.formatVersion());
        assertEquals("second", b.readString());
        assertEquals(-1, in.read());
    }

    @Test
    void everyCorruptedByteIsDetected() throws IOException {
        Path p = sampleFile();
        byte[] good = Files.readAllBytes(p);
        Path bad = dir.resolve("bad.rxm");
        for (int at = 0; at < good.length; at++) {
            byte[] b = good.clone();
            b[at] ^= 0x10;
            Files.write(bad, b);
            assertThrows(ModelFormatException.class, () -> ModelFile.read(bad), "flipped byte " + at);
        }
        // a flipped payload byte is a checksum error
        byte[] b = good.clone();
        b[50] ^= 1;
        Files.write(bad, b);
        assertBad(bad, "checksum mismatch");
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        byte[] good = Files.readAllBytes(sampleFile());
        Path cut = dir.resolve("cut.rxm");
        for (int len = 0; len < good.length; len++) {
            byte[] b = Arrays.copyOf(good, len);
            Files.write(cut, b);
            assertBad(cut, "truncated");
            var e = assertThrows(ModelFormatException.class, () -> ModelFile.read(new ByteArrayInputStream(b), "s"));
            assertTrue(e.getMessage().startsWith("s: truncated"), e.getMessage());
        }
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        Path p = sampleFile();
        byte[] good = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(good, good.length + 3));
        assertBad(p, "3 unexpected bytes");
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        Path p = dir.resolve("notes.txt");
        Files.writeString(p, "hello, this is not a model file at all, but it is long enough");
        assertBad(p, "not a recxplain model file");
    }

    @Test
    void wrongContainerVersionIsNamed() throws IOException {
        Path p = sampleFile();
        byte[] b = Files.readAllBytes(p);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
        Files.write(p, b);
        assertBad(p, "container version 2 is not supported");
    }

    @Test
    void absurdLengthsAreRefusedBeforeAllocating() throws IOException {
        for (int claimed : new int[] {Integer.MAX_VALUE, -1, 5}) {
            Path p = dir.resolve("len.rxm");
            ModelFile.write(p, "x", 1, w -> w.writeInt(claimed).writeInt(0));
            ModelReader r1 = ModelFile.read(p);
            var e = assertThrows(ModelFormatException.class, r1::readFloats);
            assertTrue(e.getMessage().contains("claims " + claimed), e.getMessage());
            assertThrows(ModelFormatException.class, ModelFile.read(p)::readString);
            assertThrows(ModelFormatException.class, ModelFile.read(p)::readStrings);
            assertThrows(ModelFormatException.class, ModelFile.read(p)::readDoubles);
        }
        // an absurd payload length in the header, on a stream without a known size
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(out, "x", 1, w -> w.writeInt(1));
        byte[] b = out.toByteArray();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(8 + 4 + 4 + 1 + 4, Long.MAX_VALUE);
        var e = assertThrows(ModelFormatException.class, () -> ModelFile.read(new ByteArrayInputStream(b), "s"));
        assertTrue(e.getMessage().contains("payload length"), e.getMessage());
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(8 + 4 + 4 + 1 + 4, Integer.MAX_VALUE - 100);
        e = assertThrows(ModelFormatException.class, () -> ModelFile.read(new ByteArrayInputStream(b), "s"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void readingPastTheEndIsAnError() throws IOException {
        Path p = dir.resolve("short.rxm");
        ModelFile.write(p, "x", 1, w -> w.writeInt(5).writeBoolean(false));
        ModelReader r = ModelFile.read(p);
        var left = assertThrows(ModelFormatException.class, r::expectEnd);
        assertTrue(left.getMessage().contains("5 bytes of payload left unread"), left.getMessage());
        assertEquals(5, r.readInt());
        assertFalse(r.readBoolean());
        var e = assertThrows(ModelFormatException.class, r::readLong);
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("payload ends"), e.getMessage());
        ModelFile.write(p, "x", 1, w -> w.writeInt(2));
        assertThrows(ModelFormatException.class, ModelFile.read(p)::readBoolean);
    }

    @Test
    void expectChecksFamilyAndVersion() throws IOException {
        Path p = sampleFile();
        assertDoesNotThrow(() -> ModelFile.read(p).expect("test-family", 3));
        var fam = assertThrows(ModelFormatException.class, () -> ModelFile.read(p).expect("als", 3));
        assertTrue(fam.getMessage().contains("'test-family'") && fam.getMessage().contains("'als'"), fam.getMessage());
        var ver = assertThrows(ModelFormatException.class, () -> ModelFile.read(p).expect("test-family", 2));
        assertTrue(ver.getMessage().contains("format version 3"), ver.getMessage());
    }

    @Test
    void aFailingBodyLeavesNothingBehind() throws IOException {
        Path p = sampleFile();
        byte[] before = Files.readAllBytes(p);
        assertThrows(UncheckedIOException.class, () -> ModelFile.write(p, "x", 1, w -> {
            w.writeInt(1);
            throw new UncheckedIOException(new IOException("disk on fire"));
        }));
        assertThrows(IOException.class, () -> ModelFile.write(dir.resolve("new.rxm"), "x", 1, w -> {
            throw new IOException("nope");
        }));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary or partial file");
        }
    }

    @Test
    void rejectsInvalidHeadersAndLateWrites() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> ModelFile.write(out, "", 1, w -> { }));
        assertThrows(IllegalArgumentException.class, () -> ModelFile.write(out, "x".repeat(256), 1, w -> { }));
        assertThrows(IllegalArgumentException.class, () -> ModelFile.write(out, "x", -1, w -> { }));
        assertThrows(IllegalArgumentException.class, () -> ModelFile.write(out, "x", 1,
                w -> w.writeString("bad \uD800 surrogate")));
        ModelWriter[] kept = new ModelWriter[1];
        assertDoesNotThrow(() -> ModelFile.write(out, "x", 1, w -> kept[0] = w));
        assertThrows(IllegalStateException.class, () -> kept[0].writeInt(1));
    }

    @Test
    void largeArraysRoundTrip() throws IOException {
        float[] big = new float[1_000_003];
        for (int k = 0; k < big.length; k++) {
            big[k] = k * 0.25f - 7;
        }
        Path p = dir.resolve("big.rxm");
        ModelFile.write(p, "big", 1, w -> w.writeFloats(big).writeInts(new int[] {42}));
        ModelReader r = ModelFile.read(p);
        assertArrayEquals(big, r.readFloats());
        assertArrayEquals(new int[] {42}, r.readInts());
    }
}

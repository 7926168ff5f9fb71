package org.recxplain.model.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

/** Byte arrays in a model payload: round trip, and a length that claims more than remains. */
class ModelBytesTest {

    private static ModelReader roundTrip(IoConsumer<ModelWriter> body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(out, "bytes", 1, body);
        return ModelFile.read(new ByteArrayInputStream(out.toByteArray()), "memory");
    }

    @Test
    void byteArraysRoundTripWithNeighbours() throws IOException {
        byte[] all = new byte[256];
        for (int b = 0; b < all.length; b++) {
            all[b] = (byte) b;
        }
        ModelReader r = roundTrip(w -> w.writeInt(5).writeBytes(all).writeBytes(new byte[0]).writeString("end"));
        assertEquals(5, r.readInt());
        assertArrayEquals(all, r.readBytes());
        assertArrayEquals(new byte[0], r.readBytes());
        assertEquals("end", r.readString());
        r.expectEnd();
    }

    @Test
    void lengthBeyondThePayloadIsRefusedBeforeAllocating() throws IOException {
        ModelReader r = roundTrip(w -> w.writeInt(Integer.MAX_VALUE).writeInt(1));
        var e = assertThrows(ModelFormatException.class, r::readBytes);
        assertTrue(e.getMessage().contains("byte array") && e.getMessage().contains("memory"), e.getMessage());
        ModelReader neg = roundTrip(w -> w.writeInt(-1));
        assertThrows(ModelFormatException.class, neg::readBytes);
    }

    @Test
    void bytesAreLengthPrefixedLittleEndian() throws IOException {
        ModelReader r = roundTrip(w -> w.writeBytes(new byte[] {9, 8, 7}));
        assertEquals(3, r.readInt(), "an int count first");
        assertEquals(3, r.remaining(), "then the bytes themselves");
    }
}

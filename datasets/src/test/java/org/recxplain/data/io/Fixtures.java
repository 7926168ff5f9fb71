package org.recxplain.data.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small test files. */
final class Fixtures {
    private Fixtures() {
    }

    /** Writes files into {@code dir}: arguments alternate file name and UTF-8 content. */
    static Path folder(Path dir, String... nameAndContent) {
        for (int k = 0; k < nameAndContent.length; k += 2) {
            write(dir.resolve(nameAndContent[k]), nameAndContent[k + 1].getBytes(StandardCharsets.UTF_8));
        }
        return dir;
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UTF-8 byte-order mark followed by the text, encoded as UTF-8. */
    static byte[] withBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }
}

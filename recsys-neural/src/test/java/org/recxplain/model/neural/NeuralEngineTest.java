package org.recxplain.model.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Utils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine loads from the jars on the classpath, never from the network. Surefire runs each test class in
 * a fresh JVM, so this class sees the first load of the engine.
 */
class NeuralEngineTest {

    /** Records every URI that Java's networking is asked to connect to. */
    private static final class RecordingSelector extends ProxySelector {
        final List<URI> asked = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        }
    }

    @Test
    void loadsOfflineFromTheBundledJarsIntoTheConfiguredCache() throws IOException {
        // when the environment or the build already sets DJL's switch, the library's own setting is not seen
        boolean presetOffline = System.getenv("DJL_OFFLINE") != null
                || System.getProperty(NeuralEngine.OFFLINE_PROPERTY) != null;
        RecordingSelector selector = new RecordingSelector();
        ProxySelector before = ProxySelector.getDefault();
        ProxySelector.setDefault(selector);
        try {
            NeuralEngine.get();
            try (NDManager m = NeuralEngine.newManager(); NDArray a = m.create(new float[] {1, 2, 3})) {
                assertArrayEquals(new float[] {2, 4, 6}, a.mul(2).toFloatArray());
            }
        } finally {
            ProxySelector.setDefault(before);
        }
        assertEquals(List.of(), selector.asked, "no connection attempted");
        if (!presetOffline) {
            assertEquals("true", System.getProperty(NeuralEngine.OFFLINE_PROPERTY), "the library set offline mode");
            assertTrue(Utils.isOfflineMode());
        }

        // the cache is the one the build chose (ENGINE_CACHE_DIR), and the libraries in it are the jar's
        String configured = System.getProperty("ENGINE_CACHE_DIR");
        assertNotNull(configured, "pom.xml sets ENGINE_CACHE_DIR for the tests");
        Path cache = Path.of(configured).toAbsolutePath().normalize();
        assertEquals(cache, NeuralEngine.cacheDirectory().toAbsolutePath().normalize());
        Path lib = NeuralEngine.libraryDirectory().toAbsolutePath().normalize();
        assertEquals(cache.resolve("pytorch"), lib.getParent());
        assertTrue(lib.getFileName().toString().matches("2\\.7\\.1-\\d+-cpu-linux-x86_64"), lib.toString());
        for (String file : List.of("libtorch.so", "libc10.so", "libgomp-98b21ff3.so.1")) {
            assertEquals(crc(resource("pytorch/cpu/linux-x86_64/" + file)), crc(Files.newInputStream(lib.resolve(file))),
                    file + " is the copy of the classpath jar's entry");
        }
        URL big = NeuralEngineTest.class.getClassLoader().getResource("pytorch/cpu/linux-x86_64/libtorch_cpu.so");
        assertNotNull(big);
        assertEquals(big.openConnection().getContentLengthLong(), Files.size(lib.resolve("libtorch_cpu.so")));
        assertEquals(crc(resource("jnilib/linux-x86_64/cpu/libdjl_torch.so")),
                crc(Files.newInputStream(lib.resolve("0.36.0-libdjl_torch.so"))), "JNI library from its jar");
    }

    @Test
    void refusesSettingsThatWouldMakeDjlDownload() {
        try {
            System.setProperty("PYTORCH_VERSION", "1.13.1");
            var e = assertThrows(IllegalStateException.class, NeuralEngine::requireBundledBuild);
            assertTrue(e.getMessage().contains("PYTORCH_VERSION=1.13.1"), e.getMessage());
            System.setProperty("PYTORCH_VERSION", "2.7.1");
            assertEquals("cpu", NeuralEngine.requireBundledBuild().getFlavor(), "the bundled version is accepted");
            System.clearProperty("PYTORCH_VERSION");
            System.setProperty("PYTORCH_FLAVOR", "cu124");
            e = assertThrows(IllegalStateException.class, NeuralEngine::requireBundledBuild);
            assertTrue(e.getMessage().contains("PYTORCH_FLAVOR=cu124"), e.getMessage());
        } finally {
            System.clearProperty("PYTORCH_VERSION");
            System.clearProperty("PYTORCH_FLAVOR");
        }
    }

    private static InputStream resource(String name) {
        InputStream in = NeuralEngineTest.class.getClassLoader().getResourceAsStream(name);
        assertNotNull(in, name);
        return in;
    }

    private static long crc(InputStream in) throws IOException {
        try (in) {
            CRC32C crc = new CRC32C();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                crc.update(buf, 0, n);
            }
            return crc.getValue();
        }
    }
}

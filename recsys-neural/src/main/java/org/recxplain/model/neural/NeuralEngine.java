package org.recxplain.model.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The one door to the PyTorch engine of DJL, loaded from the native libraries on the classpath and never
 * from the network.
 *
 * <p>{@code recxplain-neural} depends on {@code ai.djl.pytorch:pytorch-jni} (the JNI bridge) and on
 * {@code ai.djl.pytorch:pytorch-native-cpu} for {@code linux-x86_64} (the CPU build of libtorch). On first
 * use DJL copies both out of those jars into its engine cache directory, chosen by, in this order, the
 * environment variable or system property {@code ENGINE_CACHE_DIR}, then {@code DJL_CACHE_DIR}, then
 * {@code ~/.djl.ai} (about 450 MB, a few seconds; later runs reuse the copy). DJL downloads libtorch or the
 * JNI library from {@code publish.djl.ai} only when the classpath has no matching build, when
 * {@code PYTORCH_VERSION} asks for another version, or when the JNI build does not match; before loading,
 * {@link #get()} checks each of these and throws instead, and it sets DJL's offline switch
 * ({@code ai.djl.offline=true}, which makes every HTTP access of DJL fail) unless the environment variable
 * {@code DJL_OFFLINE} or the property was already set. So loading either uses the bundled libraries or
 * fails with a message saying what is wrong; it never downloads.
 *
 * <p>Every array of this module lives on the CPU ({@link #DEVICE}), also on machines with a GPU.
 *
 * <p>Thread-safety: {@link #get()} may be called from any thread; the engine is loaded once per JVM.
 */
public final class NeuralEngine {
    private static final Logger LOG = LoggerFactory.getLogger(NeuralEngine.class);

    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";
    /** The device of every array of this module. */
    public static final Device DEVICE = Device.cpu();
    /** The system property of DJL's offline switch. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private static volatile Engine engine;

    private NeuralEngine() {
    }

    /**
     * The PyTorch engine, loaded on first call from the bundled native libraries.
     *
     * @throws IllegalStateException if the classpath lacks the bundled CPU build or the matching JNI library,
     *                               or {@code PYTORCH_VERSION} / {@code PYTORCH_FLAVOR} ask for a build that
     *                               is not bundled (each would make DJL download); the message says which
     *                               and how to fix it
     * @throws ai.djl.engine.EngineException if the native libraries cannot be extracted or loaded
     */
    public static Engine get() {
        Engine e = engine;
        if (e == null) {
            synchronized (NeuralEngine.class) {
                e = engine;
                if (e == null) {
                    engine = e = load();
                }
            }
        }
        return e;
    }

    /** A new root array manager on {@link #DEVICE}; the caller closes it. */
    public static NDManager newManager() {
        return get().newBaseManager(DEVICE);
    }

    /** The directory holding the loaded libtorch (inside the engine cache directory). */
    public static Path libraryDirectory() {
        get();
        return Path.of(LibUtils.getLibtorchPath());
    }

    /** The engine cache directory DJL uses ({@code ENGINE_CACHE_DIR}, {@code DJL_CACHE_DIR} or ~/.djl.ai). */
    public static Path cacheDirectory() {
        return Utils.getEngineCacheDir();
    }

    private static Engine load() {
        if (Utils.getenv("DJL_OFFLINE") == null && System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
        Platform bundled = requireBundledBuild();
        long start = System.nanoTime();
        Engine e = Engine.getEngine(ENGINE_NAME);
        LOG.info("PyTorch {} ({} {}) loaded from {} in {} ms (offline mode {})", e.getVersion(),
                bundled.getFlavor(), bundled.getClassifier(), LibUtils.getLibtorchPath(),
                (System.nanoTime() - start) / 1_000_000, Utils.isOfflineMode());
        return e;
    }

    /**
     * Checks that DJL will find libtorch and its JNI library on the classpath (and so will not download).
     */
    static Platform requireBundledBuild() {
        Platform platform = Platform.detectPlatform("pytorch");
        if (platform.isPlaceholder()) {
            throw new IllegalStateException("no bundled PyTorch native build for this platform ("
                    + platform.getClassifier() + ") on the classpath: add ai.djl.pytorch:pytorch-native-cpu with"
                    + " the classifier of this platform; recxplain-neural never downloads native libraries");
        }
        String version = Utils.getEnvOrSystemProperty("PYTORCH_VERSION");
        if (version != null && !version.isEmpty() && !platform.getVersion().startsWith(version)) {
            throw new IllegalStateException("PYTORCH_VERSION=" + version + " asks for a PyTorch build other than"
                    + " the bundled " + platform.getVersion() + ", which DJL would download; unset it");
        }
        String flavor = Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR");
        if (flavor != null && !flavor.isEmpty() && !flavor.toLowerCase(Locale.ROOT).startsWith("cpu")) {
            throw new IllegalStateException("PYTORCH_FLAVOR=" + flavor + " asks for a PyTorch build other than"
                    + " the bundled CPU build; unset it");
        }
        String jni = jniVersion();
        String base = platform.getVersion().replaceFirst("-\\d+$", "");
        if (jni == null || !jni.startsWith(base + "-" + platform.getApiVersion())) {
            throw new IllegalStateException("the PyTorch JNI library on the classpath (" + jni + ") does not match"
                    + " PyTorch " + base + " with DJL " + platform.getApiVersion() + ", and DJL would download one:"
                    + " use ai.djl.pytorch:pytorch-jni " + base + "-" + platform.getApiVersion());
        }
        String lib = "jnilib/" + platform.getClassifier() + "/" + platform.getFlavor() + "/"
                + System.mapLibraryName("djl_torch");
        if (NeuralEngine.class.getClassLoader().getResource(lib) == null) {
            throw new IllegalStateException("the PyTorch JNI jar has no " + lib);
        }
        return platform;
    }

    private static String jniVersion() {
        URL url = NeuralEngine.class.getClassLoader().getResource("jnilib/pytorch.properties");
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("jni_version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url + ": " + e.getMessage(), e);
        }
    }
}

package org.recxplain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.Dataset;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.io.ModelReader;
import org.recxplain.model.io.ModelFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class ModelCatalogTest {
    static final Dataset DATA = SyntheticData.small(2).generate().dataset();

    /** A plug-in family that trains popularity and counts its calls. */
    static class CountingFamily implements ModelFamily {
        final AtomicInteger trained = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Recommender train(ModelSpec spec, Dataset data, long seed) {
            spec.requireKnown(List.of());
            trained.incrementAndGet();
            return Popularity.train(data);
        }

        @Override
        public Recommender read(ModelReader reader) {
            throw new AssertionError("not called: the saved file names 'pop'");
        }

        @Override
        public void save(Recommender model, Path path) throws IOException {
            Models.save(model, path);
        }
    }

    @Test
    void aPluggedFamilyIsListedTrainedAndTheBuiltInCatalogIsUnchanged() {
        CountingFamily f = new CountingFamily();
        ModelCatalog c = ModelCatalog.builtIn().with(f);
        List<String> expected = new ArrayList<>(Models.trainableFamilies());
        expected.add("counting");
        assertEquals(expected, c.trainableFamilies());
        assertEquals("counting", c.families().get(c.families().size() - 1));
        assertEquals(Models.trainableFamilies(), ModelCatalog.builtIn().trainableFamilies());
        assertInstanceOf(Popularity.class, c.train(ModelSpec.of("counting"), DATA, 1));
        assertEquals(1, f.trained.get());
        assertInstanceOf(Popularity.class, c.train(ModelSpec.of("pop"), DATA, 1), "built-ins still train");
        assertEquals(1, f.trained.get());
    }

    @Test
    void unknownAndDuplicateFamiliesAreClearErrors() {
        ModelCatalog c = ModelCatalog.builtIn().with(new CountingFamily());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> c.train(ModelSpec.of("magic"), DATA, 1));
        assertTrue(unknown.getMessage().contains("'magic'") && unknown.getMessage().contains("counting"),
                unknown.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> c.with(new CountingFamily()));
        assertTrue(dup.getMessage().contains("'counting'"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.builtIn().with(new CountingFamily() {
            @Override
            public String name() {
                return "als";
            }
        }));
    }

    @Test
    void savesAndLoadsThroughTheOwningFamily(@TempDir Path dir) throws IOException {
        ModelCatalog c = ModelCatalog.builtIn().with(new CountingFamily());
        Recommender m = c.train(ModelSpec.of("als").with("factors", 4).with("iterations", 2), DATA, 3);
        Path file = dir.resolve("als.model");
        c.save(m, file);
        Recommender back = c.load(file);
        float[] a = new float[m.numItems()];
        float[] b = new float[m.numItems()];
        m.scoreAll(0, a);
        back.scoreAll(0, b);
        assertArrayEquals(a, b);
        Path junk = dir.resolve("junk.model");
        Files.write(junk, new byte[] {1, 2, 3});
        assertThrows(ModelFormatException.class, () -> c.load(junk));
    }
}

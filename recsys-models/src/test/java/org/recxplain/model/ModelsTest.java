package org.recxplain.model;

import org.junit.jupiter.api.Test;
import org.recxplain.data.Dataset;
import org.recxplain.data.synth.SyntheticData;
import org.recxplain.model.als.ImplicitAls;

import static org.junit.jupiter.api.Assertions.*;

class ModelsTest {
    static final Dataset DATA = SyntheticData.small(1).generate().dataset();

    @Test
    void trainsBySpecWithParametersAndSeed() {
        ModelSpec spec = ModelSpec.of("als").with("factors", 8).with("iterations", 3);
        Recommender m = Models.train(spec, DATA, 5);
        ImplicitAls als = assertInstanceOf(ImplicitAls.class, m);
        assertEquals(8, als.factors());
        assertEquals(5, als.config().seed());
        assertEquals("als(factors=8,iterations=3)", spec.label());
        assertInstanceOf(Popularity.class, Models.train(ModelSpec.of("pop"), DATA, 0));
    }

    @Test
    void unknownFamiliesAndBadParametersGiveClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> Models.train(ModelSpec.of("magic"), DATA, 1));
        assertTrue(e.getMessage().contains("'magic'") && e.getMessage().contains("als"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Models.train(ModelSpec.of("als").with("factors", "many"), DATA, 1));
        assertTrue(e.getMessage().contains("'factors'") && e.getMessage().contains("'many'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Models.train(ModelSpec.of("als").with("factor", 3), DATA, 1));
        assertTrue(e.getMessage().contains("unknown parameter 'factor'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Models.train(ModelSpec.of("als").with("factors", 0), DATA, 1));
        assertTrue(e.getMessage().contains("factors"), e.getMessage());
    }
}

package org.recxplain.model.neural;

import org.recxplain.data.Dataset;
import org.recxplain.model.ModelCatalog;
import org.recxplain.model.ModelFamily;
import org.recxplain.model.ModelSpec;
import org.recxplain.model.Recommender;
import org.recxplain.model.io.ModelReader;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Static factories that plug this module's neural families into a {@link ModelCatalog}. Creating the family
 * or the catalog does not load the PyTorch engine; training or loading a NeuMF model does.
 *
 * <p>Thread-safety: stateless; the returned objects are immutable.
 */
public final class NeuralModels {
    private static final ModelFamily NEUMF = new ModelFamily() {
        @Override
        public String name() {
            return NeuMf.FAMILY;
        }

        @Override
        public Recommender train(ModelSpec spec, Dataset data, long seed) {
            return NeuMf.train(spec, data, seed);
        }

        @Override
        public Recommender read(ModelReader reader) throws IOException {
            return NeuMf.read(reader);
        }

        @Override
        public void save(Recommender model, Path path) throws IOException {
            if (!(model instanceof NeuMf m)) {
                throw new IllegalArgumentException("a " + model.getClass().getName() + " ('"
                        + model.info().family() + "') is not a " + NeuMf.FAMILY + " model");
            }
            m.save(path);
        }

        @Override
        public String toString() {
            return "ModelFamily[" + NeuMf.FAMILY + "]";
        }
    };

    private static final ModelCatalog ALL = ModelCatalog.builtIn().with(NEUMF);

    private NeuralModels() {
    }

    /** NeuMF ({@value NeuMf#FAMILY}): parameters as {@link NeuMf.Config#of(ModelSpec, long)} reads them. */
    public static ModelFamily neuMf() {
        return NEUMF;
    }

    /** Every model family of the project: the built-in ones, the peers and NeuMF. */
    public static ModelCatalog catalog() {
        return ALL;
    }
}

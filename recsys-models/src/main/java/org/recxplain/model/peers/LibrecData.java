package org.recxplain.model.peers;

import com.google.common.collect.BiMap;
import com.google.common.collect.HashBasedTable;
import com.google.common.collect.HashBiMap;
import com.google.common.collect.ImmutableBiMap;
import com.google.common.collect.Table;
import net.librec.common.LibrecException;
import net.librec.conf.Configuration;
import net.librec.data.DataAppender;
import net.librec.data.DataContext;
import net.librec.data.DataModel;
import net.librec.data.DataSplitter;
import net.librec.math.algorithm.Randoms;
import net.librec.math.structure.DataSet;
import net.librec.math.structure.DenseMatrix;
import net.librec.math.structure.SparseMatrix;
import net.librec.recommender.RecommenderContext;
import org.recxplain.data.IdMap;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;

import java.util.Map;

/**
 * The bridge to LibRec 2.0: an in-memory {@link DataModel} whose training matrix has our user indices as
 * rows and our item indices as columns (LibRec's own indices are therefore ours), with our external IDs as
 * LibRec's ID maps, so that LibRec's recommended lists carry the data set's own IDs. No file is written:
 * LibRec's {@code TextDataModel} would read a file and split it itself, while here the split is ours. The
 * test matrix is the held-out part when one is given (for LibRec's own rating predictions), else empty; the
 * validation matrix is absent.
 *
 * <p>LibRec keeps its random generator ({@link Randoms}) and some configuration in static fields, so
 * {@link #train} seeds and trains under one process-wide lock.
 *
 * <p>Thread-safety: immutable after construction (LibRec reads it during training only).
 */
final class LibrecData implements DataModel {
    /** Held while a LibRec recommender is set up and trained (LibRec's generator is process-global). */
    static final Object LOCK = new Object();

    private final SparseMatrix train;
    private final SparseMatrix test;
    private final BiMap<String, Integer> users;
    private final BiMap<String, Integer> items;

    /**
     * @param test held-out interactions over the same ID maps, or {@code null} for an empty test matrix
     */
    LibrecData(Interactions train, Interactions test) {
        if (test != null && (!test.users().equals(train.users()) || !test.items().equals(train.items()))) {
            throw new IllegalArgumentException("train and test must share their user and item ID maps");
        }
        this.train = matrix(train);
        this.test = test == null ? new SparseMatrix(train.numUsers(), train.numItems(),
                HashBasedTable.<Integer, Integer, Double>create()) : matrix(test);
        this.users = ids(train.users());
        this.items = ids(train.items());
    }

    private static SparseMatrix matrix(Interactions x) {
        Table<Integer, Integer, Double> cells = HashBasedTable.create();
        for (int u = 0; u < x.numUsers(); u++) {
            Row row = x.userRow(u);
            for (int p = 0; p < row.size(); p++) {
                cells.put(u, row.indices()[p], (double) row.values()[p]);
            }
        }
        return new SparseMatrix(x.numUsers(), x.numItems(), cells);
    }

    private static BiMap<String, Integer> ids(IdMap map) {
        BiMap<String, Integer> m = HashBiMap.create(map.size());
        for (int i = 0; i < map.size(); i++) {
            m.put(map.id(i), i);
        }
        return ImmutableBiMap.copyOf(m);
    }

    /**
     * A LibRec context over this data with the given settings (LibRec configuration keys such as
     * {@code rec.factor.number}); progress logging is off unless the settings turn it on.
     */
    RecommenderContext context(Map<String, String> settings) {
        Configuration conf = new Configuration();
        conf.set("rec.recommender.verbose", "false");
        conf.set("rec.recommender.isranking", "false");
        conf.set("rec.recommender.earlystop", "false");
        conf.set("rec.learnrate.bolddriver", "false");
        conf.set("rec.learnrate.decay", "1.0");
        settings.forEach(conf::set);
        return new RecommenderContext(conf, this);
    }

    /** A LibRec recommender that this package can set up and train without LibRec's recommend step. */
    @FunctionalInterface
    interface Trainable {
        void fit(RecommenderContext context) throws LibrecException;
    }

    /**
     * Seeds LibRec's global generator with {@code seed} and trains {@code model} on {@code context}, under
     * {@link #LOCK}.
     *
     * @throws IllegalStateException if LibRec fails (for example a diverging loss); the message names the
     *                               family
     */
    static void train(String family, Trainable model, RecommenderContext context, long seed) {
        synchronized (LOCK) {
            Randoms.seed(seed);
            try {
                model.fit(context);
            } catch (LibrecException e) {
                throw new IllegalStateException(family + ": LibRec failed to train: " + e.getMessage(), e);
            }
        }
    }

    /** The rows of a LibRec dense matrix, row-major in one array. */
    static double[] flatten(DenseMatrix m) {
        double[] out = new double[m.numRows * m.numColumns];
        for (int r = 0; r < m.numRows; r++) {
            System.arraycopy(m.data[r], 0, out, r * m.numColumns, m.numColumns);
        }
        return out;
    }

    /** An array of {@code n} trues: LibRec knows every row and column of its matrix. */
    static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    @Override
    public void buildDataModel() {
        // built in the constructor
    }

    @Override
    public void loadDataModel() {
        throw new UnsupportedOperationException("an in-memory LibRec data model is not loaded from files");
    }

    @Override
    public void saveDataModel() {
        throw new UnsupportedOperationException("an in-memory LibRec data model is not saved to files");
    }

    @Override
    public DataSplitter getDataSplitter() {
        return null;
    }

    @Override
    public DataSet getTrainDataSet() {
        return train;
    }

    @Override
    public DataSet getTestDataSet() {
        return test;
    }

    @Override
    public DataSet getValidDataSet() {
        return null;
    }

    @Override
    public DataSet getDatetimeDataSet() {
        return null;
    }

    @Override
    public BiMap<String, Integer> getUserMappingData() {
        return users;
    }

    @Override
    public BiMap<String, Integer> getItemMappingData() {
        return items;
    }

    @Override
    public DataAppender getDataAppender() {
        return null;
    }

    @Override
    public DataContext getContext() {
        return null;
    }
}

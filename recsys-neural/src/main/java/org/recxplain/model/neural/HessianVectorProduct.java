package org.recxplain.model.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Hessian-vector products H v of one scalar objective by double backward: the objective's gradient is
 * computed once with its own graph ({@code createGraph}), and each {@link #apply(float[])} back-propagates
 * v . gradient through that graph, which gives H v exactly (up to float rounding) without forming H.
 *
 * <p>Obtained from {@link NeuMf#userLossHessianProducts(int, org.recxplain.data.Row, NeuMf.Scope)}. The vector space
 * is that of the scope: the user's parameters, or all parameters in {@link NeuMf#parameterLayout()} order.
 *
 * <p>Resources: the session holds the graph of the objective and of its gradient in native memory until
 * {@link #close()}, which runs one last backward that frees the saved tensors it passes and then frees the
 * arrays. Because libtorch keeps a leaf and its graph-carrying gradient alive together until the gradient
 * is reset, which DJL cannot do (see {@code Autograd}), part of the graph stays allocated after closing:
 * measured at 30 to 70 KB per session for a user-scope objective of about 60 rows. All-parameter sessions
 * therefore hold as leaves only the parameters the objective reaches (the user's rows, the rows of its items,
 * the dense weights): with copies of whole tables they left about 2.2 MB each on ml-latest-small (178,241
 * parameters); now 300 sessions in a row leave no measurable growth of the process. So use one session for
 * many products (an iterative solver) rather than one per product, and for the user scope prefer the
 * explicit Hessian ({@link NeuMf#userLossHessian(int, org.recxplain.data.Row)}), which needs no double
 * backward and leaves nothing behind; it agrees with this session to float rounding.
 *
 * <p>Thread-safety: not thread-safe (one thread at a time); it may be used from another thread than the one
 * that created it. Sessions of different threads are independent.
 */
public final class HessianVectorProduct implements AutoCloseable {
    /** The model whose arrays the session reads: kept reachable while the session is. */
    private final Object owner;
    private final NDManager manager;
    private final List<NDArray> leaves;
    /** The gradients of the leaves, flattened and concatenated (with their derivative graph). */
    private final NDArray flatGradient;
    private final LeafCoordinates coordinates;
    private final float[] gradient;
    private final double value;
    private final int dimension;
    private final int leafDimension;
    private boolean closed;

    /**
     * Takes ownership of {@code manager}, which holds the leaves and the objective; {@code coordinates} places
     * the leaves in the vectors of the session.
     */
    HessianVectorProduct(Object owner, NDManager manager, List<NDArray> leaves, LeafCoordinates coordinates,
                         NDArray objective) {
        this.owner = owner;
        this.coordinates = coordinates;
        this.manager = manager;
        this.leaves = List.copyOf(leaves);
        try {
            this.value = objective.getFloat();
            this.flatGradient = Autograd.recording(() -> {
                Autograd.backward(objective, true, true);
                return Autograd.flatGradient(manager, this.leaves);
            });
            float[] g = flatGradient.toFloatArray();
            this.leafDimension = g.length;
            this.dimension = coordinates.dimension();
            this.gradient = coordinates.scatter(g);
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    /** The dimension of the vectors. */
    public int dimension() {
        return dimension;
    }

    /** The objective's value at the point of the session. */
    public double value() {
        return value;
    }

    /** The objective's gradient at the point of the session (a copy). */
    public float[] gradient() {
        return gradient.clone();
    }

    /**
     * The parameters the objective reaches, as ascending indices into the session's vectors: H is zero outside
     * them (rows and columns), so solvers may work on these coordinates only ({@link #applyOnSupport}). All
     * indices for the user scope; for all parameters, the user's rows, the rows of the objective's items and
     * the dense weights.
     */
    public int[] support() {
        return coordinates.positions() == null ? java.util.stream.IntStream.range(0, dimension).toArray()
                : coordinates.positions().clone();
    }

    /**
     * H v restricted to the {@link #support()}: {@code v} and the result have one entry per support index, in
     * that order. Equal to the matching entries of {@link #apply(float[])} of v extended by zeros.
     *
     * @throws IllegalArgumentException if {@code v} does not have one entry per support index
     * @throws IllegalStateException    if the session is closed
     */
    public float[] applyOnSupport(float[] v) {
        checkUsable(v, leafDimension, "the support");
        return backward(v, true);
    }

    /**
     * H v.
     *
     * @throws IllegalArgumentException if {@code v} does not have {@link #dimension()} entries
     * @throws IllegalStateException    if the session is closed
     */
    public float[] apply(float[] v) {
        checkUsable(v, dimension, "the Hessian");
        return coordinates.scatter(backward(coordinates.gather(v), true));
    }

    private void checkUsable(float[] v, int entries, String what) {
        if (closed) {
            throw new IllegalStateException("this Hessian-vector product session is closed");
        }
        if (v.length != entries) {
            throw new IllegalArgumentException("vector has " + v.length + " entries, " + what + " " + entries);
        }
    }

    private float[] backward(float[] v, boolean retain) {
        try (NDManager m = manager.newSubManager()) {
            for (NDArray leaf : leaves) {
                Autograd.clearGradient(leaf);
            }
            Autograd.recording(() -> {
                Autograd.backward(m.create(v).mul(flatGradient).sum(), retain, false);
                return null;
            });
            List<NDArray> hv = new ArrayList<>();
            for (NDArray leaf : leaves) {
                NDArray g = leaf.getGradient();
                g.attach(m);
                hv.add(g);
            }
            return concat(hv, leafDimension);
        }
    }

    private static float[] concat(List<NDArray> parts, int n) {
        float[] out = new float[n];
        int at = 0;
        for (NDArray p : parts) {
            float[] f = p.toFloatArray();
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }

    /** Frees the graphs (a last backward that does not retain them) and the arrays. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            backward(new float[leafDimension], false);
        } finally {
            manager.close();
            java.lang.ref.Reference.reachabilityFence(owner);
        }
    }
}

package org.recxplain.model.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.function.Supplier;

/**
 * The one place where this module talks to PyTorch's autograd directly.
 *
 * <p>DJL's {@link ai.djl.training.GradientCollector} offers first-order {@code backward(target)} only, and
 * allows one collector per JVM at a time. What this module needs beyond that is exposed by the PyTorch
 * engine's public {@link JniUtils} (no reflection): {@code backward(target, seed, keepGraph, createGraph)}
 * (PyTorch's {@code Tensor::backward}, which gives second derivatives by double backward), the grad-mode
 * switch and {@code zeroGrad}. libtorch's grad mode is thread-local, so {@link #recording} turns recording
 * on for the calling thread only and restores it afterwards; graphs built on different threads from
 * different leaves are independent, so several threads may differentiate at once (no global collector).
 *
 * <p>Graph lifetime: {@link #backward} with {@code retainGraph = false} frees the saved tensors of the
 * graph it runs through. A backward with {@code createGraph = true} stores in each leaf a gradient that has
 * a graph of its own, which refers back to the leaf: libtorch cannot free that cycle until the leaf's
 * gradient is reset, which DJL offers no call for. Callers therefore use fresh leaves for every
 * double-backward computation, end it with a backward that does not retain the graph, and accept that
 * part of the graph stays allocated (measured in {@link HessianVectorProduct}).
 *
 * <p>Thread-safety: stateless; see above for grad mode.
 */
final class Autograd {
    private Autograd() {
    }

    /** Runs {@code body} with gradient recording on in this thread, restoring the previous mode afterwards. */
    static <T> T recording(Supplier<T> body) {
        NeuralEngine.get();
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /** Runs {@code body} with gradient recording off in this thread (in-place updates of leaves). */
    static void notRecording(Runnable body) {
        NeuralEngine.get();
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            body.run();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /**
     * A scalar constant for recorded computations, in memory that libtorch owns.
     *
     * <p>Why: on the CPU, DJL's PyTorch engine creates an array from Java data without copying it (the
     * tensor reads the Java direct buffer, which only the DJL array object keeps alive), and its operations
     * with a {@code Number} operand ({@code mul(2f)}) make such an array for the scalar and close it at once.
     * An autograd graph that saves the scalar (the product rule saves each factor for the other's gradient)
     * then reads memory that the garbage collector frees and the JVM reuses: gradients and Hessian-vector
     * products computed after a collection come out scaled by whatever lies there. A copy made by libtorch
     * is owned by the tensor and the graph and lives as long as they do. So recorded code never passes a
     * {@code Number} to an array operation; it multiplies by {@code constant(m, c)} instead.
     *
     * @param m the manager that owns the returned array
     */
    static NDArray constant(NDManager m, float value) {
        try (NDArray javaBacked = m.create(value)) {
            NDArray owned = javaBacked.duplicate();
            owned.attach(m);
            return owned;
        }
    }

    /** Makes {@code array} a leaf that collects gradients (it must not be the result of recorded ops). */
    static NDArray leaf(NDArray array) {
        array.setRequiresGradient(true);
        return array;
    }

    /**
     * Adds d(sum of target) / d(leaf) into the gradient of every leaf the target depends on.
     *
     * @param retainGraph keep the graph's saved tensors for another backward through it
     * @param createGraph record the derivative computation itself, so that the gradients can be
     *                    differentiated again (implies that the caller will retain the graph)
     */
    static void backward(NDArray target, boolean retainGraph, boolean createGraph) {
        try (NDArray seed = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) seed, retainGraph || createGraph, createGraph);
        }
    }

    /**
     * The gradients of {@code leaves} after a backward with {@code createGraph}, flattened and concatenated
     * into one vector that keeps their derivative graph, in {@code m}: then v . gradient is three recorded
     * operations whatever the number of leaves. The vector is a copy (multiplied by a {@link #constant} one,
     * since DJL's {@code duplicate()} detaches), so zeroing the leaves' gradients in place later does not
     * change it. Call while recording.
     */
    static NDArray flatGradient(NDManager m, java.util.List<NDArray> leaves) {
        NDArray one = constant(m, 1f);
        ai.djl.ndarray.NDList flat = new ai.djl.ndarray.NDList();
        for (NDArray leaf : leaves) {
            flat.add(leaf.getGradient().mul(one).reshape(-1));
        }
        return ai.djl.ndarray.NDArrays.concat(flat);
    }

    /** Sets a leaf's gradient to zero in place (no-op before its first backward). */
    static void clearGradient(NDArray leaf) {
        JniUtils.zeroGrad((PtNDArray) leaf);
    }

    /** The gradient of a leaf as floats (zeros before the first backward). */
    static float[] gradient(NDArray leaf) {
        try (NDArray g = leaf.getGradient()) {
            return g.toFloatArray();
        }
    }
}

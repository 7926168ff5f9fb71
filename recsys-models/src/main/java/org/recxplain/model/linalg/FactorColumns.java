package org.recxplain.model.linalg;

/**
 * A row-major factor matrix (n rows of k columns) stored again by column, in blocks of rows, for scoring every
 * row against one vector. {@link #scoreAll} gives {@code (float) (row_r . x)} summed over the columns in order,
 * the same sums as {@link Dense#dot} and so the same bits as {@link Dense#scoreRows}, but as k passes along a
 * block of rows, which the JIT vectorises, instead of n short dot products, which it does not (a floating-point
 * sum cannot be reordered): about three times faster for k = 64.
 *
 * <p>Immutable and thread-safe; holds a copy of the matrix (8 n k bytes).
 */
public final class FactorColumns {
    private static final int BLOCK = 512;
    private final int n;
    private final int k;
    /** [block][column][row within the block]. */
    private final double[][][] blocks;

    /**
     * @param rows the matrix, row-major with k columns (copied)
     * @throws IllegalArgumentException if its length is not a multiple of k
     */
    public FactorColumns(double[] rows, int k) {
        if (k < 1 || rows.length % k != 0) {
            throw new IllegalArgumentException("a matrix of " + rows.length + " values does not have rows of k = " + k);
        }
        this.k = k;
        this.n = rows.length / k;
        this.blocks = new double[(n + BLOCK - 1) / BLOCK][k][];
        for (int b = 0; b < blocks.length; b++) {
            int from = b * BLOCK;
            int len = Math.min(BLOCK, n - from);
            for (int f = 0; f < k; f++) {
                double[] col = new double[len];
                for (int q = 0; q < len; q++) {
                    col[q] = rows[(from + q) * k + f];
                }
                blocks[b][f] = col;
            }
        }
    }

    /** The number of rows. */
    public int rows() {
        return n;
    }

    /**
     * {@code out[r] = (float) (row_r . x[xOffset .. xOffset + k))} for every row r.
     *
     * @throws IllegalArgumentException if {@code out} has fewer than {@link #rows()} entries
     */
    public void scoreAll(double[] x, int xOffset, float[] out) {
        scoreAll(x, xOffset, null, out);
    }

    /**
     * {@code out[r] = (float) (offsets[r] + row_r . x[xOffset .. xOffset + k))} for every row r (the offsets
     * added to the finished sums, as {@code offsets[r] + Dense.dot(..)} does; none when null).
     *
     * @throws IllegalArgumentException if {@code out} or {@code offsets} has fewer than {@link #rows()} entries
     */
    public void scoreAll(double[] x, int xOffset, double[] offsets, float[] out) {
        if (offsets != null && offsets.length < n) {
            throw new IllegalArgumentException("offsets have " + offsets.length + " entries for " + n + " rows");
        }
        if (out.length < n) {
            throw new IllegalArgumentException("output has " + out.length + " entries for " + n + " rows");
        }
        double[] acc = new double[BLOCK];
        for (int b = 0; b < blocks.length; b++) {
            double[][] cols = blocks[b];
            int len = cols[0].length;
            java.util.Arrays.fill(acc, 0);
            for (int f = 0; f < k; f++) {
                double xf = x[xOffset + f];
                double[] col = cols[f];
                for (int q = 0; q < len; q++) {
                    acc[q] += col[q] * xf;
                }
            }
            int from = b * BLOCK;
            if (offsets == null) {
                for (int q = 0; q < len; q++) {
                    out[from + q] = (float) acc[q];
                }
            } else {
                for (int q = 0; q < len; q++) {
                    out[from + q] = (float) (offsets[from + q] + acc[q]);
                }
            }
        }
    }
}

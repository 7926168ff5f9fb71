package org.recxplain.model.neural;

/**
 * Where the coordinates of a set of leaves (concatenated) sit in a larger parameter vector: the leaves of an
 * all-parameter evaluation hold only the table rows it reaches, while its callers see vectors over every
 * parameter. The identity (the leaves are the whole vector) when {@code positions} is null.
 *
 * <p>Immutable; the positions array is not copied and must not be changed.
 *
 * @param positions for each leaf coordinate its index in the full vector, strictly ascending (leaves in
 *                  layout order, rows ascending within each), or null for the identity
 * @param dimension the dimension of the full vector
 */
record LeafCoordinates(int[] positions, int dimension) {
    LeafCoordinates {
        if (positions != null) {
            for (int q = 0; q < positions.length; q++) {
                if (positions[q] < (q == 0 ? 0 : positions[q - 1] + 1) || positions[q] >= dimension) {
                    throw new IllegalArgumentException("leaf position " + q + " is " + positions[q]
                            + ": positions must ascend strictly within 0.." + (dimension - 1));
                }
            }
        }
    }

    /** The identity on vectors of {@code dimension} entries. */
    static LeafCoordinates identity(int dimension) {
        return new LeafCoordinates(null, dimension);
    }

    /** A leaf vector as a full vector (zero outside the leaves). */
    float[] scatter(float[] leafVector) {
        if (positions == null) {
            return leafVector;
        }
        float[] full = new float[dimension];
        for (int q = 0; q < positions.length; q++) {
            full[positions[q]] = leafVector[q];
        }
        return full;
    }

    /** A full vector restricted to the leaves. */
    float[] gather(float[] full) {
        if (positions == null) {
            return full;
        }
        float[] out = new float[positions.length];
        for (int q = 0; q < positions.length; q++) {
            out[q] = full[positions[q]];
        }
        return out;
    }
}

package org.recxplain.model.fm;

import java.util.Arrays;

/**
 * The exact split of a factorisation machine's score for one (user, item) input into per-input terms:
 * <pre>
 *   score = bias + sum over active inputs f of c_f,
 *   c_f   = w_f x_f + 1/2 sum over active g != f of &lt;v_f, v_g&gt; x_f x_g
 * </pre>
 * Every pairwise term is shared equally by its two inputs, so the contributions sum to the score minus
 * the global bias w0, exactly in real arithmetic (to about 1e-12 relative in double precision).
 *
 * <p>Immutable: the arrays are copied in and out.
 *
 * @param bias          the global bias w0
 * @param inputs        the active inputs (see {@link InputLayout}), ascending
 * @param values        their input values x_f (after scaling)
 * @param contributions their contributions c_f
 */
public record FmDecomposition(double bias, int[] inputs, double[] values, double[] contributions) {

    public FmDecomposition {
        if (inputs.length != values.length || inputs.length != contributions.length) {
            throw new IllegalArgumentException("decomposition arrays differ in length");
        }
        inputs = inputs.clone();
        values = values.clone();
        contributions = contributions.clone();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] contributions() {
        return contributions.clone();
    }

    /** bias + the sum of the contributions: the model's score in double precision. */
    public double score() {
        double s = bias;
        for (double c : contributions) {
            s += c;
        }
        return s;
    }

    /** The contribution of {@code input}, or 0 if it is not active. */
    public double contributionOf(int input) {
        int p = Arrays.binarySearch(inputs, input);
        return p < 0 ? 0 : contributions[p];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FmDecomposition d && Double.compare(bias, d.bias) == 0 && Arrays.equals(inputs, d.inputs)
                && Arrays.equals(values, d.values) && Arrays.equals(contributions, d.contributions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(inputs) + Arrays.hashCode(values)) + Arrays.hashCode(contributions);
    }

    @Override
    public String toString() {
        return "FmDecomposition[bias=" + bias + ", inputs=" + Arrays.toString(inputs) + ", contributions="
                + Arrays.toString(contributions) + "]";
    }
}

package org.recxplain.model.neural;

import java.util.List;
import java.util.Map;

/**
 * How the parameters of a {@link NeuMf} are laid out in a flattened vector (the vectors of
 * {@link NeuMf.Scope#ALL}): each named parameter, row-major, one after another in {@link #names()} order.
 *
 * @param names   parameter names in layout order (see {@link NeuMf} for what each is)
 * @param shapes  the shape of each parameter, in the same order
 * @param offsets the offset of each parameter's first entry in the flattened vector
 * @param size    the total number of entries
 */
public record ParameterLayout(List<String> names, List<long[]> shapes, int[] offsets, int size) {

    public ParameterLayout {
        names = List.copyOf(names);
        shapes = shapes.stream().map(long[]::clone).toList();
        offsets = offsets.clone();
    }

    static ParameterLayout of(Map<String, ai.djl.ndarray.types.Shape> shapes) {
        List<String> names = List.copyOf(shapes.keySet());
        int[] offsets = new int[names.size()];
        int at = 0;
        List<long[]> dims = new java.util.ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            offsets[p] = at;
            ai.djl.ndarray.types.Shape s = shapes.get(names.get(p));
            dims.add(s.getShape());
            at = Math.addExact(at, Math.toIntExact(s.size()));
        }
        return new ParameterLayout(names, dims, offsets, at);
    }

    /**
     * The offset of a parameter's first entry.
     *
     * @throws IllegalArgumentException if the name is unknown (the message lists the known names)
     */
    public int offset(String name) {
        int p = names.indexOf(name);
        if (p < 0) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + names);
        }
        return offsets[p];
    }

    @Override
    public int[] offsets() {
        return offsets.clone();
    }

    @Override
    public List<long[]> shapes() {
        return shapes.stream().map(long[]::clone).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterLayout l && names.equals(l.names) && size == l.size
                && java.util.Arrays.equals(offsets, l.offsets);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + size;
    }

    @Override
    public String toString() {
        return "ParameterLayout" + names + "[size=" + size + "]";
    }
}

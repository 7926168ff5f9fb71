package org.recxplain.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * A model family with hyper-parameters, as named on the command line or in a benchmark configuration:
 * {@code als} with {@code {factors=64, iterations=15}}. Unset parameters take the family's defaults; the
 * seed is separate so that one spec can be trained with several seeds. Turn it into a model with
 * {@link Models#train(ModelSpec, org.recxplain.data.Dataset, long)}.
 *
 * @param family the family name (see {@link Models#trainableFamilies()})
 * @param params hyper-parameters by name, as strings (sorted)
 */
public record ModelSpec(String family, Map<String, String> params) {

    public ModelSpec {
        java.util.Objects.requireNonNull(family, "family");
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** A spec with the family's defaults. */
    public static ModelSpec of(String family) {
        return new ModelSpec(family, Map.of());
    }

    /** A copy with one more parameter. */
    public ModelSpec with(String name, Object value) {
        Map<String, String> m = new TreeMap<>(params);
        m.put(name, String.valueOf(value));
        return new ModelSpec(family, m);
    }

    /** A readable label such as {@code als(factors=64,iterations=15)}. */
    public String label() {
        if (params.isEmpty()) {
            return family;
        }
        StringBuilder sb = new StringBuilder(family).append('(');
        params.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        sb.setLength(sb.length() - 1);
        return sb.append(')').toString();
    }

    /**
     * An integer parameter, or {@code fallback} when unset.
     *
     * @throws IllegalArgumentException naming the family and parameter if the value is not an integer, or
     *                                  if a parameter is set that {@code known} does not list
     */
    public int intParam(String name, int fallback) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(family + ": parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    /** A numeric parameter, or {@code fallback} when unset; the error names the family and parameter. */
    public double doubleParam(String name, double fallback) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(family + ": parameter '" + name + "' must be a number, got '" + v + "'");
        }
    }

    /** A true/false parameter (any case), or {@code fallback} when unset; the error names family and parameter. */
    public boolean booleanParam(String name, boolean fallback) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(family + ": parameter '" + name
                    + "' must be true or false, got '" + v + "'");
        };
    }

    /**
     * An enum parameter written as the constant's lower-case name ({@code -} and {@code _} are equal), or
     * {@code fallback} when unset.
     *
     * @throws IllegalArgumentException naming the family, the parameter and the allowed values otherwise
     */
    public <E extends Enum<E>> E choiceParam(String name, Class<E> type, E fallback) {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        String wanted = v.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        java.util.List<String> allowed = new java.util.ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String label = label(e);
            if (label.equals(wanted)) {
                return e;
            }
            allowed.add(label.replace('_', '-'));
        }
        throw new IllegalArgumentException(family + ": parameter '" + name + "' must be one of "
                + String.join(", ", allowed) + ", got '" + v + "'");
    }

    /** The lower-case name of an enum constant, as written in a spec. */
    public static String label(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Checks that every parameter set is one the family knows.
     *
     * @throws IllegalArgumentException listing the unknown names and the known ones
     */
    public void requireKnown(java.util.Collection<String> known) {
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(family + ": unknown parameter '" + name + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }
}

package org.recxplain.model.peers;

import org.recxplain.model.ModelSpec;

import java.util.Locale;

/** Parameters of a {@link ModelSpec} beyond its integers and numbers: booleans and named choices. Stateless. */
final class SpecParams {
    private SpecParams() {
    }

    /**
     * A boolean parameter ({@code true} or {@code false}, any case), or {@code fallback} when unset.
     *
     * @throws IllegalArgumentException naming the family and parameter for any other value
     */
    static boolean booleanParam(ModelSpec spec, String name, boolean fallback) {
        String v = spec.params().get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(spec.family() + ": parameter '" + name
                    + "' must be true or false, got '" + v + "'");
        };
    }

    /**
     * The value of an enum parameter named by the enum constant's lower-case name, or {@code fallback}.
     *
     * @throws IllegalArgumentException naming the family, the parameter and the allowed values otherwise
     */
    static <E extends Enum<E>> E choice(ModelSpec spec, String name, Class<E> type, E fallback) {
        String v = spec.params().get(name);
        if (v == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (label(e).equals(v.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(label(e));
        }
        throw new IllegalArgumentException(spec.family() + ": parameter '" + name + "' must be one of " + allowed
                + ", got '" + v + "'");
    }

    /** The lower-case name of an enum constant, as written in a spec. */
    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}

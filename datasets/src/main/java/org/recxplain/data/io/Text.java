package org.recxplain.data.io;

import java.util.function.Consumer;

/** Small string helpers shared by the readers and loaders (no regular expressions). */
final class Text {
    private static final int SHOW_MAX = 60;

    private Text() {
    }

    /** A value quoted for an error message, shortened if long: {@code "abc"}, or {@code an empty value}. */
    static String show(String s) {
        if (s.isEmpty()) {
            return "an empty value";
        }
        String t = s.length() > SHOW_MAX ? s.substring(0, SHOW_MAX) + "..." : s;
        return "\"" + t.replace("\t", "\\t").replace("\n", "\\n") + "\"";
    }

    /** Calls {@code out} with each trimmed, non-empty part of {@code cell} between separators. */
    static void split(String cell, char sep, Consumer<String> out) {
        int from = 0;
        int n = cell.length();
        while (from <= n) {
            int to = cell.indexOf(sep, from);
            if (to < 0) {
                to = n;
            }
            String part = cell.substring(from, to).trim();
            if (!part.isEmpty()) {
                out.accept(part);
            }
            from = to + 1;
        }
    }

    /** Whether {@code s} holds only characters that may occur in a decimal number. */
    static boolean numberChars(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} spells a non-finite floating-point value (NaN or infinity, any case and sign). */
    static boolean nonFiniteWord(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        return t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity");
    }

    /** The value of a decimal number, or NaN if {@code s} is not one (never throws). */
    static double parseOrNaN(String s) {
        if (!numberChars(s)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The last element of a path (its file or directory name), or the whole path if it has none. */
    static String baseName(java.nio.file.Path p) {
        java.nio.file.Path f = p.toAbsolutePath().normalize().getFileName();
        return f == null ? p.toString() : f.toString();
    }
}

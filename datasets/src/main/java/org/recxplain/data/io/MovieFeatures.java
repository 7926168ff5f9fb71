package org.recxplain.data.io;

import org.recxplain.data.FeatureKind;
import org.recxplain.data.SideFeatures;

/**
 * Item features shared by the MovieLens layouts: multi-valued {@code genre=...}, numeric {@code year} and
 * categorical {@code decade=1990s}, with the year taken from a title ending in {@code (1995)}.
 */
final class MovieFeatures {
    static final String GENRE = "genre";
    static final String YEAR = "year";
    static final String DECADE = "decade";

    private MovieFeatures() {
    }

    /** The year of a title ending in {@code (dddd)} (after trimming), or -1. */
    static int yearFromTitle(String title) {
        String t = title.trim();
        int n = t.length();
        if (n < 6 || t.charAt(n - 1) != ')' || t.charAt(n - 6) != '(') {
            return -1;
        }
        return fourDigits(t, n - 5);
    }

    /** The year of a date ending in four digits, such as {@code 01-Jan-1995}, or -1. */
    static int yearFromDate(String date) {
        String d = date.trim();
        return d.length() < 4 ? -1 : fourDigits(d, d.length() - 4);
    }

    private static int fourDigits(String s, int from) {
        int y = 0;
        for (int k = from; k < from + 4; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            y = y * 10 + (c - '0');
        }
        return y;
    }

    /** Adds {@code year} and {@code decade} unless {@code year} is negative (unknown). */
    static void addYear(SideFeatures.Builder features, int item, int year) {
        if (year < 0) {
            return;
        }
        features.addNumeric(item, YEAR, year);
        features.add(item, DECADE, FeatureKind.CATEGORICAL, (year / 10 * 10) + "s");
    }

    /** Adds {@code genre=name}. */
    static void addGenre(SideFeatures.Builder features, int item, String genre) {
        features.add(item, GENRE, FeatureKind.MULTI_VALUED, genre);
    }
}

package org.recxplain.explain.feature;

import org.recxplain.data.FeatureDictionary;
import org.recxplain.data.FeatureKind;
import org.recxplain.explain.Attribution;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Shared conventions of the feature explainers: how a side feature becomes an {@link Attribution}, and how
 * a per-explanation random stream is derived from the explainer's seed. Stateless and thread-safe.
 *
 * <p>An item feature is credited with {@link Attribution.Kind#FEATURE}, its index in the item
 * {@link FeatureDictionary}, its name as ID ({@code genre=Comedy}) and a label with the {@code =} replaced
 * by a space ({@code genre Comedy}); a numeric feature's label carries its value ({@code year 1995}). A user
 * feature has the same shape with its index in the user dictionary, the ID prefixed by
 * {@link #USER_PREFIX} ({@code user:gender=F}) and the label prefixed by {@code your}
 * ({@code your gender F}), so that item and user features never share an ID.
 */
public final class FeatureAttributions {
    /** The prefix of the IDs of user features. */
    public static final String USER_PREFIX = "user:";

    private FeatureAttributions() {
    }

    /** The attribution of item feature {@code feature} (raw value {@code value}). */
    public static Attribution item(FeatureDictionary dict, int feature, float value, double weight) {
        return new Attribution(Attribution.Kind.FEATURE, feature, dict.name(feature), label(dict, feature, value),
                weight);
    }

    /** The attribution of user feature {@code feature} (raw value {@code value}). */
    public static Attribution user(FeatureDictionary dict, int feature, float value, double weight) {
        return new Attribution(Attribution.Kind.FEATURE, feature, USER_PREFIX + dict.name(feature),
                "your " + label(dict, feature, value), weight);
    }

    /** {@code genre Comedy} for {@code genre=Comedy}; {@code year 1995} for numeric {@code year}. */
    public static String label(FeatureDictionary dict, int feature, float value) {
        if (dict.kind(feature) == FeatureKind.NUMERIC) {
            String v = value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                    : String.format(Locale.ROOT, "%.4g", value);
            return dict.name(feature) + " " + v;
        }
        return dict.name(feature).replaceFirst("=", " ");
    }

    /**
     * The random stream of one explained pair: a function of the seed and the pair alone, so that results do
     * not depend on the order or the thread in which pairs are explained.
     */
    public static SplittableRandom stream(long seed, int user, int item) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * ((((long) user) << 32) | (item & 0xffffffffL))));
    }
}

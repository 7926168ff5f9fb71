package org.recxplain.data;

/** How a group of side features is encoded. */
public enum FeatureKind {
    /** One value out of several, one-hot: {@code gender=F}. */
    CATEGORICAL,
    /** Any number of values, multi-hot: {@code genre=Comedy}, {@code genre=Drama}. */
    MULTI_VALUED,
    /** A single number: {@code year} with value 1995. */
    NUMERIC
}

package org.recxplain.explain.feature;

import org.recxplain.data.Row;
import org.recxplain.explain.Attribution;
import org.recxplain.model.FeatureRecommender;

import java.util.Objects;

/**
 * The side features of one (user, item) input of a {@link FeatureRecommender}, as the players of a
 * perturbation: players {@code 0..itemCount()-1} are the item's features (ascending feature index), the
 * remaining ones the user's. A mask switches players on ({@code true}) or off; an off feature is removed
 * from its row, which the model interprets as its documented "absent" value.
 *
 * <p>Thread-safety: immutable.
 */
public final class FeatureInput {
    private final FeatureRecommender model;
    private final int user;
    private final int item;
    private final Row userRow;
    private final Row itemRow;

    /** The features of {@code user} and {@code item} as the model reads them. */
    public FeatureInput(FeatureRecommender model, int user, int item) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.checkIndex(user, model.data().interactions().numUsers());
        Objects.checkIndex(item, model.numItems());
        this.user = user;
        this.item = item;
        this.userRow = model.userFeatures().of(user);
        this.itemRow = model.itemFeatures().of(item);
    }

    /** Number of players (features of the item plus features of the user). */
    public int size() {
        return itemRow.size() + userRow.size();
    }

    /** Number of item features (the first players). */
    public int itemCount() {
        return itemRow.size();
    }

    /** Whether player {@code p} is a user feature. */
    public boolean isUserFeature(int p) {
        return Objects.checkIndex(p, size()) >= itemRow.size();
    }

    /** The feature index of player {@code p} in its (item or user) dictionary. */
    public int feature(int p) {
        return isUserFeature(p) ? userRow.indices()[p - itemRow.size()] : itemRow.indices()[p];
    }

    /** The raw value of player {@code p}. */
    public float value(int p) {
        return isUserFeature(p) ? userRow.values()[p - itemRow.size()] : itemRow.values()[p];
    }

    /** The attribution of player {@code p} with a weight. */
    public Attribution attribution(int p, double weight) {
        return isUserFeature(p)
                ? FeatureAttributions.user(model.userFeatures().dictionary(), feature(p), value(p), weight)
                : FeatureAttributions.item(model.itemFeatures().dictionary(), feature(p), value(p), weight);
    }

    /**
     * The model's scores of the item for the user under each mask, in ONE batched
     * {@link FeatureRecommender#scoreWithFeatures} call. Masks that leave the user's features unchanged
     * share one user row instance, so the model can reuse its user-side work.
     */
    public float[] score(boolean[][] masks) {
        int n = masks.length;
        int[] items = new int[n];
        Row[] users = new Row[n];
        Row[] rows = new Row[n];
        java.util.Arrays.fill(items, item);
        Row previous = null;
        boolean[] previousMask = null;
        for (int s = 0; s < n; s++) {
            boolean[] z = masks[s];
            if (z.length != size()) {
                throw new IllegalArgumentException("mask " + s + " has " + z.length + " entries, expected " + size());
            }
            rows[s] = restrict(itemRow, z, 0);
            if (previous != null && sameUserPart(previousMask, z)) {
                users[s] = previous;
            } else {
                users[s] = restrict(userRow, z, itemRow.size());
                previous = users[s];
                previousMask = z;
            }
        }
        float[] out = new float[n];
        model.scoreWithFeatures(user, users, items, rows, out);
        return out;
    }

    private boolean sameUserPart(boolean[] a, boolean[] b) {
        for (int p = itemRow.size(); p < a.length; p++) {
            if (a[p] != b[p]) {
                return false;
            }
        }
        return true;
    }

    /** The entries of {@code row} whose players (offset by {@code from}) are on. */
    private static Row restrict(Row row, boolean[] mask, int from) {
        int n = 0;
        for (int p = 0; p < row.size(); p++) {
            if (mask[from + p]) {
                n++;
            }
        }
        if (n == row.size()) {
            return row;
        }
        int[] idx = new int[n];
        float[] val = new float[n];
        for (int p = 0, q = 0; p < row.size(); p++) {
            if (mask[from + p]) {
                idx[q] = row.indices()[p];
                val[q++] = row.values()[p];
            }
        }
        return new Row(idx, val, null);
    }
}

package org.recxplain.model.peers;

import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericDataModel;
import org.apache.mahout.cf.taste.impl.model.GenericUserPreferenceArray;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.model.PreferenceArray;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;

/**
 * The bridge to Mahout Taste: our interactions as an in-memory {@link GenericDataModel} (or its boolean
 * variant) in which user index
 * {@code u} has Mahout user ID {@code (long) u} and item index {@code i} has Mahout item ID {@code (long) i},
 * with the interaction values as preference values. Users and items without interactions do not exist for
 * Mahout (it cannot hold them); callers check {@link Interactions#userDegree} / {@code itemDegree} first.
 * Stateless.
 */
final class MahoutData {
    /** Held while Mahout draws random numbers (its generators are process-global and unsynchronised). */
    static final Object RANDOM_LOCK = new Object();

    private MahoutData() {
    }

    /** A Mahout data model of {@code x} with its values. Costs one pass over the interactions. */
    static DataModel of(Interactions x) {
        return new GenericDataModel(userData(x));
    }

    /**
     * A Mahout boolean-preference data model of {@code x}: which items each user has, every value read as
     * 1 (Mahout's {@code GenericBooleanPrefDataModel}).
     */
    static DataModel booleanOf(Interactions x) {
        return new GenericBooleanPrefDataModel(GenericBooleanPrefDataModel.toDataMap(userData(x)));
    }

    private static FastByIDMap<PreferenceArray> userData(Interactions x) {
        FastByIDMap<PreferenceArray> users = new FastByIDMap<>(x.numUsers());
        for (int u = 0; u < x.numUsers(); u++) {
            Row row = x.userRow(u);
            if (row.size() == 0) {
                continue;
            }
            PreferenceArray prefs = new GenericUserPreferenceArray(row.size());
            prefs.setUserID(0, u);
            for (int p = 0; p < row.size(); p++) {
                prefs.setItemID(p, row.indices()[p]);
                prefs.setValue(p, row.values()[p]);
            }
            users.put(u, prefs);
        }
        return users;
    }

    /** A Taste call that may throw Mahout's checked exception. */
    @FunctionalInterface
    interface TasteCall<T> {
        T call() throws TasteException;
    }

    /**
     * Runs a Taste call, turning its checked {@link TasteException} into an {@link IllegalStateException}
     * whose message says what was being done.
     */
    static <T> T call(String what, TasteCall<T> body) {
        try {
            return body.call();
        } catch (TasteException e) {
            throw new IllegalStateException("Mahout failed to " + what + ": " + e.getMessage(), e);
        }
    }
}

package org.recxplain.model.peers;

import org.recxplain.model.Fingerprint;

import java.util.Arrays;

/**
 * Latent factors read out of a peer library, re-indexed by our dense user and item indices (row-major,
 * {@code k} per row), with optional biases and global offset; it scores a pair exactly as the libraries do:
 * the sum {@code s += u[f] * v[f]} for {@code f = 0..k-1} in double, then {@code ((s + b_u) + b_i) + mu} when
 * there are biases, then the cast to float. A user or item the library did not know (no training
 * interactions) scores {@link Float#NEGATIVE_INFINITY}. Immutable once built.
 */
final class FactorTable {
    private final int k;
    private final double[] users;
    private final double[] items;
    private final boolean[] knownUser;
    private final boolean[] knownItem;
    private final double[] userBias;
    private final double[] itemBias;
    private final double offset;

    /**
     * @param userBias per-user bias, or {@code null} for a plain dot product (then {@code itemBias} must be
     *                 null and {@code offset} zero)
     */
    FactorTable(int k, double[] users, double[] items, boolean[] knownUser, boolean[] knownItem,
                double[] userBias, double[] itemBias, double offset) {
        if (users.length != knownUser.length * k || items.length != knownItem.length * k) {
            throw new IllegalArgumentException("factor arrays do not match " + knownUser.length + " users, "
                    + knownItem.length + " items and k = " + k);
        }
        if ((userBias == null) != (itemBias == null)) {
            throw new IllegalArgumentException("user and item biases must both be given or both be absent");
        }
        this.k = k;
        this.users = users;
        this.items = items;
        this.knownUser = knownUser;
        this.knownItem = knownItem;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.offset = offset;
    }

    int factors() {
        return k;
    }

    int numItems() {
        return knownItem.length;
    }

    boolean knowsUser(int user) {
        return knownUser[user];
    }

    /** The library's score of the pair in double precision, or NaN if the library does not know one of them. */
    double score(int user, int item) {
        if (!knownUser[user] || !knownItem[item]) {
            return Double.NaN;
        }
        double s = 0;
        int a = user * k;
        int b = item * k;
        for (int f = 0; f < k; f++) {
            s += users[a + f] * items[b + f];
        }
        return userBias == null ? s : s + userBias[user] + itemBias[item] + offset;
    }

    /** The scores of every item for {@code user}, cast to float; unknown pairs get negative infinity. */
    void scoreAll(int user, float[] out) {
        java.util.Objects.checkIndex(user, knownUser.length);
        int n = knownItem.length;
        if (!knownUser[user]) {
            Arrays.fill(out, 0, n, Float.NEGATIVE_INFINITY);
            return;
        }
        for (int i = 0; i < n; i++) {
            out[i] = knownItem[i] ? (float) score(user, i) : Float.NEGATIVE_INFINITY;
        }
    }

    /** A fingerprint of the item factors and biases, for {@link org.recxplain.model.ModelInfo}. */
    String fingerprint() {
        double[] all = itemBias == null ? items : Arrays.copyOf(items, items.length + itemBias.length + 1);
        if (itemBias != null) {
            System.arraycopy(itemBias, 0, all, items.length, itemBias.length);
            all[all.length - 1] = offset;
        }
        return Fingerprint.of(all);
    }
}

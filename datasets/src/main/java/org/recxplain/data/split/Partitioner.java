package org.recxplain.data.split;

import org.recxplain.data.CsrInteractions;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.Row;

/**
 * The one place where a split is materialised: each user's row is divided by a per-entry mask into two
 * {@link CsrInteractions} built over the input's ID maps. Stateless.
 */
final class Partitioner {
    private Partitioner() {
    }

    /** Decides, for one user's row, which entries are held out. */
    @FunctionalInterface
    interface TestMask {
        /** A mask over the positions of {@code row}: {@code true} sends that entry to test. */
        boolean[] select(int user, Row row);
    }

    static Split partition(Interactions data, TestMask mask) {
        InteractionsBuilder train = overIdsOf(data);
        InteractionsBuilder test = overIdsOf(data);
        for (int u = 0; u < data.numUsers(); u++) {
            Row row = data.userRow(u);
            boolean[] held = mask.select(u, row);
            long[] ts = row.timestamps();
            for (int p = 0; p < row.size(); p++) {
                (held[p] ? test : train).add(u, row.indices()[p], row.values()[p],
                        ts == null ? InteractionsBuilder.NO_TIME : ts[p]);
            }
        }
        return new Split(train.build(), test.build());
    }

    /** A builder whose users and items are those of {@code data}, registered in index order. */
    private static InteractionsBuilder overIdsOf(Interactions data) {
        return InteractionsBuilder.over(data.users(), data.items());
    }

    /** Throws unless {@code data} carries timestamps. */
    static void requireTimestamps(Interactions data, String rule) {
        if (!data.hasTimestamps()) {
            throw new IllegalArgumentException(rule + " needs timestamps, but the data (" + data.numUsers()
                    + " users x " + data.numItems() + " items, " + data.size() + " interactions) has none");
        }
    }

    /** Throws unless {@code fraction} is in {@code [0, 1)}. */
    static double checkFraction(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1), got " + fraction);
        }
        return fraction;
    }
}

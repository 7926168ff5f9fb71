package org.recxplain.data.synth;

import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.LoadReport;
import org.recxplain.data.Sampling;
import org.recxplain.data.SideFeatures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of interaction data with planted structure, so tests know the truth.
 *
 * <p>Every item belongs to one of {@code genres} genres (its side feature {@code genre=gN}) and has a
 * Zipf-like popularity within its genre. Every user has {@code tastesPerUser} favourite genres. Each of a
 * user's interactions is, with probability {@code 1 - noise}, an item of a favourite genre (rated 4 or 5),
 * otherwise a uniformly random item (rated 1 to 3). Timestamps increase with each user's interactions.
 * Generation costs O(log items) per interaction, so ten million interactions take seconds.
 *
 * <p>The same configuration and seed give the same data, to the byte.
 *
 * @param users           number of users
 * @param items           number of items
 * @param genres          number of genres (planted clusters)
 * @param tastesPerUser   favourite genres per user
 * @param meanPerUser     mean number of interactions per user (each user gets between half and 1.5 times it)
 * @param noise           probability that an interaction ignores the user's taste
 * @param seed            the random seed
 */
public record SyntheticData(int users, int items, int genres, int tastesPerUser, int meanPerUser, double noise,
                            long seed) {

    public SyntheticData {
        if (users <= 0 || items <= 0 || genres <= 0 || genres > items || tastesPerUser <= 0 || tastesPerUser > genres
                || meanPerUser <= 0 || noise < 0 || noise > 1) {
            throw new IllegalArgumentException("invalid synthetic configuration: " + users + " users, " + items
                    + " items, " + genres + " genres, " + tastesPerUser + " tastes per user, " + meanPerUser
                    + " per user, noise " + noise);
        }
    }

    /** A small default: 300 users, 200 items, 8 genres, 2 tastes, 20 interactions per user, 10% noise. */
    public static SyntheticData small(long seed) {
        return new SyntheticData(300, 200, 8, 2, 20, 0.1, seed);
    }

    /** The generated data together with its planted truth. */
    public record Planted(Dataset dataset, int[] itemGenre, int[][] userTastes) {
        /** Whether {@code item} belongs to one of {@code user}'s favourite genres. */
        public boolean likes(int user, int item) {
            for (int g : userTastes[user]) {
                if (g == itemGenre[item]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Generates the data. */
    public Planted generate() {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] itemGenre = new int[items];
        List<int[]> members = new ArrayList<>();
        List<double[]> cumulative = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            itemGenre[i] = i % genres;
        }
        for (int g = 0; g < genres; g++) {
            int n = (items - g + genres - 1) / genres;
            int[] m = new int[n];
            double[] c = new double[n];
            double total = 0;
            for (int r = 0; r < n; r++) {
                m[r] = g + r * genres;
                total += 1.0 / Math.pow(r + 1, 0.8);
                c[r] = total;
            }
            members.add(m);
            cumulative.add(c);
        }
        int[][] tastes = new int[users][];
        InteractionsBuilder b = new InteractionsBuilder();
        for (int u = 0; u < users; u++) {
            b.addUser("u" + u);
        }
        for (int i = 0; i < items; i++) {
            b.addItem("i" + i);
        }
        for (int u = 0; u < users; u++) {
            int[] perm = Sampling.permutation(genres, rnd);
            tastes[u] = Arrays.copyOf(perm, tastesPerUser);
            int n = Math.max(1, meanPerUser / 2 + rnd.nextInt(meanPerUser + 1));
            long t = 1_000_000_000L + rnd.nextInt(1_000_000);
            for (int e = 0; e < n; e++) {
                int item;
                float rating;
                if (rnd.nextDouble() < noise) {
                    item = rnd.nextInt(items);
                    rating = 1 + rnd.nextInt(3);
                } else {
                    int g = tastes[u][rnd.nextInt(tastesPerUser)];
                    double[] c = cumulative.get(g);
                    int pos = Arrays.binarySearch(c, rnd.nextDouble() * c[c.length - 1]);
                    item = members.get(g)[pos < 0 ? -pos - 1 : pos];
                    rating = 4 + rnd.nextInt(2);
                }
                t += 1 + rnd.nextInt(3600);
                b.add(u, item, rating, t);
            }
        }
        var interactions = b.build();
        SideFeatures.Builder fb = new SideFeatures.Builder();
        for (int i = 0; i < items; i++) {
            fb.add(i, "genre", FeatureKind.MULTI_VALUED, "g" + itemGenre[i]);
        }
        List<String> titles = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            titles.add("Item " + i + " (genre g" + itemGenre[i] + ")");
        }
        Dataset data = new Dataset("synthetic", interactions, fb.build(items), SideFeatures.none(users), titles,
                b.report());
        for (int[] ts : tastes) {
            Arrays.sort(ts);
        }
        return new Planted(data, itemGenre, tastes);
    }

}

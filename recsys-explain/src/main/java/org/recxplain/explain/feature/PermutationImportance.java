package org.recxplain.explain.feature;

import org.recxplain.data.FeatureDictionary;
import org.recxplain.data.Interactions;
import org.recxplain.data.Row;
import org.recxplain.data.Sampling;
import org.recxplain.data.SideFeatures;
import org.recxplain.model.FeatureRecommender;
import org.recxplain.model.Rankings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Global permutation importance of side-feature groups (Breiman 2001; Fisher, Rudin and Dominici 2019;
 * reported as ELI5 does, mean and standard deviation of the score drop over shuffles).
 *
 * <p>The score is NDCG@{@code cutoff} on a test split: for every user with held-out items, all items are
 * scored in one batched {@link FeatureRecommender#scoreWithFeatures} call, the user's training items (those
 * of the model's data) are excluded, and the held-out items are the relevant ones (binary gain, ideal DCG
 * over min(|held-out|, cutoff) positions). Shuffling an item group gives every item the group's features
 * of another item, by one seeded random permutation of the items, keeping its other features; a user group
 * is shuffled across users likewise. Each group is shuffled {@code repeats} times.
 *
 * <p>Cost: (1 + groups x repeats) x test users x one batched call over the catalogue.
 *
 * <p>Stateless and thread-safe; the same seed gives the same result.
 */
public final class PermutationImportance {
    private PermutationImportance() {
    }

    /** A feature group to shuffle: the group name in the item or the user dictionary. */
    public record Group(ImportanceResult.Side side, String name) {
        public Group {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(name, "name");
        }

        public static Group item(String name) {
            return new Group(ImportanceResult.Side.ITEM, name);
        }

        public static Group user(String name) {
            return new Group(ImportanceResult.Side.USER, name);
        }
    }

    /** Every item group, then every user group, of the model's features. */
    public static List<Group> allGroups(FeatureRecommender model) {
        List<Group> out = new ArrayList<>();
        model.itemFeatures().dictionary().groups().forEach(g -> out.add(Group.item(g)));
        model.userFeatures().dictionary().groups().forEach(g -> out.add(Group.user(g)));
        return out;
    }

    /**
     * Measures the NDCG drop of every group.
     *
     * @param test    held-out interactions over the model's users and items
     * @param groups  the groups to shuffle
     * @param cutoff  the NDCG cutoff (&ge; 1), 10 in the usual report
     * @param repeats shuffles per group (&ge; 1)
     * @throws IllegalArgumentException if a group is unknown, the test split does not match the model's
     *                                  users and items, or it has no user with held-out items
     */
    public static ImportanceResult compute(FeatureRecommender model, Interactions test, List<Group> groups, int cutoff,
                                           int repeats, long seed) {
        Objects.requireNonNull(model, "model");
        if (test.numUsers() != model.data().interactions().numUsers() || test.numItems() != model.numItems()) {
            throw new IllegalArgumentException("the test split has " + test.numUsers() + " users and "
                    + test.numItems() + " items, the model " + model.data().interactions().numUsers() + " and "
                    + model.numItems());
        }
        if (cutoff < 1 || repeats < 1) {
            throw new IllegalArgumentException("cutoff and repeats must be >= 1, got " + cutoff + " and " + repeats);
        }
        for (Group g : groups) {
            if (!dictionary(model, g.side()).groups().contains(g.name())) {
                throw new IllegalArgumentException("unknown " + g.side().name().toLowerCase(java.util.Locale.ROOT)
                        + " feature group '" + g.name() + "'; known: " + dictionary(model, g.side()).groups());
            }
        }
        Row[] items = rows(model.itemFeatures());
        Row[] users = rows(model.userFeatures());
        Ndcg ndcg = new Ndcg(model, test, cutoff);
        if (ndcg.users == 0) {
            throw new IllegalArgumentException("the test split has no user with held-out items");
        }
        double baseline = ndcg.mean(users, items);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ImportanceResult.GroupImportance> out = new ArrayList<>(groups.size());
        for (Group g : groups) {
            boolean item = g.side() == ImportanceResult.Side.ITEM;
            Row[] original = item ? items : users;
            int[] members = dictionary(model, g.side()).featuresOf(g.name());
            double[] drops = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                Row[] shuffled = shuffle(original, members, Sampling.permutation(original.length, rnd));
                drops[r] = baseline - (item ? ndcg.mean(users, shuffled) : ndcg.mean(shuffled, items));
            }
            double mean = Arrays.stream(drops).average().orElse(0);
            double var = 0;
            for (double d : drops) {
                var += (d - mean) * (d - mean);
            }
            out.add(new ImportanceResult.GroupImportance(g.side(), g.name(), mean, Math.sqrt(var / repeats), drops));
        }
        return new ImportanceResult(model.info().id(), "NDCG@" + cutoff, baseline, ndcg.users, repeats, seed, out);
    }

    private static FeatureDictionary dictionary(FeatureRecommender model, ImportanceResult.Side side) {
        return (side == ImportanceResult.Side.ITEM ? model.itemFeatures() : model.userFeatures()).dictionary();
    }

    private static Row[] rows(SideFeatures f) {
        Row[] r = new Row[f.numEntities()];
        for (int e = 0; e < r.length; e++) {
            r[e] = f.of(e);
        }
        return r;
    }

    /** Entity e keeps its features outside the group and takes the group's features of entity perm[e]. */
    static Row[] shuffle(Row[] rows, int[] group, int[] perm) {
        Row[] out = new Row[rows.length];
        for (int e = 0; e < rows.length; e++) {
            Row own = rows[e].without(group);
            Row moved = rows[perm[e]].only(group);
            int n = own.size() + moved.size();
            int[] idx = new int[n];
            float[] val = new float[n];
            for (int p = 0, q = 0, t = 0; t < n; t++) {
                boolean takeOwn = q >= moved.size() || (p < own.size() && own.indices()[p] < moved.indices()[q]);
                if (takeOwn) {
                    idx[t] = own.indices()[p];
                    val[t] = own.values()[p++];
                } else {
                    idx[t] = moved.indices()[q];
                    val[t] = moved.values()[q++];
                }
            }
            out[e] = new Row(idx, val, null);
        }
        return out;
    }

    /** NDCG@cutoff over the test users, with given feature rows. */
    private static final class Ndcg {
        private final FeatureRecommender model;
        private final int cutoff;
        private final int[] testUsers;
        private final int[][] relevant;
        private final int[][] seen;
        private final int[] all;
        final int users;

        Ndcg(FeatureRecommender model, Interactions test, int cutoff) {
            this.model = model;
            this.cutoff = cutoff;
            List<Integer> us = new ArrayList<>();
            for (int u = 0; u < test.numUsers(); u++) {
                if (test.userDegree(u) > 0) {
                    us.add(u);
                }
            }
            testUsers = us.stream().mapToInt(Integer::intValue).toArray();
            users = testUsers.length;
            relevant = new int[users][];
            seen = new int[users][];
            for (int t = 0; t < users; t++) {
                relevant[t] = test.userRow(testUsers[t]).indices();
                seen[t] = model.data().interactions().userRow(testUsers[t]).indices();
            }
            all = MaskDesign.identity(model.numItems());
        }

        double mean(Row[] userRows, Row[] itemRows) {
            float[] scores = new float[all.length];
            double sum = 0;
            for (int t = 0; t < users; t++) {
                int u = testUsers[t];
                model.scoreWithFeatures(u, userRows[u], all, itemRows, scores);
                int[] top = Rankings.topK(scores, cutoff, seen[t]);
                double dcg = 0;
                for (int r = 0; r < top.length; r++) {
                    if (Arrays.binarySearch(relevant[t], top[r]) >= 0) {
                        dcg += 1 / log2(r + 2);
                    }
                }
                double idcg = 0;
                for (int r = 0; r < Math.min(cutoff, relevant[t].length); r++) {
                    idcg += 1 / log2(r + 2);
                }
                sum += dcg / idcg;
            }
            return sum / users;
        }

        private static double log2(int x) {
            return Math.log(x) / Math.log(2);
        }
    }
}

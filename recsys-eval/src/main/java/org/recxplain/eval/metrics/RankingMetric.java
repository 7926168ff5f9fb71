package org.recxplain.eval.metrics;

import java.util.Objects;

/**
 * Top-k ranking accuracy of one user's recommendations against the held-out relevant items, with binary
 * relevance, averaged over users (see for example the evaluation chapters of the Recommender Systems
 * Handbook, and Järvelin and Kekäläinen, "Cumulated gain-based evaluation of IR techniques", TOIS 2002, for
 * NDCG).
 *
 * <p>Notation: L_k is the ranked list cut at k (it may be shorter when fewer items were recommended),
 * rel(i) = 1 if the item at 1-based position i is relevant, R the relevant set, hits = Σ_{i≤|L_k|} rel(i).
 * <ul>
 *   <li>{@link Kind#NDCG}: DCG/IDCG with DCG = Σ_{i≤|L_k|} rel(i)/log2(i+1) and
 *       IDCG = Σ_{i≤min(k,|R|)} 1/log2(i+1).</li>
 *   <li>{@link Kind#RECALL}: hits/|R|.</li>
 *   <li>{@link Kind#PRECISION}: hits/k (k, not |L_k|: a short list is not rewarded).</li>
 *   <li>{@link Kind#HIT_RATE}: 1 if hits &gt; 0, else 0.</li>
 *   <li>{@link Kind#AP} (its mean is MAP@k): (1/min(k,|R|)) Σ_{i≤|L_k|} rel(i)·P@i, with P@i = hits in the
 *       first i positions / i.</li>
 *   <li>{@link Kind#RR} (its mean is MRR@k): 1/i for the first relevant position i in L_k, 0 if none.</li>
 * </ul>
 * A user without relevant items (|R| = 0) makes every one of them undefined: the user is counted in
 * {@link Summary#skipped()} and left out of the mean, as is usual (such users are not test users).
 * Published values depend on the protocol (split, relevance threshold, exclusion of seen items, sampled
 * candidates); these functions only score the list they are given.
 *
 * @param kind which metric
 * @param k    the cutoff, at least 1
 */
public record RankingMetric(Kind kind, int k) implements MeanMetric<UserRanking> {

    /** The ranking metrics. */
    public enum Kind {
        NDCG("NDCG") {
            @Override
            double of(UserRanking u, int k) {
                double dcg = 0;
                for (int i = 0; i < u.depth(k); i++) {
                    if (u.isRelevant(u.itemAt(i))) {
                        dcg += discount(i + 1);
                    }
                }
                double idcg = 0;
                for (int i = 1; i <= Math.min(k, u.relevantCount()); i++) {
                    idcg += discount(i);
                }
                return dcg / idcg;
            }
        },
        RECALL("Recall") {
            @Override
            double of(UserRanking u, int k) {
                return (double) hits(u, k) / u.relevantCount();
            }
        },
        PRECISION("Precision") {
            @Override
            double of(UserRanking u, int k) {
                return (double) hits(u, k) / k;
            }
        },
        HIT_RATE("HR") {
            @Override
            double of(UserRanking u, int k) {
                return hits(u, k) > 0 ? 1 : 0;
            }
        },
        AP("MAP") {
            @Override
            double of(UserRanking u, int k) {
                double sum = 0;
                int hits = 0;
                for (int i = 0; i < u.depth(k); i++) {
                    if (u.isRelevant(u.itemAt(i))) {
                        hits++;
                        sum += (double) hits / (i + 1);
                    }
                }
                return sum / Math.min(k, u.relevantCount());
            }
        },
        RR("MRR") {
            @Override
            double of(UserRanking u, int k) {
                for (int i = 0; i < u.depth(k); i++) {
                    if (u.isRelevant(u.itemAt(i))) {
                        return 1.0 / (i + 1);
                    }
                }
                return 0;
            }
        };

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The value for a user with at least one relevant item. */
        abstract double of(UserRanking u, int k);

        private static int hits(UserRanking u, int k) {
            int hits = 0;
            for (int i = 0; i < u.depth(k); i++) {
                if (u.isRelevant(u.itemAt(i))) {
                    hits++;
                }
            }
            return hits;
        }
    }

    private static final double LN2 = Math.log(2);

    public RankingMetric {
        Objects.requireNonNull(kind, "kind");
        Checks.positive(k, "cutoff k");
    }

    /** NDCG@k. */
    public static RankingMetric ndcg(int k) {
        return new RankingMetric(Kind.NDCG, k);
    }

    /** Recall@k. */
    public static RankingMetric recall(int k) {
        return new RankingMetric(Kind.RECALL, k);
    }

    /** Precision@k. */
    public static RankingMetric precision(int k) {
        return new RankingMetric(Kind.PRECISION, k);
    }

    /** HR@k (hit rate). */
    public static RankingMetric hitRate(int k) {
        return new RankingMetric(Kind.HIT_RATE, k);
    }

    /** MAP@k (mean of AP@k). */
    public static RankingMetric map(int k) {
        return new RankingMetric(Kind.AP, k);
    }

    /** MRR@k (mean reciprocal rank of the first relevant item within the top k). */
    public static RankingMetric mrr(int k) {
        return new RankingMetric(Kind.RR, k);
    }

    /** All ranking metrics at cutoff k, in the order NDCG, Recall, Precision, HR, MAP, MRR. */
    public static java.util.List<RankingMetric> all(int k) {
        return java.util.Arrays.stream(Kind.values()).map(kind -> new RankingMetric(kind, k)).toList();
    }

    /** The discount 1/log2(1+position) of a 1-based position; also the CDCG of a rank. */
    static double discount(int position) {
        return LN2 / Math.log(1.0 + position);
    }

    @Override
    public String name() {
        return kind.label + "@" + k;
    }

    /** The value for one user; NaN if the user has no relevant items. */
    @Override
    public double value(UserRanking user) {
        return user.relevantCount() == 0 ? Double.NaN : kind.of(user, k);
    }
}

package org.recxplain.eval.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of {@link RemovalFidelity}: per-Ke means and areas under the curve of each measure.
 *
 * @param n     the number of explained targets
 * @param pos   POS@Kr for each cutoff Kr, by Kr (ascending)
 * @param del   DEL
 * @param ins   INS
 * @param cdcg  CDCG
 */
public record RemovalSummary(long n, SortedMap<Integer, CurveSummary> pos, CurveSummary del, CurveSummary ins,
                             CurveSummary cdcg) {

    public RemovalSummary {
        pos = Collections.unmodifiableSortedMap(new TreeMap<>(pos));
        Objects.requireNonNull(del, "del");
        Objects.requireNonNull(ins, "ins");
        Objects.requireNonNull(cdcg, "cdcg");
    }

    /**
     * One measure along the removal curve.
     *
     * @param name  such as {@code POS@5} or {@code DEL}
     * @param perKe the mean over targets at Ke = 1..K (index Ke−1)
     * @param auc   the area under the curve: the mean over targets of each target's mean over Ke = 1..K
     *              (see {@link RemovalFidelity} for the convention)
     */
    public record CurveSummary(String name, List<Summary> perKe, Summary auc) {
        public CurveSummary {
            Objects.requireNonNull(name, "name");
            perKe = List.copyOf(perKe);
            Objects.requireNonNull(auc, "auc");
        }

        /** The summary at Ke (1-based). */
        public Summary at(int ke) {
            return perKe.get(ke - 1);
        }
    }
}

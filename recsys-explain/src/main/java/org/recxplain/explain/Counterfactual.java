package org.recxplain.explain;

import java.util.List;

/**
 * "Had the user not interacted with these items, this other item would take the explained item's place."
 *
 * @param removed          the interactions removed (as attributions, with their weights)
 * @param replacementItem  dense index of the item that takes the place, or -1 if none was found
 * @param replacementId    its external ID, or {@code null}
 * @param replacementLabel its readable title, or {@code null}
 * @param originalRank     the explained item's 1-based rank before the removal
 * @param newRank          the explained item's 1-based rank after the removal
 * @param verified         whether the claim was checked by an exact update or a refit and held
 */
public record Counterfactual(List<Attribution> removed, int replacementItem, String replacementId,
                             String replacementLabel, int originalRank, int newRank, boolean verified) {
    public Counterfactual {
        removed = List.copyOf(removed);
    }
}

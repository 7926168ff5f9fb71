package org.recxplain.eval.metrics;

/**
 * The counterfactual checks of one explained recommendation (Tan et al., CountER, CIKM 2021), the
 * observation of {@link NecessitySufficiency}.
 *
 * @param necessary  whether the item leaves the top-k when the explanation's features are removed (PN)
 * @param sufficient whether the item stays in the top-k when only the explanation's features are kept (PS)
 */
public record NsCheck(boolean necessary, boolean sufficient) {
}

/**
 * The interaction data model: {@link org.recxplain.data.Interactions} (an immutable users x items matrix
 * stored by user and by item in primitive arrays), {@link org.recxplain.data.IdMap} (external IDs to
 * dense indices), {@link org.recxplain.data.SideFeatures} with their
 * {@link org.recxplain.data.FeatureDictionary}, and {@link org.recxplain.data.Dataset}, which bundles them.
 *
 * <p>Everything here is immutable and thread-safe once built; builders are not.
 */
package org.recxplain.data;

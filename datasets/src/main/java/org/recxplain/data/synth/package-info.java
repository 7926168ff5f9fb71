/**
 * Seeded synthetic data with planted structure (genre tastes), for tests whose truth is known.
 */
package org.recxplain.data.synth;

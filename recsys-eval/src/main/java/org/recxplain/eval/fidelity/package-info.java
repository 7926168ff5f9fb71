/**
 * Fidelity protocols: measuring whether removing what an explanation names really changes the
 * recommendation, by refitting the user.
 */
package org.recxplain.eval.fidelity;

package org.recxplain.explain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable explanation of one recommendation: its target, its provenance, the attributions (sorted by
 * descending absolute weight), an optional counterfactual, an optional note (for example why the
 * explanation is empty) and the time it took.
 *
 * <p>Render it with {@link ExplanationText} for a person or {@link ExplanationJson} for a program.
 */
public record Explanation(Target target, Provenance provenance, List<Attribution> attributions,
                          Optional<Counterfactual> counterfactual, Optional<String> note, Duration elapsed) {

    public Explanation {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(provenance, "provenance");
        attributions = List.copyOf(attributions);
        Objects.requireNonNull(counterfactual, "counterfactual");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The sum of all attribution weights. */
    public double totalWeight() {
        double s = 0;
        for (Attribution a : attributions) {
            s += a.weight();
        }
        return s;
    }

    /** The first {@code n} attributions (all of them if {@code n} exceeds their number or is negative). */
    public List<Attribution> top(int n) {
        return n < 0 || n >= attributions.size() ? attributions : attributions.subList(0, n);
    }

    /** The same explanation without its timing, for comparing runs (elapsed set to zero). */
    public Explanation withoutTiming() {
        return new Explanation(target, provenance, attributions, counterfactual, note, Duration.ZERO);
    }
}

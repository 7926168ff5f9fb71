package org.recxplain.explain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ExplanationTextTest {
    static Explanation explanation(double score, List<Attribution> attrs, Optional<Counterfactual> cf) {
        return new Explanation(new Target(0, "u1", 3, "i3", "Heat (1995)", score),
                new Provenance("test", Map.of(), 0, "m"), attrs, cf, Optional.empty(), Duration.ZERO);
    }

    static Attribution a(int i, String label, double w) {
        return new Attribution(Attribution.Kind.INTERACTION, i, "i" + i, label, w);
    }

    @Test
    void namesTheFewestItemsCoveringHalfTheScore() {
        Explanation e = explanation(1.0, List.of(a(1, "Alien (1979)", 0.3), a(2, "Aliens (1986)", 0.25),
                a(4, "Big (1988)", 0.45)), Optional.empty());
        assertEquals("Recommended because you liked Big (1988) and Alien (1979), which account for 75% of its score.",
                ExplanationText.sentence(e));
        Explanation one = explanation(1.0, List.of(a(1, "Alien (1979)", 0.8), a(2, "Aliens (1986)", 0.2)),
                Optional.empty());
        assertEquals("Recommended because you liked Alien (1979), which accounts for 80% of its score.",
                ExplanationText.sentence(one));
    }

    @Test
    void saysSoWhenNoFewReasonsCarryTheScore() {
        List<Attribution> many = new java.util.ArrayList<>(List.of(a(1, "Alien (1979)", 0.06),
                a(2, "Aliens (1986)", 0.05), a(4, "Big (1988)", 0.04)));
        for (int i = 10; i < 27; i++) {
            many.add(a(i, "Film " + i, 0.05)); // 17 x 0.05 = 0.85: the weights add up to the score 1.0
        }
        Explanation spread = explanation(1.0, many, Optional.empty());
        assertEquals("Recommended because of your history as a whole (20 past interactions contribute); the strongest "
                + "are Alien (1979), Aliens (1986) and Film 10, with 16% of its score.", ExplanationText.sentence(spread));
    }

    @Test
    void speaksOfSharesOnlyWhenTheWeightsAddUpToTheScore() {
        Explanation features = new Explanation(new Target(0, "u1", 3, "i3", "Heat (1995)", 2.0),
                new Provenance("lime", Map.of(), 1, "m"), List.of(new Attribution(Attribution.Kind.FEATURE, 0,
                "genre=War", "genre War", 0.6)), Optional.empty(), Optional.empty(), Duration.ZERO);
        assertEquals("Recommended mainly for genre War.", ExplanationText.sentence(features));
        assertFalse(ExplanationText.render(features, 3).contains("%"));
        Explanation removal = explanation(2.0, List.of(a(1, "Alien (1979)", 0.3)
                .withEffect(new Attribution.Effect(1.7, 0))), Optional.empty());
        assertEquals("Your past interactions with Alien (1979) support it most: removing it would lower its score "
                + "the most.", ExplanationText.sentence(removal));
    }

    @Test
    void handlesNoPositiveWeightsNegativeScoresAndCounterfactuals() {
        Explanation zero = explanation(0.4, List.of(a(1, "Alien (1979)", 0.0)), Optional.empty());
        assertTrue(ExplanationText.sentence(zero).startsWith("None of your past interactions"));
        Explanation negative = explanation(-0.2, List.of(a(1, "Alien (1979)", -0.2)), Optional.empty());
        assertTrue(ExplanationText.sentence(negative).startsWith("Not favoured by your history"));
        // a logit model's top item may score below zero: weights that are not shares still name the reasons
        Explanation logit = explanation(-1.0, List.of(a(1, "Alien (1979)", 0.3), a(2, "Heat (1995)", -0.1)),
                Optional.empty());
        assertEquals("Recommended because you liked Alien (1979).", ExplanationText.sentence(logit));
        Counterfactual cf = new Counterfactual(List.of(a(1, "Alien (1979)", 0.6)), 9, "i9", "Die Hard (1988)", 1, 14, true);
        Explanation withCf = explanation(1.0, List.of(a(1, "Alien (1979)", 0.6)), Optional.of(cf));
        assertTrue(ExplanationText.sentence(withCf).endsWith("If you had not interacted with Alien (1979), this item "
                + "would fall from #1 to #14, and Die Hard (1988) would take its place (checked by refitting the model)."),
                ExplanationText.sentence(withCf));
    }
}

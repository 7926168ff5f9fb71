package org.recxplain.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one JSON shape shared by every explainer: a list of objects, each with {@code user}, {@code item},
 * {@code title}, {@code score}, {@code model}, {@code explainer}, {@code config}, {@code seed},
 * {@code attributions} (a list of {@code {kind, id, label, weight}}, plus {@code scoreAfter} and
 * {@code rankAfter} for removal-based explainers), {@code counterfactual} (null or an
 * object with {@code removed}, {@code replacement}, {@code originalRank}, {@code newRank} and
 * {@code verified}), {@code note} and
 * {@code text}. IDs are the data set's own IDs. Timing is left out, so that equal explanations give equal
 * bytes. Stateless and thread-safe.
 */
public final class ExplanationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationJson() {
    }

    /** The JSON array for {@code explanations}, with at most {@code top} attributions each (-1: all). */
    public static String toJson(List<Explanation> explanations, int top) {
        ArrayNode arr = MAPPER.createArrayNode();
        for (Explanation e : explanations) {
            arr.add(toNode(e, top));
        }
        try {
            return MAPPER.writeValueAsString(arr);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One explanation as a JSON object tree. */
    public static ObjectNode toNode(Explanation e, int top) {
        ObjectNode o = MAPPER.createObjectNode();
        Target t = e.target();
        o.put("user", t.userId());
        o.put("item", t.itemId());
        o.put("title", t.itemLabel());
        o.put("score", t.score());
        o.put("model", e.provenance().modelId());
        o.put("explainer", e.provenance().explainer());
        ObjectNode config = o.putObject("config");
        e.provenance().config().forEach(config::put);
        o.put("seed", e.provenance().seed());
        ArrayNode attrs = o.putArray("attributions");
        for (Attribution a : e.top(top)) {
            attrs.add(attribution(a));
        }
        if (e.counterfactual().isPresent()) {
            Counterfactual cf = e.counterfactual().get();
            ObjectNode c = o.putObject("counterfactual");
            ArrayNode removed = c.putArray("removed");
            cf.removed().forEach(a -> removed.add(attribution(a)));
            if (cf.replacementId() == null) {
                c.putNull("replacement");
            } else {
                ObjectNode r = c.putObject("replacement");
                r.put("id", cf.replacementId());
                r.put("label", cf.replacementLabel());
            }
            c.put("originalRank", cf.originalRank());
            c.put("newRank", cf.newRank());
            c.put("verified", cf.verified());
        } else {
            o.putNull("counterfactual");
        }
        if (e.note().isPresent()) {
            o.put("note", e.note().get());
        } else {
            o.putNull("note");
        }
        o.put("text", ExplanationText.sentence(e));
        return o;
    }

    private static ObjectNode attribution(Attribution a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
        n.put("id", a.id());
        n.put("label", a.label());
        n.put("weight", a.weight());
        a.effect().ifPresent(eff -> {
            n.put("scoreAfter", eff.scoreAfter());
            if (eff.rankAfter() > 0) {
                n.put("rankAfter", eff.rankAfter());
            } else {
                n.putNull("rankAfter");
            }
        });
        return n;
    }
}

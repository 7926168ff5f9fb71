package org.recxplain.eval.automl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The hyper-parameters of one model family to search, each with its {@link ParamRange}; parameters not named
 * keep the family's defaults. Parameters are kept sorted by name, so that sampling is deterministic.
 *
 * <p>Search spaces are data: {@link #fromJson(String)} reads a JSON object of families, each an object of
 * parameters whose value is a list (a {@link ParamRange.Choice}) or a range object
 * {@code {"min": 0.01, "max": 1, "log": true}} (integers when both bounds are JSON integers):
 * <pre>{"als": {"factors": [16, 32, 64], "lambda": {"min": 0.01, "max": 1, "log": true}}}</pre>
 *
 * @param family the model family, as a {@code ModelCatalog} names it
 * @param params the ranges by parameter name
 */
public record SearchSpace(String family, Map<String, ParamRange> params) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The default spaces of {@link #defaults()}, as JSON. Parameter names are those of the families'
     * configurations ({@code ModelInfo} names).
     */
    public static final String DEFAULTS_JSON = """
            {
              "als": {"factors": [16, 32, 64, 128], "lambda": {"min": 0.01, "max": 1.0, "log": true},
                      "alpha": [1, 5, 10, 20, 40], "iterations": [10, 15]},
              "bpr": {"factors": [16, 32, 64], "learningRate": {"min": 0.01, "max": 0.1, "log": true},
                      "regularization": {"min": 0.001, "max": 0.1, "log": true}, "epochs": [20, 30, 50]},
              "item-knn": {"neighbours": [20, 50, 100, 200], "similarity": ["cosine", "adjusted-cosine"],
                           "shrinkage": [0, 10, 50]},
              "biased-mf": {"factors": [8, 16, 32, 64], "lambda": {"min": 0.01, "max": 10.0, "log": true},
                            "iterations": [10, 15]},
              "fm": {"factors": [8, 16, 32], "learningRate": {"min": 0.01, "max": 0.1, "log": true},
                     "regularization": {"min": 0.0001, "max": 0.01, "log": true}, "epochs": [10, 20, 30]},
              "neumf": {"gmfFactors": [8, 16, 32], "mlpFactors": [8, 16, 32],
                        "learningRate": {"min": 0.001, "max": 0.01, "log": true}, "negatives": [2, 4, 8],
                        "epochs": [5, 10, 20]}
            }
            """;

    /** @throws IllegalArgumentException if the family is blank */
    public SearchSpace {
        Objects.requireNonNull(family, "family");
        if (family.isBlank()) {
            throw new IllegalArgumentException("a search space needs a model family");
        }
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /**
     * The default spaces of the families {@code als}, {@code bpr}, {@code item-knn}, {@code biased-mf},
     * {@code fm} and {@code neumf}.
     */
    public static List<SearchSpace> defaults() {
        return fromJson(DEFAULTS_JSON);
    }

    /** One configuration drawn with {@code rnd}: a value per parameter, in name order. */
    public Map<String, String> sample(SplittableRandom rnd) {
        Map<String, String> values = new TreeMap<>();
        params.forEach((name, range) -> values.put(name, range.sample(rnd)));
        return values;
    }

    /** The number of distinct configurations (saturating at {@link Long#MAX_VALUE}). */
    public long size() {
        long n = 1;
        for (ParamRange r : params.values()) {
            n = r.size() == Long.MAX_VALUE || n > Long.MAX_VALUE / r.size() ? Long.MAX_VALUE : n * r.size();
        }
        return n;
    }

    /**
     * Reads search spaces from JSON (see the class documentation), in the order of the families.
     *
     * @throws IllegalArgumentException if the text is not JSON of that shape; the message names the family and
     *                                  parameter at fault and what was expected
     */
    public static List<SearchSpace> fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("search spaces are not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("search spaces must be a JSON object of families, got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        List<SearchSpace> spaces = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> family = it.next();
            if (!family.getValue().isObject()) {
                throw new IllegalArgumentException("family '" + family.getKey()
                        + "' must map to an object of parameters, got " + family.getValue().getNodeType());
            }
            Map<String, ParamRange> params = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> p = family.getValue().fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> param = p.next();
                try {
                    params.put(param.getKey(), range(param.getValue()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("family '" + family.getKey() + "', parameter '"
                            + param.getKey() + "': " + e.getMessage(), e);
                }
            }
            spaces.add(new SearchSpace(family.getKey(), params));
        }
        return spaces;
    }

    private static ParamRange range(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode v : node) {
                if (!v.isValueNode() || v.isNull()) {
                    throw new IllegalArgumentException("list values must be numbers, strings or booleans, got "
                            + v.getNodeType());
                }
                values.add(v.asText());
            }
            return new ParamRange.Choice(values);
        }
        if (node.isObject()) {
            JsonNode min = node.get("min");
            JsonNode max = node.get("max");
            JsonNode log = node.get("log");
            if (min == null || max == null || !min.isNumber() || !max.isNumber()) {
                throw new IllegalArgumentException("a range needs numeric \"min\" and \"max\"");
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!List.of("min", "max", "log").contains(name)) {
                    throw new IllegalArgumentException("unknown range field '" + name + "'; known: min, max, log");
                }
            }
            if (log != null && !log.isBoolean()) {
                throw new IllegalArgumentException("\"log\" must be true or false");
            }
            boolean isLog = log != null && log.booleanValue();
            if (min.canConvertToInt() && max.canConvertToInt() && min.isIntegralNumber() && max.isIntegralNumber()) {
                return new ParamRange.IntRange(min.intValue(), max.intValue(), isLog);
            }
            return new ParamRange.DoubleRange(min.doubleValue(), max.doubleValue(), isLog);
        }
        throw new IllegalArgumentException("expected a list of values or a {\"min\", \"max\", \"log\"} range, got "
                + node.getNodeType());
    }

    /** This space as a JSON object ({@code {"family": {params}}}), readable by {@link #fromJson(String)}. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode p = root.putObject(family);
        params.forEach((name, range) -> {
            if (range instanceof ParamRange.Choice c) {
                c.values().forEach(p.putArray(name)::add);
            } else if (range instanceof ParamRange.IntRange r) {
                p.putObject(name).put("min", r.min()).put("max", r.max()).put("log", r.log());
            } else if (range instanceof ParamRange.DoubleRange r) {
                p.putObject(name).put("min", r.min()).put("max", r.max()).put("log", r.log());
            }
        });
        return root;
    }
}

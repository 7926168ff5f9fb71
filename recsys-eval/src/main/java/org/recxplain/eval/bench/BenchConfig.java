package org.recxplain.eval.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.recxplain.model.ModelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark runs: the grid data sets x models x explainers, each model trained once per seed, the
 * explained targets (every sampled user's top-1 item), and the protocol parameters. Read from JSON with
 * {@link #read(Path)}; every field has a visible default (see {@link #defaults()}).
 *
 * <pre>
 * {
 *   "name": "default",
 *   "datasets": [{"data": "ml-latest-small"}],
 *   "models": [{"family": "als", "params": {"factors": "64", "iterations": "15"}}],
 *   "explainers": ["neighbourhood", "influence", "counterfactual", "cosine", "popularity", "random"],
 *   "seeds": [1, 2, 3],
 *   "users": 0,
 *   "maxKe": 10,
 *   "stabilityK": 5,
 *   "retrainChecks": 2,
 *   "examples": 3
 * }
 * </pre>
 *
 * @param name          a name for the report
 * @param datasets      the data sets: a bundled name or a path with its format
 * @param models        the model specs
 * @param explainers    explainer names (see {@code Explainers.names()})
 * @param seeds         seeds: each model is trained once per seed, and randomised explainers use it too
 * @param users         how many users to sample per data set (0: every user with a history)
 * @param maxKe         the largest number of interactions removed in the fidelity curves
 * @param stabilityK    k of the Jaccard@k stability measures
 * @param retrainChecks how many counterfactuals per cell are checked by retraining the whole model
 * @param examples      how many users' explanations the report prints in plain language
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record BenchConfig(String name, List<DataSpec> datasets, List<ModelEntry> models, List<String> explainers,
                          List<Long> seeds, int users, int maxKe, int stabilityK, int retrainChecks, int examples) {

    /**
     * A data set of the grid.
     *
     * @param data               a bundled name ({@code ml-latest-small}, {@code uci-restaurant}) or a path
     * @param format             the data format for a path (movielens, ml100k, csv, uci-restaurant), or null
     * @param implicitThreshold  ratings below it are dropped before training (0: keep all)
     */
    public record DataSpec(@JsonProperty("data") String data, @JsonProperty("format") String format,
                           @JsonProperty("implicitThreshold") float implicitThreshold) {
        public String label() {
            return data + (implicitThreshold > 0 ? " (r>=" + implicitThreshold + ")" : "");
        }
    }

    /** A model of the grid: a family and its hyper-parameters as strings. */
    public record ModelEntry(@JsonProperty("family") String family, @JsonProperty("params") Map<String, String> params) {
        public ModelSpec spec() {
            return new ModelSpec(family, params == null ? Map.of() : params);
        }
    }

    public BenchConfig {
        if (name == null || name.isBlank()) {
            name = "benchmark";
        }
        datasets = List.copyOf(require(datasets, "datasets"));
        models = List.copyOf(require(models, "models"));
        explainers = List.copyOf(require(explainers, "explainers"));
        seeds = List.copyOf(require(seeds, "seeds"));
        if (users < 0 || maxKe < 1 || stabilityK < 1 || retrainChecks < 0 || examples < 0) {
            throw new IllegalArgumentException("benchmark config: users and retrainChecks and examples must be >= 0,"
                    + " maxKe and stabilityK >= 1; got users=" + users + ", maxKe=" + maxKe + ", stabilityK="
                    + stabilityK + ", retrainChecks=" + retrainChecks + ", examples=" + examples);
        }
    }

    private static <T> List<T> require(List<T> list, String field) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("benchmark config: '" + field + "' must list at least one entry");
        }
        return list;
    }

    /**
     * A short digest of what decides how a cell is measured (the cell format, users, Ke, k, retrain checks
     * and the seed list), used in cell file names so that resuming never mixes protocols.
     */
    public String protocolKey() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update((CellResult.FORMAT + "|" + users + "|" + maxKe + "|" + stabilityK + "|" + retrainChecks + "|" + seeds)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /** A copy with other data sets. */
    public BenchConfig withDatasets(List<DataSpec> other) {
        return new BenchConfig(name, other, models, explainers, seeds, users, maxKe, stabilityK, retrainChecks,
                examples);
    }

    /** The explainers every table compares, baselines included. */
    public static final List<String> ALL_EXPLAINERS = List.of("neighbourhood", "influence", "counterfactual",
            "cosine", "popularity", "random");

    /**
     * The default benchmark: ml-latest-small, ALS with 64 factors and 15 iterations, every explainer, every
     * user's top-1 item, Ke = 1..10 and three seeds.
     */
    public static BenchConfig defaults() {
        return new BenchConfig("default", List.of(new DataSpec("ml-latest-small", null, 0)),
                List.of(new ModelEntry("als", Map.of("factors", "64", "iterations", "15"))), ALL_EXPLAINERS,
                List.of(1L, 2L, 3L), 0, 10, 5, 2, 3);
    }

    /** A quick preset for a first look: 100 users, a smaller ALS, two seeds, one retrain check. */
    public static BenchConfig quick() {
        return new BenchConfig("quick", List.of(new DataSpec("ml-latest-small", null, 0)),
                List.of(new ModelEntry("als", Map.of("factors", "32", "iterations", "8"))), ALL_EXPLAINERS,
                List.of(1L, 2L), 100, 10, 5, 1, 3);
    }

    /**
     * Reads a JSON configuration; missing numeric fields take the defaults of {@link #defaults()}.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file and the problem if the JSON is malformed or invalid
     */
    public static BenchConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("benchmark config " + file + " does not exist");
        }
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        Map<String, Object> merged = mapper.convertValue(defaults(), mapper.getTypeFactory()
                .constructMapType(java.util.LinkedHashMap.class, String.class, Object.class));
        try {
            Map<String, Object> given = mapper.readValue(file.toFile(), mapper.getTypeFactory()
                    .constructMapType(java.util.LinkedHashMap.class, String.class, Object.class));
            for (String key : given.keySet()) {
                if (!merged.containsKey(key)) {
                    throw new IllegalArgumentException(file + ": unknown field '" + key + "'; known: "
                            + String.join(", ", merged.keySet()));
                }
            }
            merged.putAll(given);
            return mapper.convertValue(merged, BenchConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() != null && e.getCause().getCause() instanceof IllegalArgumentException iae
                    ? iae : e;
            throw new IllegalArgumentException(cause.getMessage().startsWith(file.toString()) ? cause.getMessage()
                    : file + ": " + cause.getMessage(), e);
        }
    }
}

package org.recxplain.eval.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.recxplain.model.ModelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark runs: the grid of data sets x (model, explainer) pairs, each model trained once per seed,
 * the explained targets (every sampled user's top-1 item), and the protocol parameters. Read from JSON with
 * {@link #read(Path)}; every field has a visible default (see {@link #defaults()}).
 *
 * <p>Each model entry may list its own explainers; an entry without a list takes the top-level
 * {@code explainers}. Adding a (model, explainer) pair is therefore one name in a model's list.
 *
 * <pre>
 * {
 *   "name": "default",
 *   "datasets": [{"data": "ml-latest-small"}],
 *   "models": [{"family": "als", "params": {"factors": "64", "iterations": "15"},
 *               "explainers": ["neighbourhood", "influence", "shap-interactions", ...]},
 *              {"family": "fm", "params": {...}, "explainers": ["lime", "lime-stable", "shap"]},
 *              {"family": "bpr", "params": {...}, "explainers": ["influence"]}],
 *   "explainers": ["neighbourhood", "influence", "counterfactual", "cosine", "popularity", "random"],
 *   "seeds": [1, 2, 3],
 *   "users": 0,
 *   "maxKe": 10,
 *   "stabilityK": 5,
 *   "retrainChecks": 2,
 *   "examples": 3,
 *   "shapBudget": 256
 * }
 * </pre>
 *
 * @param name          a name for the report
 * @param datasets      the data sets: a bundled name or a path with its format
 * @param models        the model specs
 * @param explainers    explainer names (see {@code Explainers.names()}) for model entries without their own
 * @param seeds         seeds: each model is trained once per seed, and randomised explainers use it too
 * @param users         how many users to sample per data set (0: every user with a history)
 * @param maxKe         the largest number of interactions removed in the fidelity curves
 * @param stabilityK    k of the Jaccard@k stability measures
 * @param retrainChecks how many counterfactuals per cell are checked by retraining the whole model
 * @param examples      how many users' explanations the report prints in plain language
 * @param shapBudget    the coalition budget of the KernelSHAP explainers ({@code shap}, {@code shap-interactions};
 *                      raised to 2m for m players as always); 0 for their default ({@code KernelShap.DEFAULT_BUDGET})
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record BenchConfig(String name, List<DataSpec> datasets, List<ModelEntry> models, List<String> explainers,
                          List<Long> seeds, int users, int maxKe, int stabilityK, int retrainChecks, int examples,
                          int shapBudget) {

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

    /**
     * A model of the grid: a family, its hyper-parameters as strings, the explainers measured on it (null
     * or absent: the configuration's top-level list), and the users sampled for it (null or absent: the
     * configuration's {@code users}; a number caps this model's targets at a seeded sample of that many, for a
     * model whose explainers cost too much to run for every user).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelEntry(@JsonProperty("family") String family, @JsonProperty("params") Map<String, String> params,
                             @JsonProperty("explainers") List<String> explainers, @JsonProperty("users") Integer users) {
        public ModelEntry {
            explainers = explainers == null ? null : List.copyOf(require(explainers, family + ".explainers"));
            if (users != null && users < 0) {
                throw new IllegalArgumentException(family + ".users must be >= 0 (0: every user), got " + users);
            }
        }

        /** A model entry with its explainers, over the configuration's users. */
        public ModelEntry(String family, Map<String, String> params, List<String> explainers) {
            this(family, params, explainers, null);
        }

        /** A model entry that takes the configuration's explainers. */
        public ModelEntry(String family, Map<String, String> params) {
            this(family, params, null, null);
        }

        /** The model's label in cell names: its spec's, plus its own user sample when it has one. */
        public String label() {
            return spec().label() + (users == null ? "" : "@users=" + users);
        }

        public ModelSpec spec() {
            return new ModelSpec(family, params == null ? Map.of() : params);
        }
    }

    /** The users sampled for a model entry: its own number, or the configuration's (0: every user). */
    public int usersOf(ModelEntry model) {
        return model.users() != null ? model.users() : users;
    }

    /** The explainers measured on a model entry: its own list, or the configuration's. */
    public List<String> explainersOf(ModelEntry model) {
        return model.explainers() != null ? model.explainers() : explainers;
    }

    /** The number of cells: data sets x (model, explainer) pairs x seeds. */
    public int cellCount() {
        return datasets.size() * models.stream().mapToInt(m -> explainersOf(m).size()).sum() * seeds.size();
    }

    public BenchConfig {
        if (name == null || name.isBlank()) {
            name = "benchmark";
        }
        datasets = List.copyOf(require(datasets, "datasets"));
        models = List.copyOf(require(models, "models"));
        explainers = List.copyOf(require(explainers, "explainers"));
        seeds = List.copyOf(require(seeds, "seeds"));
        if (shapBudget < 0) {
            throw new IllegalArgumentException("benchmark config: shapBudget must be >= 0 (0: the default), got "
                    + shapBudget);
        }
        if (users < 0 || maxKe < 1 || stabilityK < 1 || retrainChecks < 0 || examples < 0) {
            throw new IllegalArgumentException("benchmark config: users and retrainChecks and examples must be >= 0,"
                    + " maxKe and stabilityK >= 1; got users=" + users + ", maxKe=" + maxKe + ", stabilityK="
                    + stabilityK + ", retrainChecks=" + retrainChecks + ", examples=" + examples);
        }
    }

    /** A configuration with the KernelSHAP explainers' default budget. */
    public BenchConfig(String name, List<DataSpec> datasets, List<ModelEntry> models, List<String> explainers,
                       List<Long> seeds, int users, int maxKe, int stabilityK, int retrainChecks, int examples) {
        this(name, datasets, models, explainers, seeds, users, maxKe, stabilityK, retrainChecks, examples, 0);
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
        crc.update((CellResult.FORMAT + "|" + users + "|" + maxKe + "|" + stabilityK + "|" + retrainChecks + "|" + seeds
                + (shapBudget == 0 ? "" : "|shap=" + shapBudget))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /** A copy with other data sets. */
    public BenchConfig withDatasets(List<DataSpec> other) {
        return new BenchConfig(name, other, models, explainers, seeds, users, maxKe, stabilityK, retrainChecks,
                examples, shapBudget);
    }

    /** The interaction explainers of the ALS tables, baselines included (the top-level default list). */
    public static final List<String> ALL_EXPLAINERS = List.of("neighbourhood", "influence", "counterfactual",
            "cosine", "popularity", "random");

    /** Every explainer measured on ALS in the presets: the interaction explainers and the black boxes. */
    public static final List<String> ALS_EXPLAINERS = List.of("neighbourhood", "influence", "counterfactual",
            "cosine", "popularity", "random", "mahout-because", "lime-rs", "shap-interactions");

    /**
     * The KernelSHAP budget of the presets: 256 coalitions besides the empty and the full one (the explainers'
     * own default is 2048), raised to 2m for a history of m interactions. KernelSHAP over a user's history is
     * run four times per target and seed (explanation, another seed, a perturbation, a retrain); on
     * ml-latest-small one such sweep over all users costs about 23 s of CPU at 256, 25 s at 1024 and 34 s at
     * 2048. The estimates are noisier at 256 (see docs/results.md for both).
     */
    public static final int DEFAULT_SHAP_BUDGET = 256;

    /** The feature explainers, measured on the factorization machine. */
    public static final List<String> FM_EXPLAINERS = List.of("lime", "lime-stable", "shap");

    /**
     * BPR-MF of the presets: 16 factors and 10 fold-in negatives (defaults 32 and 200). Its influence function
     * costs O(|H|^2 |N| k) per user and every fold-in O(|H| |N| k) per Newton step, so this keeps the users with
     * thousands of interactions within the time budget.
     */
    public static final Map<String, String> BPR_PARAMS = Map.of("factors", "16", "foldInNegatives", "10");

    /** The explainers measured on BPR-MF: its influence function. */
    public static final List<String> BPR_EXPLAINERS = List.of("influence");

    /**
     * NeuMF of the presets: a small network (k_G = k_M = 8, MLP 16-8, 3 epochs) with 50 fold-in negatives
     * (default 1000), so that its fold-ins, retrains and gradients stay within the time budget (at 5 epochs
     * and 200 negatives NeuMF took 209 s of the default run's CPU, 90 s of it in whole-model retrain checks).
     * Every user is measured: the all-parameter influence takes the directional derivatives of all removals
     * from one Jacobian-vector product, and each removal curve's 2 Ke fold-ins are fitted as one batch.
     */
    public static final Map<String, String> NEUMF_PARAMS = Map.of("gmfFactors", "8", "mlpFactors", "8",
            "hidden", "16-8", "epochs", "3", "foldInNegatives", "50");

    /** The explainers measured on NeuMF: integrated gradients and the all-parameter influence function. */
    public static final List<String> NEUMF_EXPLAINERS = List.of("integrated-gradients", "influence-full");

    /**
     * The default benchmark on ml-latest-small, every user's top-1 item, Ke = 1..10 and three seeds: implicit
     * ALS (64 factors, 15 iterations) with every interaction explainer and the black boxes, the
     * factorization machine with the feature explainers, BPR-MF with its influence function, and NeuMF with
     * integrated gradients and the all-parameter influence function; the baselines ({@link #BASELINES}) on
     * every interaction model (ALS, BPR-MF and NeuMF), so that each of their tables can be read against chance.
     * Every name of {@code Explainers.names()} is measured on at least one model it applies to.
     */
    public static BenchConfig defaults() {
        return new BenchConfig("default", List.of(new DataSpec("ml-latest-small", null, 0)),
                List.of(new ModelEntry("als", Map.of("factors", "64", "iterations", "15"), ALS_EXPLAINERS),
                        new ModelEntry("fm", Map.of(), FM_EXPLAINERS),
                        new ModelEntry("bpr", BPR_PARAMS, withBaselines(BPR_EXPLAINERS)),
                        new ModelEntry("neumf", NEUMF_PARAMS, withBaselines(NEUMF_EXPLAINERS))),
                ALL_EXPLAINERS, List.of(1L, 2L, 3L), 0, 10, 5, 2, 3, DEFAULT_SHAP_BUDGET);
    }

    /** The baseline orderings: random, popularity and the cosine neighbourhood. */
    public static final List<String> BASELINES = List.of("random", "popularity", "cosine");

    /**
     * A quick preset for a first look: the default's (model, explainer) pairs on 100 users, with smaller
     * models, two seeds and one retrain check.
     */
    public static BenchConfig quick() {
        return new BenchConfig("quick", List.of(new DataSpec("ml-latest-small", null, 0)),
                List.of(new ModelEntry("als", Map.of("factors", "32", "iterations", "8"), ALS_EXPLAINERS),
                        new ModelEntry("fm", Map.of("epochs", "5"), FM_EXPLAINERS),
                        new ModelEntry("bpr", Map.of("factors", "16", "foldInNegatives", "10", "epochs", "10"),
                                withBaselines(BPR_EXPLAINERS)),
                        new ModelEntry("neumf", NEUMF_PARAMS, withBaselines(NEUMF_EXPLAINERS))),
                ALL_EXPLAINERS, List.of(1L, 2L), 100, 10, 5, 1, 3, DEFAULT_SHAP_BUDGET);
    }

    private static List<String> withBaselines(List<String> explainers) {
        List<String> all = new ArrayList<>(explainers);
        all.addAll(BASELINES);
        return List.copyOf(all);
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

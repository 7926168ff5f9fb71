package org.recxplain.eval.automl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.recxplain.model.ModelSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The trials of one search, best first by the criterion on the validation split (failed trials last, ties
 * to the earlier trial). Prints as a text table and saves as JSON.
 *
 * @param criterion      the criterion's name
 * @param higherIsBetter whether larger criterion values are better
 * @param seed           the search seed (validation split, sampling and every model's seed)
 * @param budget         the number of trials asked for
 * @param unrun          trials not run because their family had no untried configuration left
 * @param trials         the trials, best first
 */
public record Leaderboard(String criterion, boolean higherIsBetter, long seed, int budget, int unrun,
                          List<Trial> trials) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Leaderboard {
        Objects.requireNonNull(criterion, "criterion");
        trials = List.copyOf(trials);
    }

    /**
     * The best trial.
     *
     * @throws NoSuchElementException if no trial succeeded
     */
    public Trial best() {
        if (trials.isEmpty() || Double.isNaN(trials.get(0).validation())) {
            throw new NoSuchElementException("no trial of the search succeeded (" + trials.size() + " tried)");
        }
        return trials.get(0);
    }

    /** The spec of a trial. */
    public static ModelSpec spec(Trial t) {
        return new ModelSpec(t.family(), t.params());
    }

    /** This leaderboard with every training time zeroed, for comparing runs. */
    public Leaderboard withoutTimes() {
        return new Leaderboard(criterion, higherIsBetter, seed, budget, unrun,
                trials.stream().map(Trial::withoutTime).toList());
    }

    /** An aligned text table: rank, model, validation and test criterion, training seconds, status. */
    public String text() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"rank", "model", "validation " + criterion, "test " + criterion, "train_s", "status"});
        int rank = 1;
        for (Trial t : trials) {
            rows.add(new String[] {Integer.toString(rank++), spec(t).label(), number(t.validation()),
                    number(t.test()), String.format(Locale.ROOT, "%.2f", t.trainSeconds()), t.status()});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                boolean left = c == 1 || c == 5;
                String pad = " ".repeat(width[c] - r[c].length());
                sb.append(c == 0 ? "" : "  ").append(left ? r[c] + (c == 5 ? "" : pad) : pad + r[c]);
            }
            sb.append('\n');
        }
        if (unrun > 0) {
            sb.append(unrun).append(" of ").append(budget).append(" trials not run: their family had no untried "
                    + "configuration left\n");
        }
        return sb.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The leaderboard as JSON (NaN values as null). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("criterion", criterion);
        root.put("higherIsBetter", higherIsBetter);
        root.put("seed", seed);
        root.put("budget", budget);
        root.put("unrun", unrun);
        ArrayNode rows = root.putArray("trials");
        for (Trial t : trials) {
            ObjectNode o = rows.addObject();
            o.put("index", t.index());
            o.put("family", t.family());
            ObjectNode p = o.putObject("params");
            t.params().forEach(p::put);
            putNumber(o, "validation", t.validation());
            putNumber(o, "test", t.test());
            o.put("trainSeconds", t.trainSeconds());
            o.put("status", t.status());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    /**
     * Writes {@link #toJson()} to {@code file}.
     *
     * @throws IOException if the file cannot be written
     */
    public void save(Path file) throws IOException {
        Files.writeString(file, toJson());
    }
}

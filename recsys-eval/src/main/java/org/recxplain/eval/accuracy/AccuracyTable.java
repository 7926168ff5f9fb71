package org.recxplain.eval.accuracy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.recxplain.eval.metrics.Summary;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders accuracy results as an aligned text table, CSV or JSON. Columns: model, users, skipped users, each
 * ranking metric (the union of the results' metric names, in first-seen order), coverage, RMSE, MAE, pairs
 * not predicted, training seconds, scoring milliseconds per user. A value that does not apply (RMSE of a
 * ranking model, an unknown training time) is {@code -} in text, empty in CSV and {@code null} in JSON;
 * JSON also carries each metric's 95% interval and n. Numbers use {@link Locale#ROOT}. Stateless.
 */
public final class AccuracyTable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AccuracyTable() {
    }

    /** An aligned plain-text table, one row per result, with a header line. */
    public static String text(List<AccuracyResult> results) {
        List<String> header = header(results);
        List<List<String>> rows = new ArrayList<>();
        for (AccuracyResult r : results) {
            rows.add(cells(r, metricNames(results), "-"));
        }
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendAligned(sb, header, width);
        for (List<String> row : rows) {
            appendAligned(sb, row, width);
        }
        return sb.toString();
    }

    /** CSV (RFC 4180 quoting) with a header line. */
    public static String csv(List<AccuracyResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", header(results).stream().map(AccuracyTable::quote).toList())).append('\n');
        for (AccuracyResult r : results) {
            sb.append(String.join(",", cells(r, metricNames(results), "").stream().map(AccuracyTable::quote).toList()))
                    .append('\n');
        }
        return sb.toString();
    }

    /** A JSON array with one object per result. */
    public static String json(List<AccuracyResult> results) {
        ArrayNode array = JSON.createArrayNode();
        for (AccuracyResult r : results) {
            array.add(toJson(r));
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One result as a JSON object. */
    public static ObjectNode toJson(AccuracyResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", r.label());
        o.put("modelId", r.modelId());
        o.put("k", r.k());
        o.put("users", r.users());
        o.put("skippedUsers", r.skippedUsers());
        ObjectNode metrics = o.putObject("metrics");
        r.ranking().forEach((name, s) -> metrics.set(name, summary(s)));
        ObjectNode coverage = o.putObject("coverage");
        coverage.put("distinct", r.coverage().distinct());
        coverage.put("catalogue", r.coverage().catalogueSize());
        number(coverage, "ratio", r.coverage().ratio());
        if (r.rating() == null) {
            o.putNull("rating");
        } else {
            ObjectNode rating = o.putObject("rating");
            rating.set("rmse", summary(r.rating().rmse()));
            rating.set("mae", summary(r.rating().mae()));
            rating.put("unpredicted", r.rating().unpredicted());
        }
        number(o, "trainSeconds", seconds(r.trainTime()));
        number(o, "scoreMillisPerUser", r.scoreMillisPerUser());
        number(o, "evaluationSeconds", seconds(r.evaluationTime()));
        return o;
    }

    private static ObjectNode summary(Summary s) {
        ObjectNode o = JSON.createObjectNode();
        number(o, "mean", s.mean());
        number(o, "ciLow", s.ciLow());
        number(o, "ciHigh", s.ciHigh());
        o.put("n", s.n());
        o.put("skipped", s.skipped());
        return o;
    }

    /** Puts a number, or null for NaN (JSON has no NaN). */
    static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    static double seconds(Duration d) {
        return d == null ? Double.NaN : d.toNanos() / 1e9;
    }

    private static List<String> metricNames(List<AccuracyResult> results) {
        Set<String> names = new LinkedHashSet<>();
        for (AccuracyResult r : results) {
            names.addAll(r.ranking().keySet());
        }
        return new ArrayList<>(names);
    }

    private static List<String> header(List<AccuracyResult> results) {
        List<String> h = new ArrayList<>(List.of("model", "users", "skipped"));
        h.addAll(metricNames(results));
        int k = results.isEmpty() ? 0 : results.get(0).k();
        h.addAll(List.of("Coverage@" + k, "RMSE", "MAE", "unpredicted", "train_s", "score_ms_per_user"));
        return h;
    }

    private static List<String> cells(AccuracyResult r, List<String> metrics, String none) {
        List<String> c = new ArrayList<>(List.of(r.label(), Long.toString(r.users()), Long.toString(r.skippedUsers())));
        for (String m : metrics) {
            Summary s = r.ranking().get(m);
            c.add(format(s == null ? Double.NaN : s.mean(), none));
        }
        c.add(format(r.coverage().ratio(), none));
        c.add(format(r.rating() == null ? Double.NaN : r.rating().rmse().mean(), none));
        c.add(format(r.rating() == null ? Double.NaN : r.rating().mae().mean(), none));
        c.add(r.rating() == null ? none : Long.toString(r.rating().unpredicted()));
        c.add(format(seconds(r.trainTime()), none));
        c.add(format(r.scoreMillisPerUser(), none));
        return c;
    }

    private static String format(double v, String none) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : none;
    }

    private static void appendAligned(StringBuilder sb, List<String> cells, int[] width) {
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            if (c == 0) {
                sb.append(v).append(" ".repeat(width[c] - v.length()));
            } else {
                sb.append("  ").append(" ".repeat(width[c] - v.length())).append(v);
            }
        }
        sb.append('\n');
    }

    private static String quote(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}

package org.recxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.model.Models;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class EvaluateAutomlCommandsTest {

    @Test
    void evaluateComparesFamiliesOnOneSplit() throws Exception {
        CliRun r = CliRun.of("evaluate", "--data", "uci-restaurant", "--models", "als,item-knn,pop",
                "-P", "als.factors=4", "-P", "als.iterations=3", "--format", "json");
        assertEquals(0, r.code(), r.toString());
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).toString().contains("factors=4"), rows.get(0).toString());
        for (JsonNode row : rows) {
            assertTrue(row.toString().contains("NDCG@10"), row.toString());
        }
        CliRun again = CliRun.of("evaluate", "--data", "uci-restaurant", "--models", "als,item-knn,pop",
                "-P", "als.factors=4", "-P", "als.iterations=3", "--format", "csv");
        assertEquals(0, again.code(), again.toString());
        assertEquals(4, again.out().strip().split("\\R").length, again.out());
    }

    @Test
    void automlIsSeededAndSavesItsLeaderboardAndBestModel(@TempDir Path dir) throws Exception {
        String[] args = {"automl", "--data", "uci-restaurant", "--models", "als,item-knn", "--budget", "4",
                "--metric", "ndcg@10", "--seed", "7", "--leaderboard", dir.resolve("lb.json").toString(),
                "--out", dir.resolve("best.model").toString()};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.code(), first.toString());
        JsonNode lb = new ObjectMapper().readTree(Files.readString(dir.resolve("lb.json")));
        assertNotNull(Models.load(dir.resolve("best.model")));
        CliRun second = CliRun.of(args);
        JsonNode lb2 = new ObjectMapper().readTree(Files.readString(dir.resolve("lb.json")));
        assertEquals(4, lb.get("trials").size());
        assertEquals(ranking(lb), ranking(lb2), "same seed, same leaderboard");
    }

    /** The leaderboard's models and validation scores, in order (times left out). */
    static String ranking(JsonNode lb) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode t : lb.get("trials")) {
            sb.append(t.get("family")).append(t.get("params")).append(t.get("validation")).append(t.get("test"))
                    .append(';');
        }
        return sb.toString();
    }

    @Test
    void unknownFamiliesAndMetricsFailWithOneLine() {
        CliRun r = CliRun.of("evaluate", "--data", "uci-restaurant", "--models", "magic");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("'magic'") && r.err().strip().lines().count() == 1, r.err());
        CliRun m = CliRun.of("automl", "--data", "uci-restaurant", "--models", "als", "--budget", "1",
                "--metric", "accuracy@10");
        assertNotEquals(0, m.code());
        assertTrue(m.err().contains("unknown selection metric"), m.err());
    }
}

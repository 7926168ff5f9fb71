package org.recxplain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo}, {@code bench} and {@code train --data NAME} on the bundled data sets, with tiny models. */
class BundledCommandsTest {

    @Test
    void demoExplainsEachRequestedUsersTopItems() {
        CliRun r = CliRun.of("demo", "--users", "1,610", "-k", "2", "--top", "1", "--factors", "4",
                "--iterations", "1", "--threads", "1");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("ml-latest-small: 610 users, 9,742 items, 100,836 interactions"), r::toString);
        assertTrue(r.out().contains("trained in "), r::toString);
        assertTrue(r.out().contains("User 1 (") && r.out().contains("User 610 ("), r::toString);
        // two recommendations per user, each rendered with its heading
        assertEquals(4, r.out().lines().filter(l -> l.matches("[12]\\. .* for user (1|610) \\(score .*")).count(),
                r::toString);
        assertEquals("", r.err());
    }

    @Test
    void demoRejectsAnUnknownUserInOneLine() {
        CliRun r = CliRun.of("demo", "--users", "0", "--factors", "2", "--iterations", "1");
        assertEquals(RecxplainCli.EXIT_ERROR, r.code());
        assertEquals(List.of("error: unknown user ID '0' in ml-latest-small"), r.errLines());
        assertFalse(r.out().contains("trained in"), "IDs are checked before training");
    }

    @Test
    void benchReportsTimingsAndWritesJson(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("bench.json");
        CliRun r = CliRun.of("bench", "--users", "3", "-k", "2", "--factors", "4", "--iterations", "1",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("explanation, factorisation done (ms)"), r::toString);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(4, json.get("factors").asInt());
        assertEquals(3, json.get("sampledUsers").asInt());
        for (String key : List.of("warmMillis", "coldMillis")) {
            JsonNode p = json.get(key);
            assertEquals(6, p.get("n").asInt(), key);
            assertTrue(p.get("p50").asDouble() <= p.get("p95").asDouble(), key);
            assertTrue(p.get("p95").asDouble() <= p.get("max").asDouble(), key);
        }
        assertTrue(json.get("trainSeconds").asDouble() > 0);
    }

    @Test
    void trainsOnTheBundledRestaurantData(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("uci.model");
        CliRun t = CliRun.of("train", "--data", "uci-restaurant", "--factors", "4", "--iterations", "2",
                "--threads", "1", "--out", model.toString());
        assertEquals(0, t.code(), t::toString);
        assertTrue(t.out().contains("138 users, 130 items, 1,161 interactions"), t::toString);
        CliRun r = CliRun.of("recommend", "--model", model.toString(), "--user", "U1077", "-k", "3",
                "--format", "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals(3, new ObjectMapper().readTree(r.out()).size());
    }
}

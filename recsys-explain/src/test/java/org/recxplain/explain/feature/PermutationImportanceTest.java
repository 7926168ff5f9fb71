package org.recxplain.explain.feature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.Row;
import org.recxplain.explain.feature.ImportanceResult.GroupImportance;
import org.recxplain.explain.feature.ImportanceResult.Side;
import org.recxplain.model.fm.FactorizationMachine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PermutationImportanceTest {
    static FeatureFixtures.Planted data;
    static FactorizationMachine fm;
    static ImportanceResult result;

    @BeforeAll
    static void setUp() {
        data = FeatureFixtures.planted(1, 600, 150, 3, true);
        fm = FactorizationMachine.train(data.train(), FeatureExplainersTest.FM);
        result = PermutationImportance.compute(fm, data.test(), PermutationImportance.allGroups(fm), 10, 10, 3);
    }

    @Test
    void plantedGroupsMatterAndNoiseGroupsDoNot() {
        assertEquals(List.of("genre", "tag", "noise", "year", "fav", "gender", "age"),
                result.groups().stream().map(GroupImportance::group).toList());
        assertEquals("NDCG@10", result.metric());
        assertEquals(600, result.users());
        assertTrue(result.baseline() > 0.1, "baseline " + result.baseline());
        GroupImportance genre = result.group(Side.ITEM, "genre");
        GroupImportance fav = result.group(Side.USER, "fav");
        assertTrue(genre.mean() > 0.04 && genre.mean() > 3 * genre.std(), genre.toString());
        assertTrue(fav.mean() > 0.03 && fav.mean() > 3 * fav.std(), fav.toString());
        for (GroupImportance noise : List.of(result.group(Side.ITEM, "noise"), result.group(Side.ITEM, "year"),
                result.group(Side.ITEM, "tag"), result.group(Side.USER, "gender"), result.group(Side.USER, "age"))) {
            assertTrue(Math.abs(noise.mean()) < 0.015, noise.toString());
            assertTrue(Math.abs(noise.mean()) < genre.mean() / 4, noise.toString());
        }
        assertEquals(10, genre.drops().length);
        assertEquals(java.util.Arrays.stream(genre.drops()).average().orElseThrow(), genre.mean(), 1e-12);
    }

    @Test
    void seededAndRepeatable() {
        List<PermutationImportance.Group> two = List.of(PermutationImportance.Group.item("genre"),
                PermutationImportance.Group.user("age"));
        ImportanceResult a = PermutationImportance.compute(fm, data.test(), two, 10, 3, 9);
        assertEquals(a, PermutationImportance.compute(fm, data.test(), two, 10, 3, 9));
        assertNotEquals(a, PermutationImportance.compute(fm, data.test(), two, 10, 3, 10));
        assertEquals(result.baseline(), a.baseline(), 0);
    }

    @Test
    void shufflingKeepsOtherFeaturesAndMovesTheGroup() {
        Row[] rows = {new Row(new int[] {0, 2, 5}, new float[] {1, 1, 3}, null),
                new Row(new int[] {1, 4}, new float[] {1, 7}, null), Row.EMPTY};
        int[] group = {0, 1};
        Row[] out = PermutationImportance.shuffle(rows, group, new int[] {1, 2, 0});
        assertEquals(new Row(new int[] {1, 2, 5}, new float[] {1, 1, 3}, null), out[0]);
        assertEquals(new Row(new int[] {4}, new float[] {7}, null), out[1]);
        assertEquals(new Row(new int[] {0}, new float[] {1}, null), out[2]);
    }

    @Test
    void errorsNameWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PermutationImportance
                .compute(fm, data.test(), List.of(PermutationImportance.Group.item("mood")), 10, 1, 1));
        assertTrue(e.getMessage().contains("'mood'") && e.getMessage().contains("genre"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PermutationImportance.compute(fm, data.test(),
                List.of(), 0, 1, 1));
    }

    @Test
    void chartIsAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("importance.png");
        ImportanceChart.writePng(result, png);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(450, image.getHeight());
    }
}

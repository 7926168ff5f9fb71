package org.recxplain.model.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureDictionary;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Interactions;
import org.recxplain.data.InteractionsBuilder;
import org.recxplain.data.LoadReport;
import org.recxplain.data.SideFeatures;
import org.recxplain.data.synth.SyntheticData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DatasetCodecTest {

    @TempDir
    Path dir;

    static void assertSameFeatures(SideFeatures a, SideFeatures b) {
        assertEquals(a.numEntities(), b.numEntities());
        FeatureDictionary x = a.dictionary();
        FeatureDictionary y = b.dictionary();
        assertEquals(x.size(), y.size());
        assertEquals(x.groups(), y.groups());
        for (int f = 0; f < x.size(); f++) {
            assertEquals(x.name(f), y.name(f));
            assertEquals(x.group(f), y.group(f));
            assertEquals(x.kind(f), y.kind(f));
            assertEquals(f, y.index(x.name(f)));
        }
        for (int e = 0; e < a.numEntities(); e++) {
            assertEquals(a.of(e), b.of(e), "entity " + e);
        }
    }

    static void assertSameDataset(Dataset a, Dataset b) {
        assertEquals(a.name(), b.name());
        Interactions x = a.interactions();
        Interactions y = b.interactions();
        assertEquals(x.users(), y.users());
        assertEquals(x.items(), y.items());
        assertEquals(x.size(), y.size());
        assertEquals(x.hasTimestamps(), y.hasTimestamps());
        for (int u = 0; u < x.numUsers(); u++) {
            assertEquals(x.userRow(u), y.userRow(u), "user " + u);
        }
        for (int i = 0; i < x.numItems(); i++) {
            assertEquals(x.itemColumn(i), y.itemColumn(i), "item " + i);
        }
        assertSameFeatures(a.itemFeatures(), b.itemFeatures());
        assertSameFeatures(a.userFeatures(), b.userFeatures());
        assertEquals(a.itemTitles(), b.itemTitles());
        assertEquals(a.report(), b.report());
    }

    private Dataset roundTrip(Dataset d) throws IOException {
        Path p = dir.resolve("data.rxm");
        ModelFile.write(p, "dataset-test", 1, w -> DatasetCodec.write(w, d));
        ModelReader r = ModelFile.read(p);
        Dataset back = DatasetCodec.read(r);
        r.expectEnd();
        return back;
    }

    /** Timestamps, users and items without interactions, user features of every kind, Unicode titles. */
    static Dataset handBuilt() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("ann", "m1", 4.5f, 1_600_000_000L);
        b.add("ann", "m3", 2f, 1_600_000_100L);
        b.add("bob", "m2", 5f, 1_500_000_000L);
        b.add("bob", "m1", 1f, 1_700_000_000L);
        b.add("cat", "m3", 3f);                       // no timestamp inside timed data
        b.addUser("dan");                             // a user without interactions
        b.addItem("m4");                              // an item without interactions
        Interactions x = b.build();
        SideFeatures.Builder items = new SideFeatures.Builder();
        items.add(0, "genre", FeatureKind.MULTI_VALUED, "Comedy");
        items.add(0, "genre", FeatureKind.MULTI_VALUED, "Drama");
        items.addNumeric(2, "year", 1999f);
        items.add(1, "genre", FeatureKind.MULTI_VALUED, "a=b");   // '=' inside a value
        items.declare("genre", FeatureKind.MULTI_VALUED, "Noir"); // declared, on no item
        SideFeatures.Builder users = new SideFeatures.Builder();
        users.add(0, "gender", FeatureKind.CATEGORICAL, "F");
        users.addNumeric(0, "age", 31f);
        users.add(1, "gender", FeatureKind.CATEGORICAL, "M");
        users.addNumeric(3, "age", -0.5f);
        users.add(3, "zip", FeatureKind.CATEGORICAL, "");
        return new Dataset("hand-built ✓", x, items.build(x.numItems()), users.build(x.numUsers()),
                List.of("Amélie (2001)", "東京物語", "Heat", "m4"),
                new LoadReport(9, 2, 1, 1, List.of("r.csv:3: column 2: bad", "r.csv:7: column 1: empty")));
    }

    @Test
    void roundTripsAHandBuiltDataset() throws IOException {
        Dataset d = handBuilt();
        Dataset back = roundTrip(d);
        assertSameDataset(d, back);
        assertArrayEquals(new long[] {1_700_000_000L, 1_500_000_000L}, back.interactions().userRow(1).timestamps());
        assertArrayEquals(new long[] {InteractionsBuilder.NO_TIME}, back.interactions().userRow(2).timestamps());
        assertEquals(List.of("age", "gender=F"), back.userFeatures().labels(0).stream().sorted().toList());
        assertEquals(5, back.itemFeatures().numFeatures(), "a declared feature survives");
    }

    @Test
    void roundTripsSyntheticData() throws IOException {
        Dataset d = SyntheticData.small(3).generate().dataset();
        assertSameDataset(d, roundTrip(d));
    }

    @Test
    void roundTripsDataWithoutTimestampsOrFeatures() throws IOException {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("u", "i", 1f);
        b.add("v", "j", 2f);
        Dataset d = Dataset.of("plain", b.build());
        Dataset back = roundTrip(d);
        assertFalse(back.interactions().hasTimestamps());
        assertSameDataset(d, back);
        InteractionsBuilder empty = new InteractionsBuilder();
        empty.addUser("nobody");
        assertSameDataset(Dataset.of("empty", empty.build()), roundTrip(Dataset.of("empty", empty.build())));
    }

    @Test
    void roundTripsAViewAsItsContent() throws IOException {
        Dataset d = handBuilt();
        Dataset view = d.withInteractions(d.interactions().without(0, 0));
        assertSameDataset(view, roundTrip(view));
    }

    @Test
    void sitsAmongOtherFieldsOfAPayload() throws IOException {
        Dataset d = handBuilt();
        Path p = dir.resolve("model.rxm");
        ModelFile.write(p, "m", 1, w -> {
            w.writeFloats(new float[] {1f, 2f});
            DatasetCodec.write(w, d);
            w.writeString("after");
        });
        ModelReader r = ModelFile.read(p);
        assertArrayEquals(new float[] {1f, 2f}, r.readFloats());
        assertSameDataset(d, DatasetCodec.read(r));
        assertEquals("after", r.readString());
        r.expectEnd();
    }

    @Test
    void refusesAPayloadThatIsNotADataset() throws IOException {
        Path p = dir.resolve("other.rxm");
        ModelFile.write(p, "m", 1, w -> w.writeString("factors").writeInt(1));
        var e = assertThrows(ModelFormatException.class, () -> DatasetCodec.read(ModelFile.read(p)));
        assertTrue(e.getMessage().contains("'dataset'") && e.getMessage().contains(p.toString()), e.getMessage());
        ModelFile.write(p, "m", 1, w -> w.writeString("dataset").writeInt(99));
        e = assertThrows(ModelFormatException.class, () -> DatasetCodec.read(ModelFile.read(p)));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    @Test
    void refusesInconsistentContent() throws IOException {
        // a well-formed container whose dataset section lies: a user claims an item index out of range
        Path p = dir.resolve("lies.rxm");
        ModelFile.write(p, "m", 1, w -> w.writeString("dataset").writeInt(1).writeString("x")
                .writeStrings(List.of("u")).writeStrings(List.of("i"))
                .writeBoolean(false).writeInts(new int[] {1}).writeInts(new int[] {5}).writeFloats(new float[] {1f}));
        var e = assertThrows(ModelFormatException.class, () -> DatasetCodec.read(ModelFile.read(p)));
        assertTrue(e.getMessage().contains("item index 5"), e.getMessage());
        // duplicate user IDs
        ModelFile.write(p, "m", 1, w -> w.writeString("dataset").writeInt(1).writeString("x")
                .writeStrings(List.of("u", "u")));
        e = assertThrows(ModelFormatException.class, () -> DatasetCodec.read(ModelFile.read(p)));
        assertTrue(e.getMessage().contains("user IDs"), e.getMessage());
    }
}

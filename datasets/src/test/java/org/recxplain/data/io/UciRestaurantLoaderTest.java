package org.recxplain.data.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recxplain.data.DataFormatException;
import org.recxplain.data.Dataset;
import org.recxplain.data.FeatureKind;
import org.recxplain.data.Interactions;
import org.recxplain.data.LoadReport;
import org.recxplain.data.SideFeatures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class UciRestaurantLoaderTest {
    @TempDir
    Path tmp;

    private static Dataset uci() {
        return DataSources.bundled("uci-restaurant");
    }

    @Test
    void bundledSizesMatchTheReadme() {
        Dataset d = uci();
        Interactions m = d.interactions();
        assertEquals("uci-restaurant", d.name());
        assertEquals(1_161, m.size());
        assertEquals(138, m.numUsers());
        assertEquals(130, m.numItems());
        assertFalse(m.hasTimestamps());
        double sum = 0;
        for (int u = 0; u < m.numUsers(); u++) {
            for (float v : m.userRow(u).values()) {
                assertTrue(v == 0f || v == 1f || v == 2f);
                sum += v;
            }
        }
        assertEquals(1_393, sum, 0, "sum of the rating column, computed independently");
        LoadReport rep = d.report();
        assertEquals(1_161 + 130 + 138 + 330 + 177 + 916 + 1_314 + 702, rep.rowsRead());
        assertEquals(0, rep.rowsSkipped());
        assertEquals(0, rep.duplicates());
        assertEquals(804 + 1_061 + 572, rep.rowsFiltered(), "chefmoz rows about places outside the data");
    }

    @Test
    void latin1AndUtf8NamesAreBothDecoded() {
        Dataset d = uci();
        IdLookup items = new IdLookup(d);
        assertEquals("El Rinc\u00f3n de San Francisco", d.itemTitle(items.item("135106")), "the line with a Latin-1 byte");
        assertEquals("Cenaduria El Rinc\u00f3n de Tlaquepaque", d.itemTitle(items.item("132845")), "a UTF-8 line");
        assertEquals("puesto de tacos", d.itemTitle(items.item("132825")));
    }

    @Test
    void userFeaturesFromProfileCuisineAndPayment() {
        Dataset d = uci();
        SideFeatures f = d.userFeatures();
        int u = d.interactions().users().index("U1001");
        assertEquals(Set.of("smoker=false", "drink_level=abstemious", "dress_preference=informal", "ambience=family",
                "transport=on foot", "marital_status=single", "hijos=independent", "birth_year", "interest=variety",
                "personality=thrifty-protector", "religion=none", "activity=student", "color=black", "weight",
                "budget=medium", "height", "cuisine=American", "payment=cash"), Set.copyOf(f.labels(u)));
        assertEquals(1.77f, f.of(u).values()[f.of(u).find(f.dictionary().index("height"))]);
        assertEquals(FeatureKind.NUMERIC, f.dictionary().kind(f.dictionary().index("birth_year")));
        assertEquals(FeatureKind.MULTI_VALUED, f.dictionary().kind(f.dictionary().index("cuisine=American")));
        // '?' means missing: no feature of that group
        int q = d.interactions().users().index("U1024");
        List<String> labels = f.labels(q);
        for (String group : List.of("smoker", "dress_preference", "ambience", "transport", "marital_status", "hijos",
                "activity", "budget")) {
            assertTrue(labels.stream().noneMatch(l -> l.startsWith(group + "=")), group + " of U1024: " + labels);
        }
        assertTrue(labels.containsAll(List.of("birth_year", "weight", "height", "color=yellow")));
        assertEquals(-1, f.dictionary().index("smoker=?"));
        int u4 = d.interactions().users().index("U1004");
        assertEquals(9, f.labels(u4).stream().filter(l -> l.startsWith("cuisine=")).count());
    }

    @Test
    void itemFeaturesFromPlacesCuisineAcceptsAndParking() {
        Dataset d = uci();
        int p = new IdLookup(d).item("135106");
        assertEquals(Set.of("alcohol=Wine-Beer", "smoking_area=only at bar", "dress_code=informal",
                "accessibility=partially", "price=medium", "Rambience=familiar", "franchise=f", "area=open",
                "other_services=none", "cuisine=Mexican", "payment=cash", "payment=VISA",
                "payment=MasterCard-Eurocard", "parking=none"), Set.copyOf(d.itemFeatures().labels(p)));
    }

    private Path folder(String ratings) throws IOException {
        Fixtures.folder(tmp, "geoplaces2.csv", "placeID,latitude,longitude,the_geom_meter,name,address,city,state,"
                        + "country,fax,zip,alcohol,smoking_area,dress_code,accessibility,price,url,Rambience,franchise,"
                        + "area,other_services\n"
                        + "10,1,2,x,Casa,?,?,?,?,?,?,No_Alcohol_Served,none,informal,completely,low,?,familiar,f,open,none\n"
                        + "11,1,2,x,?,?,?,?,?,?,?,Full_Bar,none,formal,completely,high,?,quiet,t,open,none\n",
                "rating_final.csv", ratings);
        return tmp;
    }

    @Test
    void optionalFilesMayBeAbsentAndMissingNamesFallBackToTheId() throws IOException {
        Path dir = folder("userID,placeID,rating,food_rating,service_rating\nA,10,2,2,2\nB,11,0,1,1\n");
        Dataset d = UciRestaurantLoader.load(dir, LoadOptions.defaults());
        assertEquals(List.of("A", "B"), d.interactions().users().ids());
        assertEquals(List.of("Casa", "11"), d.itemTitles());
        assertEquals(0, d.userFeatures().numFeatures());
    }

    @Test
    void malformedRatings() throws IOException {
        Path dir = folder("userID,placeID,rating,food_rating,service_rating\nA,10,3,2,2\n");
        assertEquals(dir.resolve("rating_final.csv") + ":2: column 3: expected rating in 0..2, got 3",
                strictError(dir));
        folder("userID,placeID,rating,food_rating,service_rating\nA,99,1,2,2\n");
        assertEquals(dir.resolve("rating_final.csv") + ":2: column 2: unknown place ID \"99\" (not in geoplaces2.csv)",
                strictError(dir));
        folder("userID,placeID,overall,food_rating,service_rating\nA,10,1,2,2\n");
        assertTrue(assertThrows(DataFormatException.class, () -> UciRestaurantLoader.load(dir, LoadOptions.defaults()))
                .getMessage().endsWith("rating_final.csv:1: column 3: unknown header column \"overall\", expected one of"
                        + " [userID, placeID, rating, food_rating, service_rating]"));
    }

    @Test
    void nonNumericProfileValueIsAnError() throws IOException {
        Path dir = folder("userID,placeID,rating,food_rating,service_rating\nA,10,2,2,2\n");
        Files.writeString(dir.resolve("userprofile.csv"), "userID,latitude,longitude,smoker,drink_level,"
                + "dress_preference,ambience,transport,marital_status,hijos,birth_year,interest,personality,religion,"
                + "activity,color,weight,budget,height\n"
                + "A,1,2,false,abstemious,?,?,?,?,?,nineteen,none,hard-worker,none,?,red,?,?,?\n");
        assertEquals(dir.resolve("userprofile.csv") + ":2: column 11: expected birth_year as a number, got \"nineteen\"",
                strictError(dir));
    }

    /** Item index by ID, failing the test if unknown. */
    private record IdLookup(Dataset d) {
        int item(String id) {
            int i = d.interactions().items().index(id);
            assertTrue(i >= 0, "item " + id);
            return i;
        }
    }

    /** The message of the error that a strict load of {@code dir} throws. */
    private static String strictError(Path dir) {
        return assertThrows(DataFormatException.class, () -> UciRestaurantLoader.load(dir, LoadOptions.defaults())).getMessage();
    }
}

package dev.ridgeline.property.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class GeoJsonFeaturesTests {

    @Test
    void streamsTheFeaturesOfACollectionWhateverComesBeforeThem() {
        List<GeoJsonFeatures.Item> items = all("""
                {"type":"FeatureCollection","generator":"overpass-turbo","meta":{"a":[1,2]},"features":[
                {"type":"Feature","id":"way/1","properties":{},"geometry":null},
                {"type":"Feature","id":"way/2","properties":{},"geometry":null}]}""");
        assertThat(items).hasSize(2).allMatch(i -> i instanceof GeoJsonFeatures.Feature);
        assertThat(items).extracting(GeoJsonFeatures.Item::ordinal).containsExactly(1L, 2L);
        assertThat(items).extracting(GeoJsonFeatures.Item::line).containsExactly(2L, 3L);
        assertThat(((GeoJsonFeatures.Feature) items.get(1)).node().path("id").stringValue(null)).isEqualTo("way/2");
    }

    @Test
    void readsOneFeaturePerLine() {
        List<GeoJsonFeatures.Item> items = all("""
                {"type":"Feature","properties":{"confidence":0.9},"geometry":null}
                {"type":"Feature","properties":{"confidence":0.8},"geometry":null}
                """);
        assertThat(items).extracting(GeoJsonFeatures.Item::line).containsExactly(1L, 2L);
        assertThat(((GeoJsonFeatures.Feature) items.get(0)).node().path("properties").path("confidence").doubleValue())
                .isEqualTo(0.9);
    }

    @Test
    void saysWhereTheJsonBreaksAndWhatIsNotGeoJson() {
        List<GeoJsonFeatures.Item> items = all("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"},\n{\"type\":");
        assertThat(items).hasSize(2);
        assertThat(items.get(1)).isInstanceOfSatisfying(GeoJsonFeatures.Broken.class,
                b -> assertThat(b.reason()).startsWith("the JSON is broken at line 2"));
        assertThatThrownBy(() -> all("[1,2]")).isInstanceOf(GeoJsonFeatures.NotGeoJson.class);
        assertThatThrownBy(() -> all("{\"type\":\"Point\",\"coordinates\":[1,2]}"))
                .hasMessageContaining("Point holds no building footprints");
    }

    private static List<GeoJsonFeatures.Item> all(String json) {
        List<GeoJsonFeatures.Item> out = new ArrayList<>();
        try (GeoJsonFeatures f = new GeoJsonFeatures(new StringReader(json))) {
            for (GeoJsonFeatures.Item i = f.next(); i != null; i = f.next()) {
                out.add(i);
            }
        }
        return out;
    }
}

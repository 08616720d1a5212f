package dev.ridgeline.property.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.platform.io.TextFiles;
import dev.ridgeline.property.ZipCodes;
import dev.ridgeline.signals.imports.FileImporter.FileProblem;
import dev.ridgeline.test.Fuzz;

/**
 * The property parsers fed random and broken files: contact lists and GeoJSON footprints either refuse the file
 * with a reason or answer every row (or feature) with a value or a located rejection. Nothing else escapes.
 */
class ParserFuzzTests {

    static final int CASES = 120;

    @TempDir
    Path dir;

    @Test
    void contactLists() throws IOException {
        int rows = 0;
        for (Path f : Fuzz.files(Path.of("src/main/resources/demo/contacts_fictitious.csv"), dir, 11, CASES)) {
            try (CsvReader csv = new CsvReader(TextFiles.open(f, TextFiles.detect(f)))) {
                if (!(csv.next() instanceof CsvReader.Row header)) {
                    continue;
                }
                ContactRowParser parser;
                try {
                    parser = new ContactRowParser(header.fields(), ZipCodes.shipped(), Instant.parse("2026-11-26T00:00:00Z"));
                } catch (FileProblem e) {
                    assertThat(e.getMessage()).startsWith("the header (line 1) lacks");
                    continue;
                }
                for (CsvReader.Result r = csv.next(); r != null; r = csv.next(), rows++) {
                    switch (parser.parse(r)) {
                        case ContactRowParser.Parsed p -> {
                            assertThat(p.addressKey()).isNotBlank();
                            assertThat(p.phones()).allMatch(n -> n.matches("\\+\\d{8,15}"));
                            assertThat(p.emails()).allMatch(e -> e.contains("@"));
                        }
                        case ContactRowParser.Rejected x -> {
                            assertThat(x.line()).isPositive();
                            assertThat(x.reason()).isNotBlank();
                        }
                    }
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                // a file that is not text in any encoding is refused by the importer as unreadable
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("fuzz case " + f.getFileName() + ": " + e, e);
            }
        }
        assertThat(rows).isPositive();
    }

    @Test
    void geoJsonFootprints() throws IOException {
        int features = 0;
        FootprintParser parser = new FootprintParser();
        for (Path f : Fuzz.files(Path.of("src/test/resources/data/footprints/few_houses.geojson"), dir, 12, CASES)) {
            try (GeoJsonFeatures in = new GeoJsonFeatures(TextFiles.open(f, TextFiles.detect(f)))) {
                for (GeoJsonFeatures.Item item = in.next(); item != null; item = in.next(), features++) {
                    switch (item) {
                        case GeoJsonFeatures.Feature ft -> {
                            switch (parser.parse(ft.ordinal(), ft.node())) {
                                case FootprintParser.Footprint fp -> {
                                    assertThat(fp.measure().areaM2()).isBetween(FootprintParser.MIN_AREA_M2,
                                            FootprintParser.MAX_AREA_M2);
                                    assertThat(fp.measure().centroidLat()).isBetween(-90.0, 90.0);
                                }
                                case FootprintParser.Rejected x -> assertThat(x.reason()).isNotBlank();
                            }
                        }
                        case GeoJsonFeatures.Broken b -> assertThat(b.reason()).startsWith("the JSON is broken at line");
                    }
                }
            } catch (GeoJsonFeatures.NotGeoJson e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (java.nio.charset.CharacterCodingException e) {
                // not text: refused as unreadable
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("fuzz case " + f.getFileName() + ": " + e, e);
            }
        }
        assertThat(features).isPositive();
    }
}

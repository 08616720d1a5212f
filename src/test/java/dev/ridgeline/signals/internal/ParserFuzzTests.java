package dev.ridgeline.signals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.platform.io.TextFiles;
import dev.ridgeline.signals.imports.FileImporter.FileProblem;
import dev.ridgeline.test.Fuzz;

/**
 * Every signals parser fed random and broken files: each either refuses the file as a whole with a reason
 * ({@link FileProblem}) or answers every row with a parsed value or a rejection carrying its line and a reason.
 * Nothing else may escape.
 */
class ParserFuzzTests {

    static final int CASES = 120;

    @TempDir
    Path dir;

    @Test
    void spcReports() throws IOException {
        fuzz(Path.of("src/main/resources/demo/130519_rpts_hail.csv"), 1, header -> {
            SpcStormParser p = new SpcStormParser(LocalDate.of(2013, 5, 19));
            p.parse(new CsvReader.Row(1, header));
            return r -> check(p.parse(r));
        });
    }

    @Test
    void spcCombinedFile() throws IOException {
        fuzz(Path.of("src/test/resources/data/spc/240426_rpts.csv"), 2, header -> {
            SpcStormParser p = new SpcStormParser(LocalDate.of(2024, 4, 26));
            p.parse(new CsvReader.Row(1, header));
            return r -> check(p.parse(r));
        });
    }

    @Test
    void stormEvents() throws IOException {
        fuzz(Path.of("src/test/resources/data/stormevents/StormEvents_details-ftp_v1.0_d2023_sample.csv"), 3, header -> {
            StormEventsParser p = new StormEventsParser(header);
            return r -> check(p.parse(r));
        });
    }

    @Test
    void hailTiles() throws IOException {
        fuzz(Path.of("src/test/resources/data/nexrad/swdi_nx3hail_tiles_20110101.csv"), 4, header -> {
            HailTileParser.check(header);
            HailTileParser p = new HailTileParser();
            return r -> {
                switch (p.parse(r)) {
                    case HailTileParser.Tile t -> {
                        assertThat(t.latitude()).isBetween(-90.0, 90.0);
                        assertThat(t.detections()).isPositive();
                    }
                    case HailTileParser.Rejected x -> rejected(x.line(), x.reason());
                }
            };
        });
    }

    @Test
    void permits() throws IOException {
        PermitClassifier classifier = new PermitClassifier();
        fuzz(Path.of("src/test/resources/data/permits/san_antonio_permits_sample.csv"), 5, header -> {
            PermitRowParser p = PermitRowParser.forHeader(header, null, classifier, LocalDate.of(2026, 11, 26));
            return r -> {
                switch (p.parse(r)) {
                    case PermitRowParser.Parsed x -> {
                        assertThat(x.number()).isNotBlank();
                        assertThat(x.verdict().reason()).isNotBlank();
                    }
                    case PermitRowParser.Rejected x -> rejected(x.line(), x.reason());
                }
            };
        });
    }

    @Test
    void areaClaims() throws IOException {
        Path sample = java.nio.file.Files.writeString(dir.resolve("claims.csv"),
                "zip,month,peril,claims,source\n37206,2026-05,hail,41,carrier report\n37207,2026-05,wind,\"1,204\",\n"
                        + "37208,2026-06,hail,0,x\n");
        fuzz(sample, 6, header -> {
            ClaimRowParser p = new ClaimRowParser(header, LocalDate.of(2026, 11, 26));
            return r -> {
                switch (p.parse(r)) {
                    case ClaimRowParser.Claim c -> assertThat(c.claims()).isNotNegative();
                    case ClaimRowParser.Rejected x -> rejected(x.line(), x.reason());
                }
            };
        });
    }

    private static void check(SpcStormParser.Outcome o) {
        switch (o) {
            case SpcStormParser.Storm s -> {
                assertThat(s.latitude()).isBetween(-90.0, 90.0);
                assertThat(s.longitude()).isBetween(-180.0, 180.0);
                assertThat(s.magnitudeText()).isNotBlank();
            }
            case SpcStormParser.Rejected x -> rejected(x.line(), x.reason());
            case SpcStormParser.Skipped ignored -> { }
        }
    }

    private static void rejected(long line, String reason) {
        assertThat(line).isPositive();
        assertThat(reason).isNotBlank();
    }

    /** Reads each fuzzed file like the importer does: encoding, CSV, header, then every row through the parser. */
    private void fuzz(Path seedFile, long seed, Function<List<String>, java.util.function.Consumer<CsvReader.Result>> parser)
            throws IOException {
        int refused = 0;
        int rows = 0;
        for (Path f : Fuzz.files(seedFile, dir, seed, CASES)) {
            TextFiles.Encoding encoding = TextFiles.detect(f);
            try (CsvReader csv = new CsvReader(TextFiles.open(f, encoding))) {
                CsvReader.Result header = csv.next();
                if (!(header instanceof CsvReader.Row h)) {
                    refused++;
                    continue;
                }
                java.util.function.Consumer<CsvReader.Result> each;
                try {
                    each = parser.apply(h.fields());
                } catch (FileProblem e) {
                    assertThat(e.getMessage()).isNotBlank();
                    refused++;
                    continue;
                }
                for (CsvReader.Result r = csv.next(); r != null; r = csv.next()) {
                    each.accept(r);
                    rows++;
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                refused++;
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("fuzz case " + f.getFileName() + " (seed " + seed + "): " + e, e);
            }
        }
        assertThat(rows).as("the mutated files still carry rows to parse").isPositive();
        assertThat(refused).isLessThan(CASES);
    }
}

package dev.ridgeline.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ridgeline.platform.io.CsvLines;

/** The export's line written straight into a buffer is the same text as the plain CSV of its values. */
class ScoreCsvTests {

    @Test
    void eachLineIsThePlainCsvOfItsValues() {
        Random random = new Random(7);
        String[] texts = {"412 Elm St", "=HYPERLINK(\"x\")", "say \"hi\" twice \"\"", "-5 Main", "", "Nashville",
                "@home", "a,b", "line\nbreak"};
        for (int i = 0; i < 2_000; i++) {
            List<ScoreFactor> factors = random.nextBoolean() ? List.of() : List.of(
                    new ScoreFactor(FactorKind.HAIL, 27, texts[random.nextInt(texts.length)]),
                    new ScoreFactor(FactorKind.ROOF_AGE, 14, "roof about 19 years old (built 2006)"));
            HomeScore s = new HomeScore(UUID.randomUUID(), texts[random.nextInt(texts.length)],
                    random.nextInt(4) == 0 ? null : texts[random.nextInt(texts.length)],
                    random.nextInt(4) == 0 ? null : "37214", 36 + random.nextDouble(), -86 - random.nextDouble() * 1e-7,
                    random.nextInt(101), random.nextInt(5) == 0 ? "re-roofed in 2024 (permit 2024-1)" : null, factors,
                    random.nextBoolean() ? null : random.nextInt(60), RoofAgeSource.values()[random.nextInt(
                            RoofAgeSource.values().length)], LocalDate.of(2025, 6, 30), "learned-60");
            assertThat(ScoreCsv.line(s)).isEqualTo(plain(s));
        }
    }

    /** The export's values through the generic CSV writer, as the line was first defined. */
    private static String plain(HomeScore s) {
        return CsvLines.line(Arrays.asList(s.propertyId(), CsvLines.forSpreadsheets(s.address()),
                CsvLines.forSpreadsheets(s.city()), s.postalCode(), s.latitude(), s.longitude(), s.score(),
                s.excluded() != null, s.roofAgeYears(), s.roofAgeSource().label(),
                CsvLines.forSpreadsheets(s.explanation()), s.asOf(), s.model()));
    }
}

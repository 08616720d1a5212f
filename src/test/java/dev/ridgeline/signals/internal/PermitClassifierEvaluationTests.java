package dev.ridgeline.signals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.signals.PermitCategory;

/**
 * Precision and recall of the roofing-permit classifier on 377 Nashville and San Antonio permits labelled by
 * reading each one (src/test/resources/data/permits/LABELS.md). The figures are printed and kept in BENCHMARKS.md;
 * the test fails if roofing-vs-not drops below 0.95 precision or 0.95 recall.
 */
class PermitClassifierEvaluationTests {

    record Labelled(String city, String number, String type, String subtype, String description, PermitCategory label) {
    }

    @Test
    void roofingPermitsAreFoundWithHighPrecisionAndRecall() throws Exception {
        List<Labelled> sample = load(Path.of("src/test/resources/data/permits/labelled_permits.csv"));
        assertThat(sample).hasSize(377);
        PermitClassifier classifier = new PermitClassifier();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        Map<PermitCategory, int[]> perClass = new EnumMap<>(PermitCategory.class);
        for (PermitCategory c : PermitCategory.values()) {
            perClass.put(c, new int[3]); // true positives, predicted, actual
        }
        List<String> misses = new ArrayList<>();
        for (Labelled l : sample) {
            PermitCategory predicted = classifier.classify(l.type(), l.subtype(), l.description()).category();
            perClass.get(predicted)[1]++;
            perClass.get(l.label())[2]++;
            if (predicted == l.label()) {
                perClass.get(predicted)[0]++;
            } else {
                misses.add(l.city() + " " + l.number() + ": labelled " + l.label() + ", classified " + predicted);
            }
            if (predicted.roofing() && l.label().roofing()) {
                tp++;
            } else if (predicted.roofing()) {
                fp++;
            } else if (l.label().roofing()) {
                fn++;
            }
        }
        double precision = tp / (double) (tp + fp);
        double recall = tp / (double) (tp + fn);
        System.out.printf("%nRoofing-permit classifier on %d labelled permits%n", sample.size());
        System.out.printf("| %-14s | %9s | %6s | %9s | %6s |%n", "class", "precision", "recall", "predicted", "actual");
        System.out.printf("| %-14s | %9.3f | %6.3f | %9d | %6d |%n", "any roofing", precision, recall, tp + fp, tp + fn);
        perClass.forEach((c, n) -> System.out.printf("| %-14s | %9s | %6s | %9d | %6d |%n", c,
                n[1] == 0 ? "-" : String.format("%.3f", n[0] / (double) n[1]),
                n[2] == 0 ? "-" : String.format("%.3f", n[0] / (double) n[2]), n[1], n[2]));
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertThat(precision).isGreaterThanOrEqualTo(0.95);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        assertThat(perClass.get(PermitCategory.REROOF)[0] / (double) perClass.get(PermitCategory.REROOF)[2])
                .isGreaterThanOrEqualTo(0.9);
    }

    private static List<Labelled> load(Path file) throws Exception {
        List<Labelled> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r)) {
            csv.next(); // header
            for (var result = csv.next(); result != null; result = csv.next()) {
                CsvReader.Row row = (CsvReader.Row) result;
                out.add(new Labelled(row.field(0), row.field(1), row.field(2), row.field(3), row.field(4),
                        PermitCategory.valueOf(row.field(5))));
            }
        }
        return out;
    }
}

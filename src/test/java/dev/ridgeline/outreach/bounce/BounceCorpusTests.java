package dev.ridgeline.outreach.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The classifier against 323 real returned messages from many mail systems and the classification another
 * project's test suite expects for each (src/test/resources/data/bounces). Prints the agreement table that
 * BENCHMARKS.md quotes, and holds the figures above floors so that a change that makes them worse fails.
 */
class BounceCorpusTests {

    static final Path DATA = Path.of("src/test/resources/data/bounces");

    record Expected(String status, String replyCode, String reason, boolean hard) {
    }

    @Test
    void agreesWithTheExpectedClassificationOfRealBounces() throws IOException {
        Map<String, List<Expected>> expected = new TreeMap<>();
        List<String> lines = Files.readAllLines(DATA.resolve("expected.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            expected.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Expected(f[1], f[2], f[3],
                    Boolean.parseBoolean(f[4])));
        }
        BounceClassifier classifier = new BounceClassifier();
        int files = 0;
        int recipientFiles = 0;
        int rows = 0;
        int hard = 0;
        int status = 0;
        int realStatusRows = 0;
        int realStatus = 0;
        int reason = 0;
        int hardExpected = 0;
        int hardFound = 0;
        int falseHard = 0;
        Map<String, String> misses = new LinkedHashMap<>();
        for (var e : expected.entrySet()) {
            Path file = DATA.resolve("emails").resolve(e.getKey() + ".eml");
            BounceReport report = classifier.classify(Files.readAllBytes(file));
            List<FailedRecipient> got = report.recipients();
            files++;
            boolean namesEveryone = got.size() == e.getValue().size()
                    && (got.stream().allMatch(r -> r.recipient() != null)
                            || report.kind() == BounceReport.Kind.AUTO_REPLY);
            if (namesEveryone) {
                recipientFiles++;
            }
            for (int i = 0; i < e.getValue().size(); i++) {
                Expected x = e.getValue().get(i);
                FailedRecipient r = i < got.size() ? got.get(i) : null;
                rows++;
                hardExpected += x.hard() ? 1 : 0;
                boolean realCode = !x.status().isEmpty() && !x.status().matches("\\d\\.0\\.9\\d\\d");
                realStatusRows += realCode ? 1 : 0;
                if (r == null) {
                    continue;
                }
                hard += r.hard() == x.hard() ? 1 : 0;
                hardFound += r.hard() && x.hard() ? 1 : 0;
                falseHard += r.hard() && !x.hard() ? 1 : 0;
                boolean sameStatus = x.status().equals(r.status() == null ? "" : r.status());
                status += sameStatus ? 1 : 0;
                realStatus += realCode && sameStatus ? 1 : 0;
                reason += x.reason().equals(r.reason().code()) ? 1 : 0;
                if (r.hard() != x.hard() || !x.reason().equals(r.reason().code())) {
                    misses.put(e.getKey() + "#" + i, "expected " + x.reason() + "/" + x.status() + "/" + x.hard()
                            + ", got " + r.reason().code() + "/" + r.status() + "/" + r.hard() + " " + r.recipient()
                            + " | " + r.diagnostic());
                }
            }
        }
        System.out.printf("%nBounce classification against %d real messages (%d expected recipient rows)%n%n", files,
                rows);
        System.out.println("| measure | agreement |");
        System.out.println("|---|---|");
        System.out.printf("| recipients: every failed recipient named, none extra (files) | %d / %d (%.1f%%) |%n",
                recipientFiles, files, 100.0 * recipientFiles / files);
        System.out.printf("| hard or soft (rows) | %d / %d (%.1f%%) |%n", hard, rows, 100.0 * hard / rows);
        System.out.printf("| hard bounces found (rows expected hard) | %d / %d (%.1f%%) |%n", hardFound, hardExpected,
                100.0 * hardFound / hardExpected);
        System.out.printf("| soft taken for hard (would be suppressed wrongly) | %d |%n", falseHard);
        System.out.printf("| status code, all rows | %d / %d (%.1f%%) |%n", status, rows, 100.0 * status / rows);
        System.out.printf("| status code, rows with an RFC 3463 code expected (not 5.0.9xx) | %d / %d (%.1f%%) |%n",
                realStatus, realStatusRows, 100.0 * realStatus / realStatusRows);
        System.out.printf("| reason name | %d / %d (%.1f%%) |%n%n", reason, rows, 100.0 * reason / rows);
        if (Boolean.getBoolean("bounces.misses")) {
            misses.forEach((k, v) -> System.out.println(k + ": " + v));
        }
        assertThat(files).isEqualTo(323);
        assertThat(100.0 * recipientFiles / files).as("recipient agreement").isGreaterThan(FLOOR_RECIPIENTS);
        assertThat(100.0 * hard / rows).as("hard/soft agreement").isGreaterThan(FLOOR_HARD);
        assertThat(100.0 * realStatus / realStatusRows).as("status agreement").isGreaterThan(FLOOR_STATUS);
    }

    static final double FLOOR_RECIPIENTS = 95;
    static final double FLOOR_HARD = 87;
    static final double FLOOR_STATUS = 95;
}

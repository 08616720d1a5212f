package dev.ridgeline.platform.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTests {

    @Test
    void readsQuotedFieldsEscapedQuotesAndLineBreaksWithStartingLines() throws IOException {
        String csv = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",3\n\n\"multi\nline\",2,\n4,,\"\"\n";
        List<CsvReader.Result> all = readAll(csv);
        assertThat(all).containsExactly(
                new CsvReader.Row(1, List.of("a", "b", "c")),
                new CsvReader.Row(2, List.of("x, y", "say \"hi\"", "3")),
                new CsvReader.Row(4, List.of("multi\nline", "2", "")),
                new CsvReader.Row(6, List.of("4", "", "")));
    }

    @Test
    void reportsBadQuotingAndCarriesOnWithTheNextLine() throws IOException {
        List<CsvReader.Result> all = readAll("a,\"b\"x,c\nok,1,2\n\"never closed,1\n");
        assertThat(all.get(0)).isEqualTo(new CsvReader.Malformed(1, "text after a closing quote in field 2"));
        assertThat(all.get(1)).isEqualTo(new CsvReader.Row(2, List.of("ok", "1", "2")));
        assertThat(all.get(2)).isEqualTo(new CsvReader.Malformed(3, "a quote opened on line 3 is never closed"));
        assertThat(all).hasSize(3);
    }

    @Test
    void aHugeRecordIsReportedNotLoaded() throws IOException {
        String csv = "x".repeat(5000) + "\nshort,row\n";
        List<CsvReader.Result> all = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(csv), 1000)) {
            for (var r = reader.next(); r != null; r = reader.next()) {
                all.add(r);
            }
        }
        assertThat(all).containsExactly(new CsvReader.Malformed(1, "record longer than 1000 characters"),
                new CsvReader.Row(2, List.of("short", "row")));
    }

    @Test
    void unquotedQuotesInsideAFieldAreKept() throws IOException {
        assertThat(readAll("2 SW \"THE\" FORKS,x\n")).containsExactly(new CsvReader.Row(1, List.of("2 SW \"THE\" FORKS", "x")));
    }

    /** Property test: on any input the reader ends, never throws, and lines only go forward. */
    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 1234, 20261126, 99999})
    void survivesRandomInput(long seed) throws IOException {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        String alphabet = "ab,\"\r\n \t1é\u0000";
        for (int round = 0; round < 300; round++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            long lastLine = 0;
            long newlines = s.chars().filter(c -> c == '\n' || c == '\r').count();
            try (CsvReader reader = new CsvReader(new StringReader(s.toString()), 200)) {
                int results = 0;
                for (var r = reader.next(); r != null; r = reader.next()) {
                    assertThat(r.line()).isGreaterThan(lastLine).isLessThanOrEqualTo(newlines + 1);
                    lastLine = r.line();
                    assertThat(++results).isLessThanOrEqualTo(length + 1);
                }
            }
        }
    }

    private static List<CsvReader.Result> readAll(String csv) throws IOException {
        List<CsvReader.Result> all = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(csv))) {
            for (var r = reader.next(); r != null; r = reader.next()) {
                all.add(r);
            }
        }
        return all;
    }
}

package dev.ridgeline.signals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.signals.StormKind;

class SpcStormParserTests {

    private final SpcStormParser parser = new SpcStormParser(LocalDate.of(2013, 5, 19));

    @ParameterizedTest
    @CsvSource({"130519_rpts_hail.csv, 2013-05-19", "240426_rpts.csv, 2024-04-26", "/tmp/x/991231_rpts_torn.csv, 1999-12-31"})
    void readsTheReportDateFromSpcFileNames(String name, LocalDate expected) {
        assertThat(SpcStormParser.dateFromFileName(name)).contains(expected);
    }

    @Test
    void noDateInOtherNamesOrImpossibleDates() {
        assertThat(SpcStormParser.dateFromFileName("storms.csv")).isEmpty();
        assertThat(SpcStormParser.dateFromFileName("131345_rpts_hail.csv")).isEmpty();
    }

    @Test
    void hailSizeIsInHundredthsAndEarlyTimesBelongToTheNextDay() {
        header("Time,Size,Location,County,State,Lat,Lon,Comments");
        var evening = (SpcStormParser.Storm) parser.parse(row(2, "1605", "175", "4 NE NEWNAN", "COWETA", "GA", "33.42", "-84.75", "GOLF BALL HAIL. (FFC)"));
        assertThat(evening.kind()).isEqualTo(StormKind.HAIL);
        assertThat(evening.magnitude()).isEqualByComparingTo(new BigDecimal("1.75"));
        assertThat(evening.occurredAt()).isEqualTo(Instant.parse("2013-05-19T16:05:00Z"));
        assertThat(evening.wfo()).isEqualTo("FFC");
        var overnight = (SpcStormParser.Storm) parser.parse(row(3, "0130", "100", "X", "Y", "OK", "35", "-97", "(OUN)"));
        assertThat(overnight.occurredAt()).isEqualTo(Instant.parse("2013-05-20T01:30:00Z"));
        assertThat(overnight.reportDate()).isEqualTo(LocalDate.of(2013, 5, 19));
    }

    @Test
    void sectionsSwitchOnTheirHeaders() {
        header("Time,F_Scale,Location,County,State,Lat,Lon,Comments");
        assertThat(((SpcStormParser.Storm) parser.parse(row(2, "2010", "UNK", "2 SW VIOLA", "SUMNER", "KS", "37.46", "-97.67", "(ICT)"))).kind())
                .isEqualTo(StormKind.TORNADO);
        header("Time,Speed,Location,County,State,Lat,Lon,Comments");
        var wind = (SpcStormParser.Storm) parser.parse(row(4, "1425", "UNK", "ALBIA", "MONROE", "IA", "41.03", "-92.8", "TREES DOWN (DMX)"));
        assertThat(wind.kind()).isEqualTo(StormKind.WIND);
        assertThat(wind.magnitude()).isNull();
        assertThat(wind.magnitudeText()).isEqualTo("UNK");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "25:61|100|OK|35|-97|Time|'25:61' is not a time in HHMM (UTC)",
            "2560|100|OK|35|-97|Time|'2560' is not a time of day (HHMM, 0000-2359)",
            "1600|big|OK|35|-97|Size|'big' is not a hail size in hundredths of an inch",
            "1600|1500|OK|35|-97|Size|hail size 1500 (15.0 in) is impossible; the largest US hailstone was 8 in",
            "1600|100|Oklahoma|35|-97|State|'Oklahoma' is not a two-letter state code",
            "1600|100|OK|north|-97|Lat|'north' is not a latitude",
            "1600|100|OK|95|-97|Lat|latitude 95.0 is outside -90..90",
            "1600|100|OK|35|-197|Lon|longitude -197.0 is outside -180..180",
            "1600|100|OK|0|0|Lat|0,0 is not a place in the United States (a missing location?)"})
    void rejectsBadValuesNamingTheColumn(String time, String size, String state, String lat, String lon, String column,
            String reason) {
        header("Time,Size,Location,County,State,Lat,Lon,Comments");
        assertThat(parser.parse(row(7, time, size, "X", "Y", state, lat, lon, "")))
                .isEqualTo(new SpcStormParser.Rejected(7, column, reason));
    }

    @Test
    void rowsBeforeAnyHeaderAndUnknownHeadersAreRejected() {
        assertThat(parser.parse(row(1, "1600", "100", "X", "Y", "OK", "35", "-97", "")))
                .isInstanceOf(SpcStormParser.Rejected.class);
        assertThat(parser.parse(row(2, "Time", "Colour", "Location")))
                .isEqualTo(new SpcStormParser.Rejected(2, "Colour",
                        "unknown section header 'Colour'; expected Size (hail), Speed (wind) or F_Scale (tornado)"));
        assertThat(parser.sawHeader()).isFalse();
    }

    @Test
    void unquotedCommasInCommentsStayInTheComment() {
        header("Time,Size,Location,County,State,Lat,Lon,Comments");
        var s = (SpcStormParser.Storm) parser.parse(row(2, "1700", "125", "X", "Y", "TX", "32", "-97", "TREES", " ROOFS", " CARS DAMAGED (FWD)"));
        assertThat(s.comments()).isEqualTo("TREES, ROOFS, CARS DAMAGED (FWD)");
        assertThat(s.wfo()).isEqualTo("FWD");
    }

    private void header(String line) {
        assertThat(parser.parse(new CsvReader.Row(1, List.of(line.split(","))))).isInstanceOf(SpcStormParser.Skipped.class);
    }

    private static CsvReader.Row row(long line, String... fields) {
        return new CsvReader.Row(line, List.of(fields));
    }
}

package dev.ridgeline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1916 18TH AVE S|1916 18TH AVE S|",
            "1916 Eighteenth Avenue South|1916 18TH AVE S|",
            "1916 18th Ave. S., Nashville, TN 37212|1916 18TH AVE S|",
            "630 W ELMIRA ST, City of San Antonio, TX 78212|630 W ELMIRA ST|",
            "12 Main Street Apt 4|12 MAIN ST|UNIT 4",
            "12 Main St #4|12 MAIN ST|UNIT 4",
            "12 main st. unit 4b|12 MAIN ST|UNIT 4B",
            "100 Peachtree Road Northeast Suite 300|100 PEACHTREE RD NE|UNIT 300",
            "  5   elm   hill   pike  |5 ELM HILL PIKE|"})
    void normalisesToOneKeyPerHouse(String input, String line, String unit) {
        Addresses.Street s = Addresses.street(input);
        assertThat(s.line()).isEqualTo(line);
        assertThat(s.unit()).isEqualTo(unit);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"630 W ELMIRA ST, San Antonio, TX 78212|78212", "1 A St, X, TX 78212-1234|78212",
            "1 A St|"})
    void findsTheZip(String input, String zip) {
        assertThat(Addresses.zip(input)).isEqualTo(zip);
    }
}

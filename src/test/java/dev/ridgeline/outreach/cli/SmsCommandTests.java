package dev.ridgeline.outreach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code sms segments}: JSON strings in, one JSON object per line out; a bad line named by its number. */
class SmsCommandTests {

    @Test
    void printsEncodingSegmentsAndCharactersPerLine() {
        String input = "\"Hello\"\n\"" + "a".repeat(200) + "\"\n\"Roof check? \\uD83D\\uDC4D\"\n\n\"Price: 5\\u20AC\"\n"
                + "Hello without quotes\n[\"not a string\"]\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SmsCommand.Segments command = new SmsCommand.Segments();
        command.in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = new CommandLine(command).execute();

        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
                "{\"encoding\":\"GSM-7\",\"segments\":1,\"characters\":5}",
                "{\"encoding\":\"GSM-7\",\"segments\":2,\"characters\":200}",
                "{\"encoding\":\"UCS-2\",\"segments\":1,\"characters\":13}",
                "{\"encoding\":\"GSM-7\",\"segments\":1,\"characters\":10}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 6: not a JSON string")
                .contains("line 7: not a JSON string");
        assertThat(status).isEqualTo(1);
    }

    @Test
    void offersTheGsmRewrite() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SmsCommand.Segments command = new SmsCommand.Segments();
        command.in = new ByteArrayInputStream("\"We\\u2019ll be there \\u2013 9am\"\n".getBytes(StandardCharsets.UTF_8));
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(new CommandLine(command).execute("--gsm")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("{\"encoding\":\"UCS-2\",\"segments\":1,"
                + "\"characters\":20,\"gsmText\":\"We'll be there - 9am\",\"gsmEncoding\":\"GSM-7\",\"gsmSegments\":1,"
                + "\"stillNotGsm\":[]}");
    }
}

package dev.ridgeline.outreach.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.ridgeline.outreach.sms.Gsm7Rewrite;
import dev.ridgeline.outreach.sms.SmsSegments;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Text message tools that need no database. */
@Command(name = "sms", mixinStandardHelpOptions = true, description = "Text message tools.",
        subcommands = {SmsCommand.Segments.class})
public class SmsCommand {

    @Command(name = "segments", mixinStandardHelpOptions = true, description = {
            "Read one JSON string per line on standard input (a message body) and print one JSON object per line:",
            "{\"encoding\":\"GSM-7\",\"segments\":2,\"characters\":200}, as Twilio counts them: GSM-7 or UCS-2, "
                    + "the segments billed, and the characters (a GSM extension character such as € counts two).",
            "A line that is not a JSON string is reported on standard error with its line number; the exit "
                    + "status is then 1."})
    static class Segments implements Callable<Integer> {

        @Option(names = "--gsm", description = "Also print the message made GSM-7 (curly quotes, dashes, accents "
                + "replaced) and what it would cost")
        boolean gsm;

        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public Integer call() throws IOException {
            JsonMapper json = JsonMapper.builder().build();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNumber = 0;
            int bad = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (JacksonException e) {
                    node = null;
                }
                if (node == null || !node.isString()) {
                    err.println("line " + lineNumber + ": not a JSON string (write the message in double quotes, "
                            + "e.g. \"Hello\")");
                    bad++;
                    continue;
                }
                SmsSegments s = SmsSegments.of(node.asString());
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("encoding", s.encoding().label());
                result.put("segments", s.segments());
                result.put("characters", s.characters());
                if (gsm) {
                    Gsm7Rewrite rewrite = Gsm7Rewrite.of(node.asString());
                    SmsSegments after = rewrite.remaining();
                    result.put("gsmText", rewrite.text());
                    result.put("gsmEncoding", after.encoding().label());
                    result.put("gsmSegments", after.segments());
                    result.put("stillNotGsm", after.notGsm());
                }
                out.println(json.writeValueAsString(result));
            }
            out.flush();
            return bad == 0 ? 0 : 1;
        }
    }
}

package dev.ridgeline.outreach.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ridgeline.outreach.bounce.BounceClassifier;
import dev.ridgeline.outreach.bounce.BounceReport;
import dev.ridgeline.outreach.bounce.FailedRecipient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "email", mixinStandardHelpOptions = true, description = "Email tools.",
        subcommands = {EmailCommand.Classify.class, EmailCommand.DkimKey.class})
public class EmailCommand {

    @Command(name = "dkim-key", mixinStandardHelpOptions = true, description = {
            "Make a 2048-bit RSA key pair for DKIM: prints the private key (PEM, PKCS#8) to paste into the SMTP "
                    + "connection's 'DKIM private key', and the DNS TXT record to publish. Nothing is stored."})
    static class DkimKey implements Callable<Integer> {

        @picocli.CommandLine.Option(names = "--domain", required = true, description = "The From address's domain")
        String domain;

        @picocli.CommandLine.Option(names = "--selector", defaultValue = "ridgeline1", description = "Default: ${DEFAULT-VALUE}")
        String selector;

        @Override
        public Integer call() throws java.security.GeneralSecurityException {
            if (!domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}") || !selector.matches("[A-Za-z0-9._-]+")) {
                System.err.println("--domain must be a domain name and --selector letters, digits, dot or dash");
                return 2;
            }
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            java.security.KeyPair pair = generator.generateKeyPair();
            java.util.Base64.Encoder mime = java.util.Base64.getMimeEncoder(64, "\n".getBytes());
            System.out.println("-----BEGIN PRIVATE KEY-----");
            System.out.println(mime.encodeToString(pair.getPrivate().getEncoded()));
            System.out.println("-----END PRIVATE KEY-----");
            System.out.println();
            System.out.println("DNS TXT record " + selector + "._domainkey." + domain.toLowerCase(java.util.Locale.ROOT)
                    + ":");
            System.out.println("v=DKIM1; k=rsa; p=" + java.util.Base64.getEncoder()
                    .encodeToString(pair.getPublic().getEncoded()));
            return 0;
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true, description = {
            "Read returned mail (.eml files: bounces, delivery status notifications, auto-replies, complaint "
                    + "reports) and print one JSON object per failed recipient:",
            "{\"file\":...,\"recipient\":...,\"status\":\"5.1.1\",\"hard\":true,\"reason\":\"userunknown\",...}; "
                    + "a message that is no bounce gives one line with \"recipient\":null.",
            "Hard means the address itself is bad: suppress it. Nothing is stored."})
    static class Classify implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Messages, one per file (RFC 5322)")
        List<Path> files;

        @Override
        public Integer call() {
            BounceClassifier classifier = new BounceClassifier();
            JsonMapper json = JsonMapper.builder().build();
            int failed = 0;
            for (Path file : files) {
                byte[] raw;
                try {
                    raw = Files.readAllBytes(file);
                } catch (NoSuchFileException e) {
                    System.err.println(file + ": no such file");
                    failed++;
                    continue;
                } catch (IOException e) {
                    System.err.println(file + ": cannot be read: " + e.getMessage());
                    failed++;
                    continue;
                }
                BounceReport report = classifier.classify(raw);
                for (FailedRecipient r : report.recipients()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("file", file.toString());
                    line.put("recipient", r.recipient());
                    line.put("status", r.status());
                    line.put("hard", r.hard());
                    line.put("reason", r.reason().code());
                    line.put("kind", report.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                    line.put("replyCode", r.replyCode());
                    line.put("diagnostic", r.diagnostic());
                    line.put("originalMessageId", report.originalMessageId());
                    System.out.println(json.writeValueAsString(line));
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }
}

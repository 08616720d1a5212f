package dev.ridgeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.ridgeline.platform.cli.CliSpring;
import dev.ridgeline.test.TestDatabase;
import picocli.CommandLine;

/** The CLI in the same jar, run in-process against a fresh database. */
@ExtendWith(OutputCaptureExtension.class)
class RidgelineCliTests {

    TestDatabase.Database db;

    @BeforeEach
    void freshDatabase() {
        db = TestDatabase.create();
        System.setProperty("ridgeline.db.url", db.url());
        System.setProperty("ridgeline.db.username", db.user());
        System.setProperty("ridgeline.db.password", db.password());
        CliSpring.use(RidgelineApplication.class);
    }

    @AfterEach
    void clear() {
        System.clearProperty("ridgeline.db.url");
        System.clearProperty("ridgeline.db.username");
        System.clearProperty("ridgeline.db.password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "serve --help", "tenant create --help", "user add --help", "keys rotate --help",
            "db migrate --help", "import storms --help", "import permits --help", "import footprints --help",
            "import contacts --help", "import claims --help", "demo load --help", "insight rescore --help"})
    void everyCommandExplainsItself(String args, CapturedOutput output) {
        assertThat(run(args.split(" "))).isZero();
        assertThat(output.getOut()).contains("Usage: ridgeline");
    }

    @Test
    void migrateShowsProgressAndIsIdempotent(CapturedOutput output) {
        assertThat(run("db", "migrate")).isZero();
        assertThat(output.getOut()).containsPattern("Applied \\d+ migration\\(s\\); schema is now at version \\d+")
                .contains("Migrating");
        assertThat(run("db", "migrate")).isZero();
        assertThat(output.getOut()).contains("Schema is up to date");
    }

    @Test
    void createsACompanyAndInvitesAUser(CapturedOutput output) throws Exception {
        assertThat(run("tenant", "create", "--name", "Cli Roofing", "--owner-name", "Cora Owner",
                "--owner-email", "cora@cli-roofing.test", "--city", "Nashville", "--state", "TN", "--zip", "37203")).isZero();
        assertThat(output.getOut()).contains("Created Cli Roofing");
        assertThat(run("user", "add", "--tenant", "Cli Roofing", "--email", "rex@cli-roofing.test", "--name", "Rex Rep",
                "--phone", "(615) 555-0150", "--role", "rep")).isZero();
        assertThat(output.getOut()).contains("Invited Rex Rep <rex@cli-roofing.test> as Rep of Cli Roofing");
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            ResultSet rs = c.createStatement().executeQuery(
                    "select phone, status from identity.app_user where email = 'rex@cli-roofing.test'");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("+16155550150");
            assertThat(rs.getString(2)).isEqualTo("INVITED");
            ResultSet sent = c.createStatement().executeQuery(
                    "select status, body from outreach.message where to_address = 'rex@cli-roofing.test'");
            assertThat(sent.next()).isTrue();
            assertThat(sent.getString(2)).contains("invited you to Cli Roofing");
        }
    }

    @Test
    void badArgumentsSayWhichOptionIsWrong(CapturedOutput output) {
        assertThat(run("tenant", "create", "--name", "Bad Co", "--owner-name", "B", "--owner-email", "not-an-email",
                "--zip", "ABC")).isEqualTo(2);
        assertThat(output.getErr()).contains("--owner-email: 'not-an-email' is not an email address")
                .contains("--zip: must be a US ZIP code");
        assertThat(run("user", "add", "--tenant", "Nobody Inc", "--email", "a@b.test", "--name", "A", "--role", "boss"))
                .isEqualTo(2);
        assertThat(output.getErr()).contains("--role: unknown role 'boss'");
        assertThat(run("user", "add", "--tenant", "Nobody Inc", "--email", "a@b.test", "--name", "A")).isEqualTo(2);
        assertThat(output.getErr()).contains("--tenant: no company named or with id 'Nobody Inc'");
    }

    @Test
    void importsStormReportsAndPrintsTheSummaryAsJson(CapturedOutput output) {
        assertThat(run("tenant", "create", "--name", "Json Roofing", "--owner-name", "J", "--owner-email",
                "j@json-roofing.test")).isZero();
        assertThat(run("import", "storms", "src/main/resources/demo/130519_rpts_torn.csv", "--json")).isZero();
        // The summary line; a background task of the closing context may log after it.
        String summary = output.getOut().lines().filter(l -> l.startsWith("{\"read\"")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(summary)
                .isEqualTo("{\"read\":29,\"stored\":29,\"updated\":0,\"unchanged\":0,\"rejected\":0,\"millis\":"
                        + summary.replaceAll(".*\"millis\":(\\d+).*", "$1") + ",\"errors\":[]}");
        assertThat(run("import", "storms", "src/main/resources/demo/130519_rpts_torn.csv")).isZero();
        assertThat(output.getOut()).contains("read 29 rows: 0 stored, 0 updated, 29 unchanged, 0 rejected");
        assertThat(run("import", "storms", "src/test/resources/data/spc/PROVENANCE.md", "--date", "2013-05-19")).isEqualTo(1);
        assertThat(output.getOut()).contains("not imported: this is not an SPC storm report file");
        assertThat(run("import", "storms", "no-such-file.csv")).isEqualTo(1);
        assertThat(output.getErr()).contains("no-such-file.csv: no such file, or it cannot be read");
    }

    @Test
    void importsPermitsThroughAProfile(CapturedOutput output) {
        assertThat(run("tenant", "create", "--name", "Permit Cli Roofing", "--owner-name", "P", "--owner-email",
                "p@permit-cli.test")).isZero();
        assertThat(run("import", "permits", "src/test/resources/data/permits/san_antonio_permits_sample.csv",
                "--profile", "san-antonio", "--json")).isZero();
        assertThat(output.getOut()).containsPattern("\\{\"read\":1500,\"stored\":\\d+,");
        assertThat(run("import", "permits", "src/test/resources/data/permits/san_antonio_permits_sample.csv", "--profile",
                "atlantis")).isEqualTo(2);
        assertThat(output.getErr()).contains("--profile: 'atlantis' is not a permit profile; use one of nashville, san-antonio");
    }

    @Test
    void demoLoadMakesACompanyOnAnEmptyInstallAndTheOtherImportsReportAsJson(CapturedOutput output) throws Exception {
        assertThat(run("demo", "load")).isZero();
        assertThat(output.getOut()).containsPattern("Created Demo Roofing Co\\. Sign in at .*/login as "
                + "owner@demo-roofing\\.example with the password \\S{16}")
                .containsPattern("contacts_fictitious\\.csv +read +240, stored +240");
        assertThat(run("demo", "load")).as("a second load changes nothing").isZero();
        assertThat(output.getOut()).containsPattern("contacts_fictitious\\.csv +read +240, stored +0, unchanged +240");
        // Scoring the analysed homes again with the same (prior) model rewrites none of them.
        assertThat(run("insight", "rescore")).isZero();
        assertThat(output.getOut()).containsPattern("\\d{4,} homes scored again as of 2024-09-30, 0 written");
        java.nio.file.Path export = java.nio.file.Files.createTempDirectory("rescore").resolve("scores.csv");
        assertThat(run("insight", "rescore", "--export", export.toString())).isZero();
        List<List<String>> rows = new java.util.ArrayList<>();
        try (var csv = new dev.ridgeline.platform.io.CsvReader(java.nio.file.Files.newBufferedReader(export))) {
            for (var r = csv.next(); r != null; r = csv.next()) {
                rows.add(((dev.ridgeline.platform.io.CsvReader.Row) r).fields());
            }
        }
        assertThat(rows.getFirst()).startsWith("property_id", "address", "city", "zip", "latitude", "longitude", "score");
        assertThat(output.getOut()).contains((rows.size() - 1) + " homes scored again as of 2024-09-30, 0 written")
                .contains("every score and its explanation in " + export);
        int[] scores = rows.stream().skip(1).mapToInt(r -> Integer.parseInt(r.get(6))).toArray();
        assertThat(scores).hasSizeGreaterThan(1000).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(rows.get(1).get(10)).as("the best home has its evidence in words")
                .isNotBlank().isNotEqualTo("no storm, roof age or neighbourhood evidence yet");
        assertThat(run("insight", "rescore", "--export", "/no-such-dir/scores.csv")).isEqualTo(1);
        assertThat(output.getErr()).contains("/no-such-dir/scores.csv: cannot write the export");

        java.nio.file.Path claims = java.nio.file.Files.createTempFile("claims", ".csv");
        java.nio.file.Files.writeString(claims, "zip,month,peril,claims\n30316,2026-05,hail,41\n3031,2026-05,hail,2\n");
        assertThat(run("import", "claims", claims.toString(), "--json")).isZero();
        assertThat(output.getOut()).contains("{\"read\":2,\"stored\":1,\"updated\":0,\"unchanged\":0,\"rejected\":1,")
                .contains("\"errors\":[{\"line\":3,\"column\":\"zip\",\"reason\":\"'3031' is not a 5-digit ZIP code\"}]}");
        assertThat(run("import", "footprints", "src/main/resources/demo/130519_rpts_torn.csv", "--json")).isEqualTo(1);
        assertThat(run("import", "contacts", "src/main/resources/demo/contacts_fictitious.csv", "--json")).isZero();
        assertThat(output.getOut()).contains("{\"read\":240,\"stored\":0,\"updated\":0,\"unchanged\":240,");
    }

    @Test
    void classifiesReturnedMailAsJsonLines(CapturedOutput output) {
        String dir = "src/test/resources/data/bounces/emails/";
        assertThat(run("email", "classify", dir + "lhost-qmail-01.eml", dir + "rfc3834-01.eml")).isZero();
        // Other test contexts in this JVM may log to the same stdout; the command's own lines are the JSON ones.
        String[] lines = output.getOut().lines().filter(l -> l.startsWith("{")).toArray(String[]::new);
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"file\":\"" + dir + "lhost-qmail-01.eml\",\"recipient\":\"kijitora@example.ne.jp\","
                + "\"status\":\"5.5.0\",\"hard\":true,\"reason\":\"userunknown\",\"kind\":\"bounce\",\"replyCode\":\"550\"");
        assertThat(lines[1]).contains("\"recipient\":null,\"status\":null,\"hard\":false,\"reason\":\"vacation\","
                + "\"kind\":\"auto-reply\"");
        assertThat(run("email", "classify", "no-such.eml")).isEqualTo(1);
        assertThat(output.getErr()).contains("no-such.eml: no such file");
    }

    @Test
    void importsADoNotCallRegistryFile(CapturedOutput output, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assertThat(run("tenant", "create", "--name", "Dnc Roofing", "--owner-name", "D", "--owner-email",
                "d@dnc-roofing.test")).isZero();
        String id = output.getOut().replaceAll("(?s).*Created Dnc Roofing \\(tenant ([0-9a-f-]{36})\\).*", "$1");
        Path file = dir.resolve("dnc-615.txt");
        Files.writeString(file, "615,5550101\n6155550102\n(615) 555-0103\n615,555\n\n615,5550101\n");
        assertThat(run("dnc", "import", "--tenant", id, file.toString())).isEqualTo(1);
        assertThat(output.getOut()).contains("5 numbers read, 3 new on the list, 1 not US numbers");
        assertThat(output.getErr()).contains("line 4: '615,555' is not a 10-digit US number");
        assertThat(run("dnc", "import", "--tenant", "not-an-id", file.toString())).isEqualTo(2);
    }

    @Test
    void makesADkimKeyAndItsDnsRecord(CapturedOutput output) {
        assertThat(run("email", "dkim-key", "--domain", "acmeroof.com")).isZero();
        assertThat(output.getOut()).contains("-----BEGIN PRIVATE KEY-----")
                .containsPattern("DNS TXT record ridgeline1\\._domainkey\\.acmeroof\\.com:\\s+v=DKIM1; k=rsa; p=MII");
        assertThat(run("email", "dkim-key", "--domain", "not a domain")).isEqualTo(2);
    }

    @Test
    void rotatesKeys(CapturedOutput output) {
        assertThat(run("keys", "rotate")).isZero();
        assertThat(output.getOut()).contains("Re-encrypted 0 secret(s) under a new data key");
    }

    private static int run(String... args) {
        return new CommandLine(new RidgelineCli()).execute(args);
    }
}

package dev.ridgeline.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.servlet.http.Cookie;

import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.identity.ApiKeyService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** The vault: secrets encrypted at rest, bound to their row, never shown, never logged. */
@RidgelineTest
@ExtendWith(OutputCaptureExtension.class)
class ConnectionsVaultIntegrationTests {

    static final String SECRET = "s3cr3t-SMTP-p4ss-" + UUID.randomUUID();

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityService identity;

    @Autowired
    ConnectionsService connections;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company("Vault Roofing");
    }

    @Test
    void aKnownSecretNeverAppearsInResponsesOrLogs(CapturedOutput output) throws Exception {
        Cookie session = fixtures.signIn(mvc, company.owner());
        mvc.perform(post("/settings/connections").param("type", "EMAIL").param("provider", "smtp").param("name", "Office")
                .param("settings.host", "127.0.0.1").param("settings.port", "1").param("settings.security", "NONE")
                .param("settings.username", "office@vault.test").param("settings.fromAddress", "office@vault.test")
                .param("secrets.password", SECRET).cookie(session).with(csrf()));
        Connection c = connections.list(company.ownerActor()).getFirst();
        // a failed form keeps what was typed, except the secret
        String failedForm = mvc.perform(post("/settings/connections/" + c.id()).param("settings.host", "")
                        .param("settings.port", "587").param("settings.fromAddress", "office@vault.test")
                        .param("secrets.password", SECRET).cookie(session).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(failedForm).contains("Host is required");
        // the connection test fails against a closed port and reports why, without the password
        mvc.perform(post("/settings/connections/" + c.id() + "/check").cookie(session).with(csrf()));
        // a test send through it fails the same way
        mvc.perform(post("/outbox/test").param("channel", "EMAIL").param("to", "someone@example.com").cookie(session).with(csrf()));

        String apiKey = keys.create(company.ownerActor(), "audit", ApiKeyScope.READ).token();
        List<String> bodies = new ArrayList<>(List.of(failedForm));
        for (String page : List.of("/settings/connections", "/settings/connections/" + c.id(), "/settings/audit",
                "/outbox", "/settings/connections/new?type=EMAIL&provider=smtp")) {
            bodies.add(mvc.perform(get(page).cookie(session)).andReturn().getResponse().getContentAsString());
        }
        for (String api : List.of("/api/v1/connections", "/api/v1/connections/" + c.id(), "/api/v1/messages")) {
            bodies.add(mvc.perform(get(api).header("Authorization", "Bearer " + apiKey)).andReturn().getResponse()
                    .getContentAsString());
        }
        assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(SECRET));
        assertThat(bodies.get(1)).contains("password: •••••••• set");
        Thread.sleep(500); // let the async dispatch of the test send log its failure
        assertThat(output.getAll()).contains("Provider smtp refused message").doesNotContain(SECRET);
        assertThat(c.toString() + connections.activeAccount(company.id(), ConnectionType.EMAIL).toString()
                + connections.activeAccount(company.id(), ConnectionType.EMAIL).secret("password").orElseThrow())
                .doesNotContain(SECRET);
    }

    @Test
    void secretsAreEncryptedAtRestAndOpenOnlyForTheirOwnRow() {
        Connection c = smtp("one", SECRET);
        byte[] stored = ciphertext(c.id());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET).doesNotContain("s3cr3t");
        assertThat(connections.activeAccount(company.id(), ConnectionType.EMAIL).requireSecret("password").reveal())
                .isEqualTo(SECRET);

        // encrypting the same value twice gives different ciphertexts (random nonce)
        Connection other = smtp("two", SECRET);
        assertThat(ciphertext(other.id())).isNotEqualTo(stored);

        // a ciphertext moved to another row does not decrypt there
        jdbc.sql("update connections.connection_secret set ciphertext = :c where connection_id = :id")
                .param("c", stored).param("id", other.id()).update();
        assertThatThrownBy(() -> connections.account(company.id(), other.id()).orElseThrow().requireSecret("password"))
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void aBlankSecretOnUpdateKeepsTheStoredOne() {
        Connection c = smtp("keep", SECRET);
        connections.update(company.ownerActor(), c.id(), new ConnectionDraft(ConnectionType.EMAIL, "smtp", "renamed",
                Map.of("host", "mail.example.com", "port", "465", "security", "SSL", "fromAddress", "a@example.com"),
                Map.of("password", "")));
        var account = connections.activeAccount(company.id(), ConnectionType.EMAIL);
        assertThat(account.setting("host")).contains("mail.example.com");
        assertThat(account.requireSecret("password").reveal()).isEqualTo(SECRET);
    }

    @Test
    void badInputNamesEveryWrongField() {
        assertThatThrownBy(() -> connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.EMAIL,
                "smtp", "x", Map.of("port", "587", "colour", "red"), Map.of("token", "x"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsKeys("settings.host", "settings.fromAddress", "settings.colour", "secrets.token"));
        assertThatThrownBy(() -> connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.SMS,
                "carrier-pigeon", "x", Map.of(), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("providerId"));
        assertThat(connections.list(company.ownerActor())).isEmpty();
    }

    @Test
    void oneConnectionPerTypeIsActiveExceptMailboxesAndTheSandboxIsTheDefault() {
        assertThat(connections.activeAccount(company.id(), ConnectionType.SMS).providerId()).isEqualTo("sandbox");
        Connection first = sandboxSms("first");
        Connection second = sandboxSms("second");
        assertThat(first.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(second.status()).isEqualTo(ConnectionStatus.DISABLED);
        connections.activate(company.ownerActor(), second.id());
        assertThat(connections.get(company.ownerActor(), first.id()).status()).isEqualTo(ConnectionStatus.DISABLED);
        connections.disable(company.ownerActor(), second.id());
        assertThat(connections.activeAccount(company.id(), ConnectionType.SMS).providerId()).isEqualTo("sandbox");

        // Email mailboxes send together: a new one joins, switching one on leaves the others on.
        assertThat(connections.activeAccounts(company.id(), ConnectionType.EMAIL)).isEmpty();
        Connection office = smtp("office", SECRET);
        Connection mike = smtp("mike", SECRET);
        assertThat(mike.status()).isEqualTo(ConnectionStatus.ACTIVE);
        connections.disable(company.ownerActor(), office.id());
        connections.activate(company.ownerActor(), office.id());
        assertThat(connections.activeAccounts(company.id(), ConnectionType.EMAIL))
                .extracting(ProviderAccount::connectionId).containsExactly(office.id(), mike.id());
        assertThat(jdbc.sql("select count(*) from identity.audit_event where tenant_id = :t and action like 'connection.%'")
                .param("t", company.id().value()).query(Long.class).single()).isEqualTo(8);
    }

    private Connection sandboxSms(String name) {
        return connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.SMS, "sandbox", name,
                Map.of(), Map.of()));
    }

    private Connection smtp(String name, String password) {
        return connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.EMAIL, "smtp", name,
                Map.of("host", "smtp.example.com", "port", "587", "fromAddress", "office@example.com"),
                Map.of("password", password)));
    }

    private byte[] ciphertext(UUID connection) {
        return jdbc.sql("select ciphertext from connections.connection_secret where connection_id = :id")
                .param("id", connection).query(byte[].class).single();
    }
}

package dev.ridgeline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.servlet.http.Cookie;

import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** API keys: made by owners, shown once, stored hashed, scoped, revocable, last use recorded; OpenAPI served. */
@RidgelineTest
class ApiKeyIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityService identity;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company("Api Roofing");
    }

    @Test
    void aNewKeyIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        Cookie session = fixtures.signIn(mvc, company.owner());
        String page = mvc.perform(post("/settings/api-keys").param("name", "CRM sync").param("scope", "READ")
                        .cookie(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("rl_[a-z0-9]{8}_[A-Za-z0-9_-]{43}").matcher(page);
        assertThat(m.find()).isTrue();
        String token = m.group();

        String listing = mvc.perform(get("/settings/api-keys").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(listing).contains("CRM sync").doesNotContain(token);
        byte[] stored = jdbc.sql("select secret_hash from identity.api_key where tenant_id = :t")
                .param("t", company.id().value()).query(byte[].class).single();
        assertThat(stored).hasSize(32);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(token.substring(12));
        assertThat(jdbc.sql("select count(*) from identity.audit_event where tenant_id = :t and action = 'api_key.created'")
                .param("t", company.id().value()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aReadKeyMayGetButNotWrite() throws Exception {
        String token = keys.create(company.ownerActor(), "reader", ApiKeyScope.READ).token();
        mvc.perform(get("/api/v1/leads").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        mvc.perform(post("/api/v1/leads").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"address\":\"5 Elm St\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("This API key's scope does not allow POST requests"));
    }

    @Test
    void aWriteKeyCreatesLeadsAndBadInputNamesTheField() throws Exception {
        String token = keys.create(company.ownerActor(), "writer", ApiKeyScope.WRITE).token();
        mvc.perform(post("/api/v1/leads").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"address\":\"5 Elm St\",\"city\":\"Nashville\",\"latitude\":36.1,\"longitude\":-86.7}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.address").value("5 Elm St"))
                .andExpect(jsonPath("$.source").value("api"));
        mvc.perform(post("/api/v1/leads").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"address\":\"\",\"latitude\":95}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.address").value("is required"))
                .andExpect(jsonPath("$.errors.latitude").exists());
        mvc.perform(post("/api/v1/leads").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"address\": 5"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Unreadable body"));
    }

    @Test
    void aRevokedKeyStopsWorkingAndLastUseIsRecorded() throws Exception {
        CreatedApiKey created = keys.create(company.ownerActor(), "temp", ApiKeyScope.READ);
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + created.token())).andExpect(status().isOk());
        assertThat(keys.list(company.ownerActor()).getFirst().lastUsedAt()).isNotNull();
        keys.revoke(company.ownerActor(), created.key().id());
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + created.token()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType("application/problem+json"));
    }

    @Test
    void noKeyOrAWrongKeyGets401() throws Exception {
        mvc.perform(get("/api/v1/leads")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/leads").header("Authorization", "Bearer rl_abcdefgh_" + "x".repeat(43)))
                .andExpect(status().isUnauthorized());
        String token = keys.create(company.ownerActor(), "real", ApiKeyScope.READ).token();
        String forged = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        mvc.perform(get("/api/v1/leads").header("Authorization", "Bearer " + forged)).andExpect(status().isUnauthorized());
    }

    @Test
    void aSessionCookieDoesNotOpenTheApi() throws Exception {
        Cookie session = fixtures.signIn(mvc, company.owner());
        mvc.perform(get("/api/v1/leads").cookie(session)).andExpect(status().isUnauthorized());
    }

    @Test
    void onlyOwnersManageKeys() {
        var manager = fixtures.user(company, dev.ridgeline.platform.Role.MANAGER, "Manny");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.create(fixtures.actor(manager), "x", ApiKeyScope.READ))
                .isInstanceOf(dev.ridgeline.platform.ForbiddenException.class);
    }

    @Test
    void theOpenApiDocumentAndUiAreServed() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/leads']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/messages/{messageId}']").exists());
        mvc.perform(get("/api/docs")).andExpect(status().is3xxRedirection());
    }
}

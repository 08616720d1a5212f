package dev.ridgeline.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.servlet.http.Cookie;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.TotpEnrollment;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MutableClock;
import dev.ridgeline.test.RidgelineTest;

/** The optional second factor: once on, every session needs the authenticator code before anything else. */
@RidgelineTest
class TotpSignInIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Company company;
    byte[] secret;

    @BeforeEach
    void enableTotp() {
        company = new Fixtures(identity, jdbc).company("Two Factor Roofing");
        TotpEnrollment enrollment = identity.startTotp(company.ownerActor());
        secret = Totp.fromBase32(enrollment.secret());
        identity.enableTotp(company.ownerActor(), enrollment.secret(), Totp.code(secret, Totp.step(clock.instant()), 6, "HmacSHA1"));
        clock.advance(Duration.ofSeconds(30)); // the enrolment code's step is used up
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void storesTheSecretEncrypted() {
        byte[] stored = jdbc.sql("select totp_secret from identity.app_user where id = :id")
                .param("id", company.owner().id().value()).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(Totp.base32(secret));
    }

    @Test
    void passwordAloneDoesNotOpenPagesUntilTheCodeIsGiven() throws Exception {
        Cookie session = signIn();
        mvc.perform(get("/leads").cookie(session)).andExpect(redirectedUrl("/login/totp"));

        mvc.perform(post("/login/totp").param("code", "000000").cookie(session).with(csrf()))
                .andExpect(redirectedUrl("/login/totp?error"));
        mvc.perform(get("/leads").cookie(session)).andExpect(redirectedUrl("/login/totp"));

        String code = Totp.code(secret, Totp.step(clock.instant()), 6, "HmacSHA1");
        mvc.perform(post("/login/totp").param("code", code).cookie(session).with(csrf())).andExpect(redirectedUrl("/"));
        mvc.perform(get("/leads").cookie(session)).andExpect(status().isOk());
    }

    @Test
    void aCodeWorksOnlyOnce() throws Exception {
        String code = Totp.code(secret, Totp.step(clock.instant()), 6, "HmacSHA1");
        Cookie first = signIn();
        mvc.perform(post("/login/totp").param("code", code).cookie(first).with(csrf())).andExpect(redirectedUrl("/"));
        Cookie second = signIn();
        mvc.perform(post("/login/totp").param("code", code).cookie(second).with(csrf()))
                .andExpect(redirectedUrl("/login/totp?error"));
    }

    @Test
    void repeatedWrongCodesSignOut() throws Exception {
        Cookie session = signIn();
        String result = null;
        for (int i = 0; i < 5; i++) {
            result = mvc.perform(post("/login/totp").param("code", String.format("%06d", i)).cookie(session).with(csrf()))
                    .andReturn().getResponse().getRedirectedUrl();
        }
        assertThat(result).isEqualTo("/login?locked");
        mvc.perform(get("/leads").cookie(session)).andExpect(redirectedUrl("/login"));
    }

    private Cookie signIn() throws Exception {
        return mvc.perform(post("/login").param("email", company.owner().email()).param("password", Fixtures.PASSWORD)
                        .with(csrf()).with(Fixtures.fromRandomIp()))
                .andReturn().getResponse().getCookie("RIDGELINE_SESSION");
    }
}

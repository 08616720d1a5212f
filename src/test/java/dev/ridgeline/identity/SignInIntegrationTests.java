package dev.ridgeline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.ridgeline.platform.Role;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.MutableClock;
import dev.ridgeline.test.RidgelineTest;

/** Every sign-in path against real PostgreSQL: success, wrong, expired, reused, lockout, unknown accounts. */
@RidgelineTest
class SignInIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures fixtures;
    Fixtures.Company company;
    RequestPostProcessor ip;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company("Sign-in Roofing");
        ip = Fixtures.fromRandomIp();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void passwordSignInOpensASession() throws Exception {
        mvc.perform(post("/login").param("email", company.owner().email()).param("password", Fixtures.PASSWORD)
                        .with(csrf()).with(ip))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername(company.owner().email()));
        assertThat(audit(company, "sign_in.succeeded")).isEqualTo(1);
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheSameAnswer() throws Exception {
        MvcResult wrong = mvc.perform(post("/login").param("email", company.owner().email()).param("password", "nope nope nope")
                        .with(csrf()).with(ip))
                .andExpect(unauthenticated()).andReturn();
        MvcResult unknown = mvc.perform(post("/login").param("email", Fixtures.email("nobody")).param("password", "nope nope nope")
                        .with(csrf()).with(ip))
                .andExpect(unauthenticated()).andReturn();
        assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/login?error")
                .isEqualTo(unknown.getResponse().getRedirectedUrl());
        assertThat(audit(company, "sign_in.failed")).isEqualTo(1);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() throws Exception {
        String email = company.owner().email();
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").param("email", email).param("password", "wrong password " + i).with(csrf()).with(ip))
                    .andExpect(unauthenticated());
        }
        mvc.perform(post("/login").param("email", email).param("password", Fixtures.PASSWORD).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login?locked"))
                .andExpect(unauthenticated());
        assertThat(audit(company, "sign_in.locked")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(16));
        mvc.perform(post("/login").param("email", email).param("password", Fixtures.PASSWORD).with(csrf()).with(ip))
                .andExpect(authenticated());
    }

    @Test
    void unknownAccountsAreLockedTheSameWay() throws Exception {
        String email = Fixtures.email("ghost");
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").param("email", email).param("password", "guess " + i).with(csrf()).with(ip));
        }
        mvc.perform(post("/login").param("email", email).param("password", "guess 6").with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void magicLinkSignsInOnceWithinFifteenMinutes() throws Exception {
        String email = company.owner().email();
        mvc.perform(post("/login/link").param("username", email).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login/link-sent"));
        String body = fixtures.lastMessageTo(email);
        assertThat(body).contains("http://localhost/login/ott?token=").contains("expires in 15 minutes");
        String token = Fixtures.linkToken(body);

        mvc.perform(get("/login/ott").param("token", token)).andExpect(status().isOk()).andExpect(unauthenticated());
        mvc.perform(post("/login/ott").param("token", token).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername(email));

        mvc.perform(post("/login/ott").param("token", token).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login?link=used"))
                .andExpect(unauthenticated());
    }

    @Test
    void magicLinkExpiresAfterFifteenMinutes() throws Exception {
        String email = company.owner().email();
        mvc.perform(post("/login/link").param("username", email).with(csrf()).with(ip));
        String token = Fixtures.linkToken(fixtures.lastMessageTo(email));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        mvc.perform(post("/login/ott").param("token", token).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login?link=expired"))
                .andExpect(unauthenticated());
    }

    @Test
    void aTamperedOrMadeUpLinkIsRejected() throws Exception {
        mvc.perform(post("/login/ott").param("token", "not-a-real-token-at-all-0000000000000000").with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login?link=unknown"))
                .andExpect(unauthenticated());
    }

    @Test
    void aNewLinkReplacesTheOldOne() throws Exception {
        String email = company.owner().email();
        mvc.perform(post("/login/link").param("username", email).with(csrf()).with(ip));
        String first = Fixtures.linkToken(fixtures.lastMessageTo(email));
        mvc.perform(post("/login/link").param("username", email).with(csrf()).with(ip));
        String second = Fixtures.linkToken(fixtures.lastMessageTo(email));
        assertThat(second).isNotEqualTo(first);
        mvc.perform(post("/login/ott").param("token", first).with(csrf()).with(ip)).andExpect(unauthenticated());
        mvc.perform(post("/login/ott").param("token", second).with(csrf()).with(ip)).andExpect(authenticated());
    }

    @Test
    void atMostFiveLinksAnHourAndTheLastOneSentStillWorks() throws Exception {
        String email = company.owner().email();
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login/link").param("username", email).with(csrf()).with(Fixtures.fromRandomIp()));
        }
        String fifth = Fixtures.linkToken(fixtures.lastMessageTo(email));
        mvc.perform(post("/login/link").param("username", email).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login/link-sent"));
        assertThat(fixtures.messageCountTo(email)).isEqualTo(5);
        mvc.perform(post("/login/ott").param("token", fifth).with(csrf()).with(ip)).andExpect(authenticated());
    }

    @Test
    void linkRequestForUnknownEmailLooksTheSameAndSendsNothing() throws Exception {
        String email = Fixtures.email("stranger");
        mvc.perform(post("/login/link").param("username", email).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login/link-sent"));
        assertThat(fixtures.messageCountTo(email)).isZero();
    }

    @Test
    void smsCodeSignsInOnce() throws Exception {
        var rep = fixtures.user(company, Role.REP, "Ray Rep");
        MvcResult requested = mvc.perform(post("/login/code").param("username", rep.phone()).with(csrf()).with(ip))
                .andExpect(redirectedUrlPattern("/login/code/verify?c=*")).andReturn();
        String challenge = requested.getResponse().getRedirectedUrl().substring("/login/code/verify?c=".length());
        String sms = fixtures.lastMessageTo(rep.phone());
        assertThat(sms).contains("expires in 10 minutes");
        String code = Fixtures.code(sms);

        mvc.perform(post("/login/ott").param("challenge", challenge).param("code", code).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withUsername(rep.email()));
        mvc.perform(post("/login/ott").param("challenge", challenge).param("code", code).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login/code/verify?c=" + challenge + "&error=used"))
                .andExpect(unauthenticated());
        assertThat(identity.findUser(company.id(), rep.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void smsCodeCanBeAskedForByEmailToo() throws Exception {
        var rep = fixtures.user(company, Role.REP, "Rita Rep");
        mvc.perform(post("/login/code").param("username", rep.email()).with(csrf()).with(ip))
                .andExpect(redirectedUrlPattern("/login/code/verify?c=*"));
        assertThat(Fixtures.code(fixtures.lastMessageTo(rep.phone()))).hasSize(6);
    }

    @Test
    void smsCodeStopsWorkingAfterFiveWrongEntries() throws Exception {
        var rep = fixtures.user(company, Role.REP, "Rob Rep");
        String challenge = mvc.perform(post("/login/code").param("username", rep.phone()).with(csrf()).with(ip))
                .andReturn().getResponse().getRedirectedUrl().substring("/login/code/verify?c=".length());
        String code = Fixtures.code(fixtures.lastMessageTo(rep.phone()));
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 4; i++) {
            mvc.perform(post("/login/ott").param("challenge", challenge).param("code", wrong).with(csrf()).with(ip))
                    .andExpect(redirectedUrl("/login/code/verify?c=" + challenge + "&error=wrong_code"));
        }
        mvc.perform(post("/login/ott").param("challenge", challenge).param("code", wrong).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login/code/verify?c=" + challenge + "&error=too_many_attempts"));
        mvc.perform(post("/login/ott").param("challenge", challenge).param("code", code).with(csrf()).with(ip))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login/code/verify?c=" + challenge + "&error=too_many_attempts"));
        assertThat(audit(company, "sign_in.locked")).isEqualTo(1);
    }

    @Test
    void smsCodeExpiresAfterTenMinutes() throws Exception {
        var rep = fixtures.user(company, Role.REP, "Rae Rep");
        String challenge = mvc.perform(post("/login/code").param("username", rep.phone()).with(csrf()).with(ip))
                .andReturn().getResponse().getRedirectedUrl().substring("/login/code/verify?c=".length());
        String code = Fixtures.code(fixtures.lastMessageTo(rep.phone()));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        mvc.perform(post("/login/ott").param("challenge", challenge).param("code", code).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login/code/verify?c=" + challenge + "&error=expired"))
                .andExpect(unauthenticated());
    }

    @Test
    void codeRequestForUnknownNumberLooksTheSameAndSendsNothing() throws Exception {
        String phone = "+16155550177";
        mvc.perform(post("/login/code").param("username", "(615) 555-0177").with(csrf()).with(ip))
                .andExpect(redirectedUrlPattern("/login/code/verify?c=*"));
        assertThat(fixtures.messageCountTo(phone)).isZero();
    }

    @Test
    void disabledUsersCannotSignInByAnyPath() throws Exception {
        var rep = fixtures.user(company, Role.REP, "Dee Disabled");
        identity.disable(company.ownerActor(), rep.id());
        mvc.perform(post("/login/link").param("username", rep.email()).with(csrf()).with(ip))
                .andExpect(redirectedUrl("/login/link-sent"));
        assertThat(fixtures.lastMessageTo(rep.email())).doesNotContain("/login/ott"); // only the invitation went out
        mvc.perform(post("/login/code").param("username", rep.phone()).with(csrf()).with(ip));
        assertThat(fixtures.messageCountTo(rep.phone())).isZero();
    }

    @Test
    void invitationLinkSignsInAndActivates() throws Exception {
        var manager = fixtures.user(company, Role.MANAGER, "Mia Manager");
        assertThat(manager.status()).isEqualTo(UserStatus.INVITED);
        String body = fixtures.lastMessageTo(manager.email());
        assertThat(body).contains("invited you to").contains("as a manager").contains("/login/invite?token=");
        mvc.perform(post("/login/ott").param("token", Fixtures.linkToken(body)).with(csrf()).with(ip))
                .andExpect(authenticated().withUsername(manager.email()));
        assertThat(identity.findUser(company.id(), manager.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void tooManyRequestsFromOneAddressAreRefused() throws Exception {
        RequestPostProcessor sameIp = Fixtures.fromRandomIp();
        for (int i = 0; i < 30; i++) {
            mvc.perform(post("/login/link").param("username", Fixtures.email("flood")).with(csrf()).with(sameIp))
                    .andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/login/link").param("username", Fixtures.email("flood")).with(csrf()).with(sameIp))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void signInFormsNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/login").param("email", company.owner().email()).param("password", Fixtures.PASSWORD).with(ip))
                .andExpect(status().isForbidden());
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        var response = mvc.perform(post("/login").param("email", company.owner().email())
                        .param("password", Fixtures.PASSWORD).with(csrf()).with(ip))
                .andReturn().getResponse();
        Cookie session = response.getCookie("RIDGELINE_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSecure()).isTrue();
        assertThat(session.getAttribute("SameSite")).isEqualTo("Lax");
        mvc.perform(get("/leads").cookie(session)).andExpect(status().isOk());
        mvc.perform(post("/logout").cookie(session).with(csrf())).andExpect(redirectedUrl("/login?signed-out"));
        mvc.perform(get("/leads").cookie(session)).andExpect(status().is3xxRedirection());
    }

    private long audit(Fixtures.Company c, String action) {
        return jdbc.sql("select count(*) from identity.audit_event where tenant_id = :t and action = :a")
                .param("t", c.id().value()).param("a", action).query(Long.class).single();
    }
}

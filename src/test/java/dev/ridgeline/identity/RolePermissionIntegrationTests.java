package dev.ridgeline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.servlet.http.Cookie;

import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.platform.Role;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** What each role may open: reps work their own leads, managers see the team, only owners run the settings. */
@RidgelineTest
class RolePermissionIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityService identity;

    @Autowired
    LeadsService leads;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    Fixtures.Company company;
    User rep;
    User otherRep;
    User manager;
    Lead repLead;
    Lead otherRepLead;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(identity, jdbc);
        company = fixtures.company("Roles Roofing");
        rep = fixtures.user(company, Role.REP, "Rhea Rep");
        otherRep = fixtures.user(company, Role.REP, "Otto Otherrep");
        manager = fixtures.user(company, Role.MANAGER, "Max Manager");
        repLead = leads.create(company.ownerActor(), lead("100 Rep Road", rep));
        otherRepLead = leads.create(company.ownerActor(), lead("200 Other Road", otherRep));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/settings/company", "/settings/users", "/settings/connections", "/settings/api-keys",
            "/settings/audit", "/settings/connections/new?type=EMAIL&provider=smtp"})
    void aRepCannotOpenOwnerPages(String page) throws Exception {
        mvc.perform(get(page).cookie(fixtures.signIn(mvc, rep))).andExpect(status().isForbidden());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/settings/company", "/settings/connections", "/settings/api-keys", "/settings/audit"})
    void aManagerCannotOpenOwnerPages(String page) throws Exception {
        mvc.perform(get(page).cookie(fixtures.signIn(mvc, manager))).andExpect(status().isForbidden());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/settings/company", "/settings/users", "/settings/connections", "/settings/api-keys",
            "/settings/audit", "/settings/profile", "/outbox", "/map", "/leads", "/inbox", "/sequences", "/analytics"})
    void anOwnerOpensEveryPage(String page) throws Exception {
        mvc.perform(get(page).cookie(fixtures.signIn(mvc, company.owner()))).andExpect(status().isOk());
    }

    @Test
    void aRepSeesOnlyTheirOwnLeads() throws Exception {
        Cookie session = fixtures.signIn(mvc, rep);
        mvc.perform(get("/leads/" + repLead.id()).cookie(session)).andExpect(status().isOk());
        mvc.perform(get("/leads/" + otherRepLead.id()).cookie(session)).andExpect(status().isNotFound());
        mvc.perform(post("/leads/" + otherRepLead.id() + "/stage").param("stage", "LOST").cookie(session).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/leads").cookie(session))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("100 Rep Road")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("200 Other Road"))));
        mvc.perform(get("/map/leads.geojson").cookie(session))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("200 Other Road"))));
    }

    @Test
    void aRepWorksTheirOwnLeadButCannotReassignIt() throws Exception {
        Cookie session = fixtures.signIn(mvc, rep);
        mvc.perform(post("/leads/" + repLead.id() + "/stage").param("stage", "CONTACTED").cookie(session).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(leads.get(fixtures.actor(rep), repLead.id()).stage().name()).isEqualTo("CONTACTED");
        mvc.perform(post("/leads/" + repLead.id() + "/assign").param("ownerId", otherRep.id().toString())
                .cookie(session).with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void aManagerSeesEveryLeadAndTheTeamButCannotInvite() throws Exception {
        Cookie session = fixtures.signIn(mvc, manager);
        mvc.perform(get("/leads/" + otherRepLead.id()).cookie(session)).andExpect(status().isOk());
        mvc.perform(get("/settings/users").cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Otto Otherrep")));
        mvc.perform(post("/settings/users").param("email", Fixtures.email("x")).param("name", "X").param("role", "REP")
                .cookie(session).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/leads/" + repLead.id() + "/assign").param("ownerId", otherRep.id().toString())
                .cookie(session).with(csrf())).andExpect(status().is3xxRedirection());
    }

    @Test
    void ownersInviteByEmailAndTheInvitationIsAudited() throws Exception {
        Cookie session = fixtures.signIn(mvc, company.owner());
        String email = Fixtures.email("newrep");
        mvc.perform(post("/settings/users").param("email", email).param("name", "Nia New").param("phone", "615-555-0142")
                .param("role", "REP").cookie(session).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(fixtures.lastMessageTo(email)).contains("invited you to");
        assertThat(jdbc.sql("select count(*) from identity.audit_event where tenant_id = :t and action = 'user.invited'")
                .param("t", company.id().value()).query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void anInvitationWithBadInputSaysWhichFieldIsWrong() throws Exception {
        Cookie session = fixtures.signIn(mvc, company.owner());
        mvc.perform(post("/settings/users").param("email", "not-an-email").param("name", "").param("phone", "12")
                        .param("role", "REP").cookie(session).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Email 'not-an-email' is not an email address")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Name is required")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("is not a valid phone number")));
    }

    @Test
    void disablingAUserEndsTheirSessionAtOnce() throws Exception {
        Cookie session = fixtures.signIn(mvc, rep);
        mvc.perform(get("/leads").cookie(session)).andExpect(status().isOk());
        identity.disable(company.ownerActor(), rep.id());
        mvc.perform(get("/leads").cookie(session)).andExpect(status().is3xxRedirection());
    }

    @Test
    void theLastOwnerCannotBeDemoted() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> identity.changeRole(fixtures.actor(identity.findUser(company.id(), company.owner().id()).orElseThrow()),
                                company.owner().id(), Role.REP))
                .hasMessageContaining("at least one owner");
    }

    private static NewLead lead(String address, User owner) {
        return new NewLead(address, "Nashville", "TN", "37203", "Pat Homeowner", 36.16, -86.78, owner.id(), null);
    }
}

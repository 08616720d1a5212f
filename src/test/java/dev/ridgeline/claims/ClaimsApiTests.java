package dev.ridgeline.claims;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.identity.ApiKeyService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;
import tools.jackson.databind.json.JsonMapper;

/** The claims API checks what the pages check: the money's arithmetic, the status moves, the supplements. */
@RidgelineTest
class ClaimsApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    IdentityService identity;

    @Autowired
    ApiKeyService keys;

    @Autowired
    LeadsService leads;

    @Autowired
    JdbcClient jdbc;

    @Test
    void recordMoveAndSupplementAClaimOverTheApi() throws Exception {
        Fixtures.Company company = new Fixtures(identity, jdbc).company(Fixtures.unique("Api Claims"));
        UUID lead = leads.create(company.ownerActor(), new NewLead("9 Pine St", "Nashville", "TN", "37210", "Lee Ortiz",
                36.15, -86.77, null, null)).id();
        String token = "Bearer " + keys.create(company.ownerActor(), "claims", ApiKeyScope.WRITE).token();
        String bad = """
                {"status":"FILED","claim":{"carrier":"Allstate","claimNumber":"A-1","dateOfLoss":"2026-05-10",
                 "rcv":10000,"acv":8000,"recoverableDepreciation":1000,"nonRecoverableDepreciation":0,"deductible":-1}}""";
        mvc.perform(post("/api/v1/leads/" + lead + "/claim").header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content(bad))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.deductible").value("deductible cannot be negative ($-1)"));
        mvc.perform(get("/api/v1/leads/" + lead + "/claim").header("Authorization", token)).andExpect(status().isNotFound());

        String good = bad.replace("\"deductible\":-1", "\"deductible\":1000").replace("\"acv\":8000", "\"acv\":9000");
        String created = mvc.perform(post("/api/v1/leads/" + lead + "/claim").header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content(good))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("FILED"))
                .andExpect(jsonPath("$.money.rcv").value(10000.00))
                .andExpect(jsonPath("$.filingDeadline").value("2027-05-10"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonMapper.builder().build().readTree(created).get("id").asString();

        mvc.perform(post("/api/v1/claims/" + id + "/status").header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"PAID\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.status").value(org.hamcrest.Matchers.startsWith(
                        "a claim that is Filed cannot become Paid")));
        mvc.perform(post("/api/v1/claims/" + id + "/status").header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"APPROVED\",\"note\":\"adjuster ok\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
        mvc.perform(post("/api/v1/claims/" + id + "/supplements").header("Authorization", token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"description\":\"Ice and water shield\",\"quantity\":2,\"unit\":\"SQ\",\"unitPrice\":95.5}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("requested"));
        mvc.perform(put("/api/v1/claims/" + id).header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rcv\":10000,\"acv\":9000,\"recoverableDepreciation\":500}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.rcv").exists());
        mvc.perform(get("/api/v1/claims?status=SUPPLEMENT_PENDING").header("Authorization", token))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].id").value(id));
    }
}

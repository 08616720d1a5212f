package dev.ridgeline.signals;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/**
 * A Socrata permit dataset synced against a WireMock portal answering like SODA 2.x (reference/PROVIDERS.md 11.3):
 * paging with $limit/$offset and a stable $order, the app token header, the source's $where, and an incremental
 * second sync that asks only for records newer than the last one seen.
 */
@RidgelineTest
@org.springframework.test.context.TestPropertySource(properties = "ridgeline.socrata.page-size=2")
class SocrataSyncContractTests {

    static final WireMockServer portal = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        portal.start();
    }

    @AfterAll
    static void stop() {
        portal.stop();
    }

    @Autowired
    SignalsService signals;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        portal.resetAll();
        company = new Fixtures(identity, jdbc).company(Fixtures.unique("Soda Roofing"));
        signals.savePermitProfile(company.ownerActor(), new PermitProfile("springfield-soda", "permit_number",
                "permit_type", null, List.of("work_description"), "address", null, null, "zip_code", "latitude",
                "longitude", null, "issue_date", PermitProfile.DateFormat.ISO_DATE, "reported_cost", "contractor_name",
                null, "IL", ZoneId.of("America/Chicago")));
    }

    @Test
    void syncsEveryPageThenOnlyWhatIsNew() {
        String where = "upper(work_description) like '%ROOF%'";
        page(0, where, """
                [{"permit_number":"P-1","permit_type":"RESIDENTIAL","work_description":"TEAR OFF AND REROOF",
                  "address":"100 N 5th St","zip_code":"62701","issue_date":"2026-06-01T00:00:00.000",
                  "latitude":"39.8017","longitude":"-89.6436","reported_cost":"12000","contractor_name":"ACME ROOFING",
                  "location":{"type":"Point","coordinates":[-89.6436,39.8017]}},
                 {"permit_number":"P-2","permit_type":"RESIDENTIAL","work_description":"ROOF REPAIR AFTER HAIL",
                  "address":"102 N 5th St","zip_code":"62701","issue_date":"2026-06-02T00:00:00.000"}]""");
        page(2, where, """
                [{"permit_number":"P-3","permit_type":"RESIDENTIAL","work_description":"REROOF, NEW DECKING",
                  "address":"104 N 5th St","issue_date":"2026-06-03T00:00:00.000"}]""");
        SocrataSource source = signals.addSocrataSource(company.ownerActor(), "Springfield permits",
                portal.baseUrl().replace("localhost", "127.0.0.1") + "/resource/ab12-cd34.json", where, "issue_date",
                "springfield-soda", "app-token-123");
        assertThat(source.hasAppToken()).isTrue();

        ImportSummary first = signals.syncSocrata(company.ownerActor(), source.id());
        assertThat(first.read()).isEqualTo(3);
        assertThat(first.stored()).isEqualTo(3);
        portal.verify(2, getRequestedFor(urlPathEqualTo("/resource/ab12-cd34.json"))
                .withHeader("X-App-Token", equalTo("app-token-123")).withQueryParam("$order", equalTo("issue_date,:id")));
        Permit p1 = signals.permits(company.ownerActor(), null, null, null, "100 N 5th Street", 5).getFirst();
        assertThat(p1.source()).isEqualTo("springfield-soda");
        assertThat(p1.category()).isEqualTo(PermitCategory.REROOF);
        assertThat(p1.issuedOn()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(p1.state()).isEqualTo("IL");
        SocrataSource after = signals.socrataSources(company.ownerActor()).getFirst();
        assertThat(after.lastValue()).isEqualTo("2026-06-03T00:00:00.000");
        assertThat(after.lastFailure()).isNull();

        String since = "(" + where + ") AND issue_date > '2026-06-03T00:00:00.000'";
        page(0, since, """
                [{"permit_number":"P-4","permit_type":"RESIDENTIAL","work_description":"STORM DAMAGE ROOF REPLACEMENT",
                  "address":"106 N 5th St","issue_date":"2026-06-09T00:00:00.000"}]""");
        ImportSummary second = signals.syncSocrata(company.ownerActor(), source.id());
        assertThat(second.read()).isEqualTo(1);
        assertThat(second.stored()).isEqualTo(1);
        assertThat(signals.socrataSources(company.ownerActor()).getFirst().lastValue()).isEqualTo("2026-06-09T00:00:00.000");
    }

    @Test
    void aPortalErrorFailsTheImportWithItsReasonAndKeepsThePlace() {
        portal.stubFor(get(urlPathEqualTo("/resource/ab12-cd34.json")).willReturn(aResponse().withStatus(429)));
        SocrataSource source = signals.addSocrataSource(company.ownerActor(), "Throttled",
                "http://127.0.0.1:" + portal.port() + "/resource/ab12-cd34.json", null, "issue_date", "springfield-soda", null);
        ImportSummary s = signals.syncSocrata(company.ownerActor(), source.id());
        assertThat(s.fileRead()).isFalse();
        assertThat(s.errors().getFirst().reason()).contains("429");
        SocrataSource after = signals.socrataSources(company.ownerActor()).getFirst();
        assertThat(after.lastFailure()).contains("429");
        assertThat(after.lastValue()).isNull();
    }

    @Test
    void badSourcesAreRefusedFieldByField() {
        assertThatThrownBy(() -> signals.addSocrataSource(company.ownerActor(), "", "https://example.com/data.csv", null,
                "issue date", "nowhere", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("name", "datasetUrl", "dateField", "profile"));
    }

    private static void page(int offset, String where, String json) {
        portal.stubFor(get(urlPathEqualTo("/resource/ab12-cd34.json")).withQueryParam("$limit", equalTo("2"))
                .withQueryParam("$offset", equalTo(String.valueOf(offset))).withQueryParam("$where", equalTo(where))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(json)));
    }
}

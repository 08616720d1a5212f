package dev.ridgeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.property.Contact;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.ImportStatus;
import dev.ridgeline.signals.ImportSummary;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** The demo region loads whole, through the ordinary imports, with fictitious people, and a second load changes nothing. */
@RidgelineTest
class DemoRegionIntegrationTests {

    @Autowired
    DemoRegion demo;

    @Autowired
    SignalsService signals;

    @Autowired
    PropertyService properties;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void loadsEveryFileAndTheMapAndListsAreAlive() {
        Fixtures.Company company = new Fixtures(identity, jdbc).company(Fixtures.unique("Demo"));
        List<ImportSummary> first = demo.load(company.id(), null, (f, s) -> { });
        assertThat(first).hasSize(DemoRegion.FILES.size()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(ImportStatus.DONE);
            assertThat(s.stored()).isPositive();
        });
        var actor = company.ownerActor();
        assertThat(signals.stormDays(actor, 10)).extracting(d -> d.date())
                .contains(LocalDate.of(2013, 5, 19), LocalDate.of(2013, 5, 20));
        assertThat(properties.count(actor)).isGreaterThan(1000);
        assertThat(properties.within(actor, new GeoPoint(33.7480, -84.3500), 0.5, 10_000)).hasSizeGreaterThan(300);

        var home = properties.search(actor, "1032 Manigault St SE", 1).getFirst();
        List<Contact> people = properties.details(actor, home.id()).contacts();
        assertThat(people).singleElement().satisfies(c -> {
            assertThat(c.fictitious()).isTrue();
            assertThat(c.fullName()).isEqualTo("Avery Inventa");
        });
        // No permit record's people appear as contacts: every contact is from the fictitious list.
        assertThat(jdbc.sql("select count(*) from property.contact where tenant_id = :t and not fictitious")
                .param("t", company.id().value()).query(Long.class).single()).isZero();

        List<ImportSummary> again = demo.load(company.id(), null, (f, s) -> { });
        assertThat(again).allSatisfy(s -> {
            assertThat(s.stored()).isZero();
            assertThat(s.updated()).isZero();
        });
    }
}

package dev.ridgeline.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** Scores are derived data: a company whose scores are missing at start (a migration, a restore) is analysed again. */
@RidgelineTest
class InsightJobsTests {

    @Autowired
    InsightJobs.Triggers triggers;

    @Autowired
    InsightPasses passes;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCompanyWithHomesButNoScoresAtStartGetsAFullPass() {
        Fixtures.Company company = new Fixtures(identity, jdbc).company(Fixtures.unique("Restored Roofing"));
        // A home written straight into the graph, as a restore would: no import event schedules anything.
        dev.ridgeline.platform.GeoPoint p = new dev.ridgeline.platform.GeoPoint(41.07, -94.83);
        jdbc.sql("""
                insert into property.property (tenant_id, id, address, address_key, unit_key, house_number, city, state,
                  postal_code, latitude, longitude, h3_r7, h3_r8, h3_r9, location_source, created_at, updated_at)
                values (:t, gen_random_uuid(), '1 Restore Rd', '1 RESTORE RD', '', '1', 'Carbon', 'IA', '50839', 41.07,
                  -94.83, :r7, :r8, :r9, 'TEST', now(), now())""")
                .param("t", company.id().value()).param("r7", p.cell(7)).param("r8", p.cell(8))
                .param("r9", p.cell(9)).update();
        assertThat(passes.full(company.id()).homes()).isEqualTo(1);

        triggers.onStart();
        assertThat(scheduled(company)).as("scores exist: nothing to do").isZero();

        jdbc.sql("delete from insight.home_score where tenant_id = :t").param("t", company.id().value()).update();
        triggers.onStart();
        assertThat(scheduled(company)).isEqualTo(1);
    }

    private int scheduled(Fixtures.Company company) {
        return jdbc.sql("select count(*) from platform.scheduled_tasks where task_name = 'insight-full'"
                + " and task_instance like :t").param("t", company.id().value() + "-%").query(Integer.class).single();
    }
}

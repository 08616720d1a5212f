package dev.ridgeline.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** Area claim counts by ZIP or tract and period: stored on their natural key, read back by period and area. */
@RidgelineTest
class ClaimImportIntegrationTests {

    @Autowired
    SignalsService signals;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void monthsDaysAndPeriodsAreStoredAndAReimportOnlyUpdatesWhatChanged() throws Exception {
        var company = new Fixtures(identity, jdbc).company(Fixtures.unique("Claims Roofing"));
        Path f = Files.writeString(dir.resolve("claims.csv"), """
                zip,period_start,period_end,peril,claims,source
                30316,2026-05-01,2026-05-31,Hail,41,carrier bulletin
                30316,2026-05-01,2026-05-31,Wind,9,carrier bulletin
                30317,2026-05-10,2026-05-01,Hail,3,x
                30318,2026-05-01,2026-05-31,Hail,-2,x
                30316,2026-05-01,2026-05-31,HAIL,40,duplicate
                """);
        ImportSummary s = signals.importFile(company.ownerActor(), ImportKind.CLAIMS, f, "claims.csv", ImportOptions.NONE);
        assertThat(s.stored()).isEqualTo(2);
        assertThat(s.errors()).extracting(RowProblem::line, RowProblem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4L, "the period ends before it starts"),
                org.assertj.core.groups.Tuple.tuple(5L, "a count of claims cannot be negative"),
                org.assertj.core.groups.Tuple.tuple(6L, "duplicate of line 2"));
        var may = signals.areaClaims(company.ownerActor(), "30316", LocalDate.of(2026, 5, 15), LocalDate.of(2026, 5, 15), 10);
        assertThat(may).extracting(AreaClaims::peril, AreaClaims::claims).containsExactly(
                org.assertj.core.groups.Tuple.tuple("HAIL", 41), org.assertj.core.groups.Tuple.tuple("WIND", 9));
        assertThat(signals.areaClaims(company.ownerActor(), null, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30), 10))
                .isEmpty();

        Files.writeString(f, "zip,month,peril,claims,source\n30316,2026-05,Hail,44,carrier bulletin\n"
                + "30316,2026-05,Wind,9,carrier bulletin\n");
        ImportSummary again = signals.importFile(company.ownerActor(), ImportKind.CLAIMS, f, "claims.csv", ImportOptions.NONE);
        assertThat(again.updated()).isEqualTo(1);
        assertThat(again.unchanged()).isEqualTo(1);
    }
}

package dev.ridgeline.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.ImportStatus;
import dev.ridgeline.signals.ImportSummary;
import dev.ridgeline.signals.RowProblem;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** Claims from a CSV: bad rows reported by line, column and reason, the good ones kept, a second run changes nothing. */
@RidgelineTest
class ClaimsImportTests {

    @Autowired
    SignalsService signals;

    @Autowired
    ClaimsService claims;

    @Autowired
    IdentityService identity;

    @Autowired
    LeadsService leads;

    @Autowired
    JdbcClient jdbc;

    @Test
    void badRowsAreReportedGoodRowsKeptAndARerunChangesNothing(@TempDir Path dir) throws Exception {
        Fixtures.Company company = new Fixtures(identity, jdbc).company(Fixtures.unique("Import Claims"));
        UUID elm = lead(company, "2210 Elm Hill Pike", "37210");
        UUID oak = lead(company, "14 Oak St", "37206");
        UUID pine = lead(company, "9 Pine St", "37206");
        UUID twin = lead(company, "5 Main St", "37206");
        lead(company, "5 Main St", "37212");
        // Pine already has a claim, entered by hand with an adjuster: the import must not lose it.
        claims.open(company.ownerActor(), pine, new ClaimDraft("Allstate", null, "AL-77", null, null, "Dana Adjuster",
                null, null, null, null, null, null, null, null, null, null, null, null), ClaimStatus.FILED, "entered");

        Path csv = dir.resolve("claims.csv");
        Files.writeString(csv, String.join("\n",
                "Address,ZIP,Carrier,Claim #,Date of Loss,Status,RCV,ACV,Recoverable Depreciation,Deductible,Adjuster",
                "2210 Elm Hill Pike,37210,State Farm,SF-1,5/10/2026,Approved,\"$15,000.00\",11500,3500,1000,Lee Park",
                "14  oak st,,USAA,US-2,2026-05-11,Filed,0,0,0,500,",
                "77 Nowhere Rd,37206,USAA,US-3,2026-05-11,Filed,0,0,0,0,",
                "5 Main St,,USAA,US-4,2026-05-11,Filed,0,0,0,0,",
                "9 Pine St,37206,Allstate,AL-77,2026-05-12,Filed,19000,15000,4000,1000,",
                "2210 Elm Hill Pike,37210,State Farm,SF-9,2026-05-10,Filed,0,0,0,0,",
                "5 Main St,37206,Farmers,FA-5,tomorrow-ish,Pending,10,10,0,-5,") + "\n");
        ImportSummary first = signals.importFile(company.ownerActor(), ImportKind.CLAIM_RECORDS, csv, "claims.csv",
                ImportOptions.NONE);
        assertThat(first.status()).isEqualTo(ImportStatus.DONE);
        assertThat(first.read()).isEqualTo(7);
        assertThat(first.errors()).extracting(RowProblem::line, RowProblem::column).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(4L, "address"), org.assertj.core.groups.Tuple.tuple(5L, "address"),
                org.assertj.core.groups.Tuple.tuple(7L, "address"), org.assertj.core.groups.Tuple.tuple(8L, "dateOfLoss"));
        assertThat(first.errors()).anySatisfy(p -> assertThat(p.reason()).isEqualTo("no lead at 77 Nowhere Rd 37206"));
        assertThat(first.errors()).anySatisfy(p -> assertThat(p.reason())
                .isEqualTo("more than one lead at 5 Main St; add the ZIP or the lead id"));
        assertThat(first.errors()).anySatisfy(p -> assertThat(p.reason()).isEqualTo("the same lead as line 2"));
        assertThat(first.errors()).anySatisfy(p -> assertThat(p.reason()).contains("'tomorrow-ish' is not a date")
                .contains("'Pending' is not a claim status").contains("deductible cannot be negative"));
        assertThat(first.rejected()).isEqualTo(4);
        assertThat(first.stored()).isEqualTo(2);
        assertThat(first.updated()).isEqualTo(1);

        Claim e = claims.forLead(company.ownerActor(), elm).orElseThrow();
        assertThat(e.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThat(e.money().rcv()).isEqualByComparingTo("15000.00");
        assertThat(e.dateOfLoss()).isEqualTo(java.time.LocalDate.of(2026, 5, 10));
        assertThat(e.adjusterName()).isEqualTo("Lee Park");
        assertThat(claims.forLead(company.ownerActor(), oak).orElseThrow().claimNumber()).isEqualTo("US-2");
        assertThat(leads.get(company.ownerActor(), oak).stage()).isEqualTo(LeadStage.CLAIM_FILED);
        assertThat(claims.forLead(company.ownerActor(), twin)).isEmpty();
        Claim p = claims.forLead(company.ownerActor(), pine).orElseThrow();
        assertThat(p.money().rcv()).isEqualByComparingTo("19000.00");
        assertThat(p.dateOfLoss()).isEqualTo(java.time.LocalDate.of(2026, 5, 12));

        ImportSummary again = signals.importFile(company.ownerActor(), ImportKind.CLAIM_RECORDS, csv, "claims.csv",
                ImportOptions.NONE);
        assertThat(again.stored()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(again.rejected()).isEqualTo(4);
        assertThat(claims.history(company.ownerActor(), e.id())).hasSize(1);
    }

    @Test
    void columnsUnderOtherNamesAreMappedByTheImport(@TempDir Path dir) throws Exception {
        Fixtures.Company company = new Fixtures(identity, jdbc).company(Fixtures.unique("Mapped Claims"));
        UUID elm = lead(company, "2210 Elm Hill Pike", "37210");
        Path csv = dir.resolve("crm-export.csv");
        Files.writeString(csv, "Property,Insurer Name,Ref,Loss Date\n2210 Elm Hill Pike,Travelers,TR-9,2026-04-02\n");
        ImportSummary unmapped = signals.importFile(company.ownerActor(), ImportKind.CLAIM_RECORDS, csv, "crm.csv",
                ImportOptions.NONE);
        assertThat(unmapped.status()).isEqualTo(ImportStatus.FAILED);
        ImportSummary badField = signals.importFile(company.ownerActor(), ImportKind.CLAIM_RECORDS, csv, "crm.csv",
                ImportOptions.columns(java.util.List.of("address=Property", "insurer=Insurer Name")));
        assertThat(badField.status()).isEqualTo(ImportStatus.FAILED);
        ImportSummary mapped = signals.importFile(company.ownerActor(), ImportKind.CLAIM_RECORDS, csv, "crm.csv",
                ImportOptions.columns(java.util.List.of("address=Property", "carrier=Insurer Name", "claimNumber=Ref",
                        "dateOfLoss=Loss Date")));
        assertThat(mapped.status()).isEqualTo(ImportStatus.DONE);
        assertThat(mapped.stored()).isEqualTo(1);
        Claim c = claims.forLead(company.ownerActor(), elm).orElseThrow();
        assertThat(c.carrier()).isEqualTo("Travelers");
        assertThat(c.claimNumber()).isEqualTo("TR-9");
        assertThat(c.dateOfLoss()).isEqualTo(java.time.LocalDate.of(2026, 4, 2));
    }

    UUID lead(Fixtures.Company company, String address, String zip) {
        return leads.create(company.ownerActor(), new NewLead(address, "Nashville", "TN", zip, "Pat Jones", 36.16,
                -86.78, null, null)).id();
    }
}

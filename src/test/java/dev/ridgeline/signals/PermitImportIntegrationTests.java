package dev.ridgeline.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.identity.ApiKeyService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** Building permits in through a column-mapping profile, classified, idempotent, with every bad row reported. */
@RidgelineTest
class PermitImportIntegrationTests {

    static final Path PERMITS = Path.of("src/test/resources/data/permits");

    @Autowired
    MockMvc mvc;

    @Autowired
    SignalsService signals;

    @Autowired
    IdentityService identity;

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    Fixtures.Company company;

    @BeforeEach
    void setUp() {
        company = new Fixtures(identity, jdbc).company("Permit Roofing");
    }

    @Test
    void importsNashvilleByItsHeaderAndARerunChangesNothing() throws Exception {
        ImportSummary s = importFile(Path.of("src/test/resources/data/permits"), "nashville_permits_sample.csv", null);
        assertThat(s.fileRead()).isTrue();
        assertThat(s.read()).isEqualTo(1500);
        assertThat(s.stored() + s.rejected()).isEqualTo(1500);
        assertThat(s.rejected()).isLessThan(5);
        Permit any = signals.permits(company.ownerActor(), PermitCategory.REROOF, null, null, null, 500).getFirst();
        assertThat(any.source()).isEqualTo("nashville");
        assertThat(any.state()).isEqualTo("TN");
        assertThat(any.categoryReason()).isNotBlank();
        assertThat(signals.permits(company.ownerActor(), PermitCategory.REROOF, null, null, null, 500)).hasSizeGreaterThan(20);
        // Every value of the first row as the file has it, through the binary staging: text, place, dates, money.
        Permit first = signals.permits(company.ownerActor(), null, null, null, null, 2_000).stream()
                .filter(p -> p.permitNumber().equals("2023023374")).findFirst().orElseThrow();
        assertThat(first.permitType()).isEqualTo("Building Residential - Addition");
        assertThat(first.subtype()).isEqualTo("Single Family Residence");
        assertThat(first.address()).isEqualTo("1916 18TH AVE S");
        assertThat(first.postalCode()).isEqualTo("37212");
        assertThat(first.latitude()).isEqualTo(36.13401421);
        assertThat(first.longitude()).isEqualTo(-86.79676712);
        assertThat(first.filedOn()).isEqualTo(java.time.LocalDate.of(2023, 4, 11));
        assertThat(first.issuedOn()).isNull();
        assertThat(first.valuation()).isEqualByComparingTo("0");
        assertThat(first.contractor()).isEqualTo("MAKER CONSTRUCTION LLC");
        assertThat(jdbc.sql("select h3_r9 from signals.permit where permit_number = '2023023374' and tenant_id = :t")
                .param("t", company.id().value()).query(Long.class).single())
                .isEqualTo(com.uber.h3core.H3Core.newInstance().latLngToCell(36.13401421, -86.79676712, 9));
        assertThat(signals.permits(company.ownerActor(), null, null, null, null, 2_000)).filteredOn(p ->
                p.valuation() != null && p.valuation().scale() > 0 && p.valuation().signum() > 0).isNotEmpty();

        ImportSummary again = importFile(Path.of("src/test/resources/data/permits"), "nashville_permits_sample.csv", null);
        assertThat(again.stored()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(s.stored());
    }

    @Test
    void importsSanAntonioAndClassifiesItsReRoofPermits() {
        ImportSummary s = importFile("san_antonio_permits_sample.csv", signals.permitProfile("san-antonio"));
        assertThat(s.fileRead()).isTrue();
        assertThat(s.stored() + s.rejected()).isEqualTo(s.read());
        long reRoofType = jdbc.sql("select count(*) from signals.permit where tenant_id = :t and permit_type = 'Re-Roof Permit'")
                .param("t", company.id().value()).query(Long.class).single();
        long classified = jdbc.sql("""
                select count(*) from signals.permit
                where tenant_id = :t and permit_type = 'Re-Roof Permit' and category = 'REROOF'""")
                .param("t", company.id().value()).query(Long.class).single();
        assertThat(reRoofType).isGreaterThan(40);
        assertThat(classified).isGreaterThanOrEqualTo(reRoofType * 9 / 10);
        Permit p = signals.permits(company.ownerActor(), PermitCategory.REROOF, LocalDate.of(2023, 1, 1),
                LocalDate.of(2023, 3, 31), null, 1).getFirst();
        assertThat(p.postalCode()).matches("\\d{5}");
        assertThat(p.state()).isEqualTo("TX");
    }

    @Test
    void badRowsAreReportedWithLineAndColumnAndGoodRowsKept() throws Exception {
        Path f = Files.writeString(dir.resolve("permits.csv"), String.join("\n",
                "Permit__,Permit_Type_Description,Permit_Subtype_Description,Parcel,Date_Entered,Date_Issued,Const_Cost,Address,City,State,Subdivision_Lot,Contact,Per_Ty,Per_SubTy,IVR_Trk_,Purpose,Council_Dist,Lon,Lat,ObjectId,ZIP",
                "A1,Building Residential - Roofing / Siding,Single Family Residence,1,1681189200000,,9000,12 Main St,NASHVILLE,TN,,ACME ROOFING,,,,Remove and replace shingles,1,-86.79,36.13,1,37212",
                ",Building Residential - Roofing / Siding,Single Family Residence,1,1681189200000,,9000,13 Main St,NASHVILLE,TN,,,,,,x,1,-86.79,36.13,2,37212",
                "A3,Building Residential - New,Single Family Residence,1,yesterday,,9000,14 Main St,NASHVILLE,TN,,,,,,x,1,-86.79,36.13,3,37212",
                "A4,Building Residential - New,Single Family Residence,1,1681189200000,,-5,15 Main St,NASHVILLE,TN,,,,,,x,1,-86.79,36.13,4,37212",
                "A5,Building Residential - New,Single Family Residence,1,1681189200000,,5,16 Main St,NASHVILLE,TN,,,,,,x,1,-86.79,96.13,5,37212",
                "A6,Building Residential - New,Single Family Residence,1,1681189200000,,5,,NASHVILLE,TN,,,,,,x,1,-86.79,36.13,6,37212",
                "A1,Building Residential - Roofing / Siding,Single Family Residence,1,1681189200000,,9000,12 Main St,NASHVILLE,TN,,ACME ROOFING,,,,Remove and replace shingles,1,-86.79,36.13,1,37212",
                "A8,Building Residential - Rehab,Single Family Residence",
                ""));
        ImportSummary s = signals.importPermits(company.ownerActor(), f, "permits.csv", null);
        assertThat(s.read()).isEqualTo(8);
        assertThat(s.stored()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(7);
        assertThat(s.errors()).containsExactly(
                new RowProblem(3, "Permit__", "no permit number"),
                new RowProblem(4, "Date_Entered", "'yesterday' is not a date (milliseconds since 1970)"),
                new RowProblem(5, "Const_Cost", "-5 is not a plausible valuation"),
                new RowProblem(6, "Lat", "latitude 96.13 is outside -90..90"),
                new RowProblem(7, "Address", "no address"),
                new RowProblem(8, null, "duplicate of line 2"),
                new RowProblem(9, "Address", "no address"));
        Permit stored = signals.permits(company.ownerActor(), null, null, null, "12 Main Street", 5).getFirst();
        assertThat(stored.category()).isEqualTo(PermitCategory.REROOF);
        assertThat(stored.filedOn()).isEqualTo(LocalDate.of(2023, 4, 11));
    }

    @Test
    void aFileOfAnotherLayoutFailsWithAReason() throws Exception {
        Path f = Files.writeString(dir.resolve("other.csv"), "Number,Kind\n1,Roof\n");
        ImportSummary s = signals.importPermits(company.ownerActor(), f, "other.csv", null);
        assertThat(s.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(s.errors().getFirst().reason()).startsWith("the header matches no known permit layout");
        ImportSummary named = signals.importPermits(company.ownerActor(), f, "other.csv", signals.permitProfile("nashville"));
        assertThat(named.errors().getFirst().reason()).isEqualTo("column 'Permit__' of profile nashville is not in the header (line 1)");
    }

    @Test
    void theApiImportsAndFiltersPermits() throws Exception {
        String token = keys.create(company.ownerActor(), "permits", ApiKeyScope.WRITE).token();
        mvc.perform(post("/api/v1/imports/permits").param("fileName", "sa.csv").param("profile", "san-antonio")
                        .header("Authorization", "Bearer " + token).contentType("text/csv")
                        .content(Files.readAllBytes(PERMITS.resolve("san_antonio_permits_sample.csv"))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DONE"));
        mvc.perform(get("/api/v1/permits").param("category", "REROOF").param("limit", "5")
                        .header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(5))
                .andExpect(jsonPath("$[0].category").value("REROOF"));
        mvc.perform(post("/api/v1/imports/permits").param("profile", "atlantis")
                        .header("Authorization", "Bearer " + token).contentType("text/csv").content("x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.profile").value(org.hamcrest.Matchers.startsWith("'atlantis' is not a permit profile")));
    }

    @Test
    void aCompanySavesItsOwnColumnMappingAndFilesInThatLayoutAreRecognised() throws Exception {
        String token = keys.create(company.ownerActor(), "profiles", ApiKeyScope.WRITE).token();
        mvc.perform(post("/api/v1/permit-profiles").header("Authorization", "Bearer " + token)
                        .contentType("application/json").content("""
                                {"name":"franklin-tn","number":"PermitNo","type":"Kind","description":["Work"],
                                 "address":"SiteAddress","postalCode":"Zip","issued":"Issued","dates":"US_DATE",
                                 "contractor":"Builder","defaultState":"TN","zone":"America/Chicago"}"""))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("franklin-tn"));
        mvc.perform(post("/api/v1/permit-profiles").header("Authorization", "Bearer " + token)
                        .contentType("application/json").content("{\"name\":\"nashville\",\"dates\":\"ISO_DATE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.name").value("'nashville' is a built-in profile; choose another name"))
                .andExpect(jsonPath("$.errors.number").exists());
        mvc.perform(get("/api/v1/permit-profiles").header("Authorization", "Bearer " + token))
                .andExpect(jsonPath("$[2].name").value("franklin-tn"));

        Path f = Files.writeString(dir.resolve("franklin.csv"), """
                PermitNo,Kind,Work,SiteAddress,Zip,Issued,Builder
                F-1001,Residential Roofing,Tear off and re-roof with architectural shingles,12 Main St,37064,3/14/2026,Acme Roofing
                F-1002,Residential Pool,Inground pool,14 Main St,37064,3/15/2026,Blue Pools
                """);
        ImportSummary s = signals.importPermits(company.ownerActor(), f, "franklin.csv", null);
        assertThat(s.stored()).as("recognised by its header among the company's own layouts").isEqualTo(2);
        Permit roof = signals.permits(company.ownerActor(), PermitCategory.REROOF, null, null, "12 Main Street", 5).getFirst();
        assertThat(roof.source()).isEqualTo("franklin-tn");
        assertThat(roof.state()).isEqualTo("TN");
        assertThat(roof.issuedOn()).isEqualTo(LocalDate.of(2026, 3, 14));

        var other = new Fixtures(identity, jdbc).company("Other Permit Roofing");
        ImportSummary elsewhere = signals.importPermits(other.ownerActor(), f, "franklin.csv", null);
        assertThat(elsewhere.fileRead()).as("another company does not see this mapping").isFalse();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .delete("/api/v1/permit-profiles/franklin-tn").header("Authorization", "Bearer " + token))
                .andExpect(status().isNoContent());
    }

    @Test
    void aLargeFileIsParsedAndMergedBatchByBatchWithDuplicatesFoundAcrossBatches() throws Exception {
        int rows = 2 * dev.ridgeline.signals.internal.PermitImporter.BATCH + 5_000;
        StringBuilder b = new StringBuilder("Permit__,Permit_Type_Description,Permit_Subtype_Description,Parcel,"
                + "Date_Entered,Date_Issued,Const_Cost,Address,City,State,Subdivision_Lot,Contact,Per_Ty,Per_SubTy,"
                + "IVR_Trk_,Purpose,Council_Dist,Lon,Lat,ObjectId,ZIP\n");
        for (int i = 1; i <= rows; i++) {
            int n = i == rows - 10 ? 7 : i; // a late row repeats permit 7 (two batches earlier)
            String entered = i == 50_000 ? "yesterday" : "1681189200000";
            b.append("B").append(n).append(",Building Residential - Roofing / Siding,Single Family Residence,1,")
                    .append(entered).append(",,9000,").append(100 + i % 9000).append(" MAIN ST,NASHVILLE,TN,,ACME,CARA,")
                    .append("CAA01R301,1,Reroof,18,-86.79,36.13,").append(i).append(",37212\n");
        }
        Path f = Files.writeString(dir.resolve("big.csv"), b);
        ImportSummary s = signals.importPermits(company.ownerActor(), f, "big.csv", signals.permitProfile("nashville"));
        assertThat(s.read()).isEqualTo(rows);
        assertThat(s.rejected()).isEqualTo(2);
        assertThat(s.stored()).isEqualTo(rows - 2);
        assertThat(s.errors()).extracting(RowProblem::line).containsExactly(50_001L, (long) rows - 10 + 1);
        assertThat(s.errors().get(1).reason()).isEqualTo("duplicate of line 8");
        assertThat(jdbc.sql("select count(*) from signals.permit where tenant_id = :t").param("t", company.id().value())
                .query(Long.class).single()).isEqualTo(rows - 2);
        ImportSummary again = signals.importPermits(company.ownerActor(), f, "big.csv", signals.permitProfile("nashville"));
        assertThat(again.unchanged()).isEqualTo(rows - 2);
        assertThat(again.stored() + again.updated()).isZero();
    }

    private ImportSummary importFile(String name, PermitProfile profile) {
        return importFile(PERMITS, name, profile);
    }

    private ImportSummary importFile(Path folder, String name, PermitProfile profile) {
        return signals.importPermits(company.ownerActor(), folder.resolve(name), name, profile);
    }
}

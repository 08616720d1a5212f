package dev.ridgeline.signals.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.signals.ImportRecord;
import dev.ridgeline.signals.ImportSummary;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.AreaClaims;
import dev.ridgeline.signals.HailTile;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.PermitCategory;
import dev.ridgeline.signals.PermitProfile;
import dev.ridgeline.signals.RowProblem;
import dev.ridgeline.signals.SocrataSource;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.signals.StormDay;
import dev.ridgeline.signals.StormKind;
import dev.ridgeline.signals.StormReport;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Imports and storm reports")
class ImportsApiController {

    private final SignalsService signals;

    ImportsApiController(SignalsService signals) {
        this.signals = signals;
    }

    @PostMapping(value = {"/imports/storms", "/imports/permits", "/imports/footprints", "/imports/contacts",
            "/imports/claims"}, consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE, "application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Import a file sent as the request body; answers when it is done",
            description = "The last path segment says what the file is: storms (SPC daily CSV, Storm Events details CSV or NEXRAD hail tiles CSV), permits, "
                    + "footprints (GeoJSON), contacts or claims. For SPC files the report date comes from fileName "
                    + "(YYMMDD_rpts_*.csv) or date; for permits, profile names a column mapping (else the header "
                    + "decides); for claim-records, column=FIELD=Header (repeatable) names a column the usual names miss. Rejected rows do not fail the request: the summary lists them with line, column "
                    + "and reason.")
    ImportSummary importFile(Actor actor, HttpServletRequest request,
            @RequestParam(defaultValue = "upload.csv") String fileName,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) @Nullable String profile,
            @RequestParam(name = "column", required = false) java.util.@Nullable List<String> columns) throws IOException {
        String uri = request.getRequestURI();
        String kind = uri.substring(uri.lastIndexOf('/') + 1);
        ImportKind what = ImportKind.named(kind);
        if (what == null) {
            throw InvalidInputException.of("kind", "'" + kind + "' is not something Ridgeline imports; use one of "
                    + String.join(", ", signals.importKinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList()));
        }
        var options = new ImportOptions(date, profile == null ? null : signals.permitProfile(actor.tenantId(), profile),
                columns == null ? java.util.Map.of() : ImportOptions.columns(columns).columns());
        return withBody(request, body -> signals.importFile(actor, what, body, Path.of(fileName).getFileName().toString(),
                options));
    }

    @GetMapping("/permits")
    @Operation(summary = "Permits, newest first; filter by category, issue date range or address")
    List<Permit> permits(Actor actor, @RequestParam(required = false) @Nullable PermitCategory category,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @Nullable String address, @RequestParam(defaultValue = "500") int limit) {
        return signals.permits(actor, category, from, to, address, limit);
    }

    @GetMapping("/permit-profiles")
    @Operation(summary = "The column-mapping profiles permit files can be imported with: built in, then the company's own")
    List<PermitProfile> profiles(Actor actor) {
        return signals.permitProfiles(actor.tenantId());
    }

    @PostMapping(value = "/permit-profiles", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Save (or replace) a column mapping for a permit source",
            description = "Fields name columns of the source's CSV header: number, type and address are required; "
                    + "description is a list of columns joined into the work description; dates is ISO_DATE, "
                    + "US_DATE or EPOCH_MILLIS; zone is the source's IANA time zone.")
    PermitProfile saveProfile(Actor actor, @org.springframework.web.bind.annotation.RequestBody PermitProfile profile) {
        return signals.savePermitProfile(actor, profile);
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/permit-profiles/{profileName}")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete one of the company's column mappings")
    void deleteProfile(Actor actor, @PathVariable String profileName) {
        signals.deletePermitProfile(actor, profileName);
    }

    /** Saves the request body to a temporary file for the import, and removes it afterwards. */
    private static ImportSummary withBody(HttpServletRequest request, java.util.function.Function<Path, ImportSummary> importer)
            throws IOException {
        Path body = Files.createTempFile("ridgeline-api-import-", ".csv");
        try (InputStream in = request.getInputStream()) {
            Files.copy(in, body, StandardCopyOption.REPLACE_EXISTING);
            return importer.apply(body);
        } finally {
            Files.deleteIfExists(body);
        }
    }

    @GetMapping("/imports")
    @Operation(summary = "Imports, newest first")
    List<ImportRecord> imports(Actor actor) {
        return signals.imports(actor);
    }

    @GetMapping("/imports/{importId}")
    @Operation(summary = "One import")
    ImportRecord importRecord(Actor actor, @PathVariable UUID importId) {
        return signals.getImport(actor, importId);
    }

    @GetMapping("/imports/{importId}/problems")
    @Operation(summary = "The rows an import did not store, with line, column and reason")
    List<RowProblem> problems(Actor actor, @PathVariable UUID importId, @RequestParam(defaultValue = "1000") int limit) {
        return signals.problems(actor, importId, Math.clamp(limit, 1, 100_000));
    }

    @GetMapping("/storm-reports")
    @Operation(summary = "Storm reports of convective days from..to (inclusive)")
    List<StormReport> storms(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @Nullable StormKind kind, @RequestParam(defaultValue = "5000") int limit) {
        return signals.storms(actor, from, to, kind, limit);
    }

    @GetMapping("/socrata-sources")
    @Operation(summary = "The company's Socrata (SODA) permit datasets and their last sync")
    List<SocrataSource> socrataSources(Actor actor) {
        return signals.socrataSources(actor);
    }

    /** A new Socrata source. */
    record NewSocrataSource(String name, String datasetUrl, @Nullable String where, @Nullable String dateField,
            String profile, @Nullable String appToken) {
    }

    @PostMapping(value = "/socrata-sources", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a Socrata permit dataset: its /resource/<id>.json URL, an optional SoQL $where, the "
            + "date field for incremental sync, the column mapping of its fields, and an optional app token")
    SocrataSource addSocrataSource(Actor actor, @org.springframework.web.bind.annotation.RequestBody NewSocrataSource s) {
        return signals.addSocrataSource(actor, s.name(), s.datasetUrl(), s.where(), s.dateField(), s.profile(), s.appToken());
    }

    @PostMapping("/socrata-sources/{sourceId}/sync")
    @Operation(summary = "Sync a Socrata source now (only records newer than the last sync); answers when done")
    ImportSummary syncSocrata(Actor actor, @PathVariable UUID sourceId) {
        return signals.syncSocrata(actor, sourceId);
    }

    @GetMapping("/hail-tiles")
    @Operation(summary = "NEXRAD hail-signature tiles (0.1 degree, detections per UTC day) of days from..to")
    List<HailTile> tiles(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "20000") int limit) {
        return signals.hailTiles(actor, from, to, limit);
    }

    @GetMapping("/area-claims")
    @Operation(summary = "Insurance-claim counts by ZIP or census tract whose period overlaps from..to")
    List<AreaClaims> claims(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @Nullable String area, @RequestParam(defaultValue = "5000") int limit) {
        return signals.areaClaims(actor, area, from, to, limit);
    }

    @GetMapping("/storm-days")
    @Operation(summary = "Days with storm reports, newest first, with counts")
    List<StormDay> days(Actor actor) {
        return signals.stormDays(actor, 365);
    }
}

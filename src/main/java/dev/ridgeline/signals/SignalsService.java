package dev.ridgeline.signals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.signals.imports.FileImporter;
import dev.ridgeline.signals.imports.ImportRuns;
import dev.ridgeline.signals.internal.PermitProfiles;
import dev.ridgeline.signals.internal.Permits;
import dev.ridgeline.signals.internal.SocrataSources;
import dev.ridgeline.signals.internal.SocrataSync;
import dev.ridgeline.signals.internal.StormReports;

/** Imports and what they brought: import records with their row problems, and storm reports. */
@Service
public class SignalsService {

    private final Map<ImportKind, FileImporter> importers = new EnumMap<>(ImportKind.class);
    private final ImportRuns runs;
    private final StormReports storms;
    private final Permits permits;
    private final PermitProfiles savedProfiles;
    private final SocrataSources socrata;
    private final SocrataSync socrataSync;
    private final TaskExecutor executor;
    private final java.time.Clock clock;

    public SignalsService(List<FileImporter> importers, ImportRuns runs, StormReports storms, Permits permits,
            PermitProfiles savedProfiles, SocrataSources socrata, SocrataSync socrataSync, TaskExecutor executor,
            java.time.Clock clock) {
        for (FileImporter i : importers) {
            if (this.importers.put(i.kind(), i) != null) {
                throw new IllegalStateException("two importers for " + i.kind());
            }
        }
        this.runs = runs;
        this.storms = storms;
        this.permits = permits;
        this.savedProfiles = savedProfiles;
        this.socrata = socrata;
        this.socrataSync = socrataSync;
        this.executor = executor;
        this.clock = clock;
    }

    /** The kinds of file this install can import (each module that owns data adds its importer). */
    public List<ImportKind> importKinds() {
        return List.copyOf(importers.keySet());
    }

    /** The built-in column-mapping profiles for permit files. */
    public List<PermitProfile> permitProfiles() {
        return PermitProfile.builtIn();
    }

    /** The built-in profiles and the company's own. */
    @Transactional(readOnly = true)
    public List<PermitProfile> permitProfiles(TenantId tenant) {
        List<PermitProfile> all = new java.util.ArrayList<>(PermitProfile.builtIn());
        all.addAll(savedProfiles.list(tenant));
        return all;
    }

    /** Finds a built-in profile by name; an {@link InvalidInputException} on {@code profile} lists the known ones. */
    public PermitProfile permitProfile(String name) {
        return find(PermitProfile.builtIn(), name);
    }

    /** Finds a built-in or saved profile of the company by name. */
    @Transactional(readOnly = true)
    public PermitProfile permitProfile(TenantId tenant, String name) {
        return find(permitProfiles(tenant), name);
    }

    private static PermitProfile find(List<PermitProfile> profiles, String name) {
        return profiles.stream().filter(p -> p.name().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> InvalidInputException.of("profile", "'" + name + "' is not a permit profile; use one of "
                        + String.join(", ", profiles.stream().map(PermitProfile::name).toList())));
    }

    /**
     * Saves (or replaces) one of the company's column mappings. The name must not be a built-in one; the permit
     * number, type and address columns are required; the name becomes the permits' source.
     */
    @Transactional
    public PermitProfile savePermitProfile(Actor actor, PermitProfile profile) {
        actor.require(Permission.DATA_IMPORT);
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (profile.name() == null || !profile.name().trim().matches("[A-Za-z0-9][A-Za-z0-9 _.-]{1,39}")) {
            errors.put("name", "2 to 40 letters, digits, spaces, dots, dashes or underscores");
        } else if (PermitProfile.builtIn().stream().anyMatch(b -> b.name().equalsIgnoreCase(profile.name().trim()))) {
            errors.put("name", "'" + profile.name() + "' is a built-in profile; choose another name");
        }
        if (profile.number() == null || profile.number().isBlank()) {
            errors.put("number", "name the column with the permit number");
        }
        if (profile.type() == null || profile.type().isBlank()) {
            errors.put("type", "name the column with the permit type");
        }
        if (profile.address() == null || profile.address().isBlank()) {
            errors.put("address", "name the column with the street address");
        }
        if (profile.dates() == null) {
            errors.put("dates", "ISO_DATE, US_DATE or EPOCH_MILLIS");
        }
        if (profile.zone() == null) {
            errors.put("zone", "the source's time zone, e.g. America/Chicago");
        }
        if ((profile.latitude() == null) != (profile.longitude() == null)) {
            errors.put("latitude", "latitude and longitude columns go together");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        PermitProfile clean = new PermitProfile(profile.name().trim(), profile.number().trim(), profile.type().trim(),
                blank(profile.subtype()), profile.description() == null ? List.of()
                        : profile.description().stream().filter(d -> d != null && !d.isBlank()).map(String::trim).toList(),
                profile.address().trim(), blank(profile.city()), blank(profile.state()), blank(profile.postalCode()),
                blank(profile.latitude()), blank(profile.longitude()), blank(profile.filed()), blank(profile.issued()),
                profile.dates(), blank(profile.valuation()), blank(profile.contractor()), blank(profile.parcel()),
                blank(profile.defaultState()), profile.zone());
        savedProfiles.save(actor.tenantId(), clean, clock.instant());
        return clean;
    }

    @Transactional
    public void deletePermitProfile(Actor actor, String name) {
        actor.require(Permission.DATA_IMPORT);
        if (!savedProfiles.delete(actor.tenantId(), name)) {
            throw new NotFoundException("permit profile", name);
        }
    }

    /** A Socrata (SODA) permit dataset to sync; the app token, if any, is kept encrypted and never shown again. */
    @Transactional
    public SocrataSource addSocrataSource(Actor actor, String name, String datasetUrl, @Nullable String where,
            @Nullable String dateField, String profile, @Nullable String appToken) {
        actor.require(Permission.DATA_IMPORT);
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > 60) {
            errors.put("name", "1 to 60 characters");
        } else if (socrata.nameTaken(actor.tenantId(), n)) {
            errors.put("name", "another source has this name");
        }
        String url = datasetUrl == null ? "" : datasetUrl.trim();
        if (!url.matches("https://[A-Za-z0-9.-]+/resource/[a-z0-9]{4}-[a-z0-9]{4}\\.json")
                && !url.matches("http://(localhost|127\\.0\\.0\\.1)(:\\d+)?/resource/[a-z0-9]{4}-[a-z0-9]{4}\\.json")) {
            errors.put("datasetUrl", "a SODA endpoint such as https://data.city.gov/resource/abcd-1234.json");
        }
        if (dateField != null && !dateField.isBlank() && !dateField.trim().matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            errors.put("dateField", "a field name of the dataset, such as issue_date");
        }
        if (where != null && where.length() > 2000) {
            errors.put("where", "at most 2,000 characters");
        }
        if (profile == null || permitProfiles(actor.tenantId()).stream().noneMatch(p -> p.name().equalsIgnoreCase(profile.trim()))) {
            errors.put("profile", "the column mapping of the dataset's fields; save one first");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UUID id = java.util.UUID.randomUUID();
        socrata.insert(actor.tenantId(), id, n, url, blank(where), blank(dateField), profile.trim(), blank(appToken),
                clock.instant());
        return socrata.find(actor.tenantId(), id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<SocrataSource> socrataSources(Actor actor) {
        actor.require(Permission.DATA_IMPORT);
        return socrata.list(actor.tenantId());
    }

    /** Syncs one source now: the records new since the last sync, imported through its column mapping. */
    public ImportSummary syncSocrata(Actor actor, UUID sourceId) {
        actor.require(Permission.DATA_IMPORT);
        socrata.find(actor.tenantId(), sourceId).orElseThrow(() -> new NotFoundException("Socrata source", sourceId));
        return socrataSync.sync(actor.tenantId(), sourceId, actor.userId());
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Imports a file now and returns its summary. Rejected rows do not fail the import; a file that cannot be read
     * at all gives a FAILED summary saying why.
     */
    public ImportSummary importFile(Actor actor, ImportKind kind, Path file, String fileName, ImportOptions options) {
        actor.require(Permission.DATA_IMPORT);
        return importFile(actor.tenantId(), actor.userId(), kind, file, fileName, options, rows -> { });
    }

    /** The same for system use (the CLI, the demo): no actor, a tenant and optionally who ran it. */
    public ImportSummary importFile(TenantId tenant, @Nullable UserId by, ImportKind kind, Path file, String fileName,
            ImportOptions options, LongConsumer progress) {
        FileImporter importer = importer(kind);
        UUID id = importer.begin(tenant, by, fileName);
        return importer.run(tenant, id, file, fileName, options, progress);
    }

    /**
     * Starts importing an uploaded file on a background thread and returns the import id at once; the import page
     * shows its progress. The file is deleted when the import ends.
     */
    public UUID startImport(Actor actor, ImportKind kind, Path upload, String fileName, ImportOptions options) {
        actor.require(Permission.DATA_IMPORT);
        FileImporter importer = importer(kind);
        UUID id = importer.begin(actor.tenantId(), actor.userId(), fileName);
        executor.execute(() -> {
            try {
                importer.run(actor.tenantId(), id, upload, fileName, options, rows -> { });
            } finally {
                deleteQuietly(upload);
            }
        });
        return id;
    }

    /** Imports a building-permit CSV now; with no profile, the built-in profile whose columns the header has. */
    public ImportSummary importPermits(Actor actor, Path file, String fileName, @Nullable PermitProfile profile) {
        return importFile(actor, ImportKind.PERMITS, file, fileName, ImportOptions.profile(profile));
    }

    /** Imports an SPC storm-report file now; the report date comes from the file name unless given. */
    public ImportSummary importStorms(Actor actor, Path file, String fileName, @Nullable LocalDate date) {
        return importFile(actor, ImportKind.STORMS, file, fileName, ImportOptions.date(date));
    }

    private FileImporter importer(ImportKind kind) {
        FileImporter importer = importers.get(kind);
        if (importer == null) {
            throw InvalidInputException.of("kind", kind.label() + " cannot be imported by this install");
        }
        return importer;
    }

    /** Permits, newest first, optionally of one category, date range or normalised address. */
    @Transactional(readOnly = true)
    public List<Permit> permits(Actor actor, @Nullable PermitCategory category, @Nullable LocalDate from,
            @Nullable LocalDate to, @Nullable String address, int limit) {
        String key = address == null || address.isBlank() ? null : dev.ridgeline.platform.Addresses.street(address).line();
        return permits.find(actor.tenantId(), category, from, to, key, Math.clamp(limit, 1, 20_000));
    }

    /**
     * For analysis jobs of other modules (no user behind them): streams every permit of a company, or only its
     * roofing permits, oldest first. Runs in one read-only transaction, so the rows arrive through a cursor.
     */
    @Transactional(readOnly = true)
    public void forEachPermit(TenantId tenant, boolean roofingOnly, java.util.function.Consumer<Permit> each) {
        permits.forEach(tenant, roofingOnly, each);
    }

    /** For jobs of other modules: the permits an import stored or changed (the last import to touch each). */
    @Transactional(readOnly = true)
    public void forEachPermitOfImport(TenantId tenant, UUID importId, java.util.function.Consumer<Permit> each) {
        permits.forEachOfImport(tenant, importId, each);
    }

    /** For analysis jobs: every storm report of the convective days {@code from}..{@code to}, in time order. */
    @Transactional(readOnly = true)
    public List<StormReport> stormReports(TenantId tenant, LocalDate from, LocalDate to) {
        requireRange(from, to);
        return storms.between(tenant, from, to, null, Integer.MAX_VALUE);
    }

    /** For analysis jobs: NEXRAD hail tiles of the UTC days {@code from}..{@code to}. */
    @Transactional(readOnly = true)
    public List<HailTile> hailTiles(TenantId tenant, LocalDate from, LocalDate to) {
        requireRange(from, to);
        return storms.tiles(tenant, from, to, Integer.MAX_VALUE);
    }

    /** For analysis jobs: area claim counts whose period overlaps {@code from}..{@code to}. */
    @Transactional(readOnly = true)
    public List<AreaClaims> areaClaims(TenantId tenant, LocalDate from, LocalDate to) {
        requireRange(from, to);
        return storms.claims(tenant, null, from, to, Integer.MAX_VALUE);
    }

    @Transactional(readOnly = true)
    public List<ImportRecord> imports(Actor actor) {
        actor.require(Permission.DATA_IMPORT);
        return runs.list(actor.tenantId(), 200);
    }

    @Transactional(readOnly = true)
    public ImportRecord getImport(Actor actor, UUID id) {
        actor.require(Permission.DATA_IMPORT);
        return runs.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("import", id));
    }

    @Transactional(readOnly = true)
    public List<RowProblem> problems(Actor actor, UUID id, int limit) {
        getImport(actor, id);
        return runs.problems(actor.tenantId(), id, limit);
    }

    /** Every problem of an import as CSV ({@code line,column,reason}), for download. */
    @Transactional(readOnly = true)
    public void writeProblemsCsv(Actor actor, UUID id, Writer out) {
        ImportRecord record = getImport(actor, id);
        try {
            out.write("file,line,column,reason\n");
            for (RowProblem p : runs.problems(actor.tenantId(), id, Integer.MAX_VALUE)) {
                out.write(csv(record.fileName()) + "," + p.line() + "," + csv(p.column() == null ? "" : p.column()) + ","
                        + csv(p.reason()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Storm reports of the convective days {@code from}..{@code to}, in time order. */
    @Transactional(readOnly = true)
    public List<StormReport> storms(Actor actor, LocalDate from, LocalDate to, @Nullable StormKind kind, int limit) {
        requireRange(from, to);
        return storms.between(actor.tenantId(), from, to, kind, Math.clamp(limit, 1, 20_000));
    }

    /** Storm reports within {@code miles} of a point on or after {@code since}, nearest first. */
    @Transactional(readOnly = true)
    public List<NearbyStorm> stormsNear(Actor actor, GeoPoint point, double miles, LocalDate since, int limit) {
        if (!(miles > 0 && miles <= 100)) {
            throw InvalidInputException.of("miles", "must be more than 0 and at most 100");
        }
        return storms.near(actor.tenantId(), point, miles, since, Math.clamp(limit, 1, 5_000));
    }

    /** NEXRAD hail-signature tiles of the UTC days {@code from}..{@code to}. */
    @Transactional(readOnly = true)
    public List<HailTile> hailTiles(Actor actor, LocalDate from, LocalDate to, int limit) {
        requireRange(from, to);
        return storms.tiles(actor.tenantId(), from, to, Math.clamp(limit, 1, 100_000));
    }

    /** Area claim counts whose period overlaps {@code from}..{@code to}, optionally of one ZIP or tract. */
    @Transactional(readOnly = true)
    public List<AreaClaims> areaClaims(Actor actor, @Nullable String areaCode, LocalDate from, LocalDate to, int limit) {
        requireRange(from, to);
        return storms.claims(actor.tenantId(), areaCode == null || areaCode.isBlank() ? null : areaCode.trim(), from, to,
                Math.clamp(limit, 1, 100_000));
    }

    /** The days with storm reports, newest first. */
    @Transactional(readOnly = true)
    public List<StormDay> stormDays(Actor actor, int limit) {
        return storms.days(actor.tenantId(), limit).stream()
                .map(r -> new StormDay((LocalDate) r[0], (Long) r[1], (Long) r[2], (Long) r[3],
                        (java.math.BigDecimal) r[4]))
                .toList();
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw InvalidInputException.of("to", "is before 'from'");
        }
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is removed with the temp folder
        }
    }
}

package dev.ridgeline.signals.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.ImportSummary;
import dev.ridgeline.signals.PermitProfile;
import dev.ridgeline.signals.SocrataSource;

/**
 * Syncs a Socrata permit dataset: pages of {@code $limit} records in a stable order ({@code $order} by the date
 * field, then {@code :id}), with the source's {@code $where} and, after the first sync, only records newer than the
 * last date seen; the app token goes in {@code X-App-Token}. Records are written as CSV with the profile's columns
 * and imported like an uploaded permit file (line N of the import is the record N-1 of this sync).
 */
@Component
public class SocrataSync {

    private static final Logger log = LoggerFactory.getLogger(SocrataSync.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_PAGES = 2_000;

    private final SocrataSources sources;
    private final PermitProfiles profiles;
    private final PermitImporter importer;
    private final Clock clock;
    private final int pageSize;
    private final RestClient http;

    SocrataSync(SocrataSources sources, PermitProfiles profiles, PermitImporter importer, Clock clock,
            @Value("${ridgeline.socrata.page-size:1000}") int pageSize) {
        this.sources = sources;
        this.profiles = profiles;
        this.importer = importer;
        this.clock = clock;
        this.pageSize = pageSize;
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(jdk);
        factory.setReadTimeout(Duration.ofSeconds(120));
        this.http = RestClient.builder().requestFactory(factory).defaultHeader("Accept", "application/json").build();
    }

    public ImportSummary sync(TenantId tenant, UUID sourceId, @Nullable UserId by) {
        SocrataSource source = sources.find(tenant, sourceId).orElseThrow();
        PermitProfile profile = PermitProfile.builtIn().stream().filter(p -> p.name().equalsIgnoreCase(source.profile()))
                .findFirst().or(() -> profiles.find(tenant, source.profile())).orElse(null);
        UUID importId = importer.begin(tenant, by, "socrata: " + source.name());
        if (profile == null) {
            sources.ran(tenant, sourceId, null, importId, "profile '" + source.profile() + "' no longer exists", clock.instant());
            return importer.fail(tenant, importId, "the source's column mapping '" + source.profile() + "' no longer exists");
        }
        Path file = null;
        try {
            file = Files.createTempFile("ridgeline-socrata-", ".csv");
            String newest = fetch(source, sources.token(tenant, sourceId).orElse(null), profile, file);
            ImportSummary s = importer.run(tenant, importId, file, "socrata: " + source.name(), ImportOptions.profile(profile),
                    rows -> { });
            sources.ran(tenant, sourceId, s.fileRead() ? newest : null, importId, s.fileRead() ? null
                    : s.errors().isEmpty() ? "the import failed" : s.errors().getFirst().reason(), clock.instant());
            return s;
        } catch (SocrataException e) {
            log.warn("Socrata source {} of {} could not be fetched: {}", sourceId, tenant, e.getMessage());
            sources.ran(tenant, sourceId, null, importId, e.getMessage(), clock.instant());
            return importer.fail(tenant, importId, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the temp folder takes it
                }
            }
        }
    }

    /** Writes every new record as a CSV row of the profile's columns; returns the newest date value seen. */
    private @Nullable String fetch(SocrataSource source, @Nullable String token, PermitProfile profile, Path file)
            throws IOException {
        List<String> columns = List.copyOf(new LinkedHashSet<>(profile.columns()));
        String where = where(source);
        String order = source.dateField() == null ? ":id" : source.dateField() + ",:id";
        String newest = source.lastValue();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(dev.ridgeline.platform.io.CsvLines.line(columns));
            for (int page = 0; page < MAX_PAGES; page++) {
                int offset = page * pageSize;
                URI uri = UriComponentsBuilder.fromUriString(source.datasetUrl()).queryParam("$limit", pageSize)
                        .queryParam("$offset", offset).queryParam("$order", order)
                        .queryParamIfPresent("$where", Optional.ofNullable(where)).encode().build().toUri();
                JsonNode rows;
                try {
                    String body = http.get().uri(uri).headers(h -> {
                        if (token != null) {
                            h.set("X-App-Token", token);
                        }
                    }).retrieve().body(String.class);
                    rows = JSON.readTree(body == null ? "[]" : body);
                } catch (RestClientException e) {
                    throw new SocrataException("the portal answered page " + (page + 1) + " with an error: "
                            + e.getMessage());
                } catch (tools.jackson.core.JacksonException e) {
                    throw new SocrataException("page " + (page + 1) + " is not JSON: " + e.getOriginalMessage());
                }
                if (!rows.isArray()) {
                    throw new SocrataException("page " + (page + 1) + " is not a JSON array of records");
                }
                for (JsonNode row : rows) {
                    String[] values = new String[columns.size()];
                    for (int i = 0; i < columns.size(); i++) {
                        JsonNode v = row.path(columns.get(i));
                        values[i] = v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asString() : v.toString();
                    }
                    out.write(dev.ridgeline.platform.io.CsvLines.line(List.of(values)));
                    if (source.dateField() != null) {
                        String d = row.path(source.dateField()).asString("");
                        if (!d.isEmpty() && (newest == null || d.compareTo(newest) > 0)) {
                            newest = d;
                        }
                    }
                }
                if (rows.size() < pageSize) {
                    return newest;
                }
            }
        }
        throw new SocrataException("more than " + MAX_PAGES * pageSize + " records in one sync; narrow $where");
    }

    /** The source's own condition, and the incremental one once a sync has seen records. */
    static @Nullable String where(SocrataSource source) {
        String since = source.dateField() != null && source.lastValue() != null
                ? source.dateField() + " > '" + source.lastValue().replace("'", "''") + "'" : null;
        if (source.whereClause() == null) {
            return since;
        }
        return since == null ? source.whereClause() : "(" + source.whereClause() + ") AND " + since;
    }

    /** The portal could not be read. */
    static final class SocrataException extends RuntimeException {
        SocrataException(String message) {
            super(message);
        }
    }
}

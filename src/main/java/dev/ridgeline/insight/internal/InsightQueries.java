package dev.ridgeline.insight.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.insight.AnalysisStatus;
import dev.ridgeline.insight.Backtest;
import dev.ridgeline.insight.HomeQuery;
import dev.ridgeline.insight.HomeScore;
import dev.ridgeline.insight.PermitWave;
import dev.ridgeline.insight.ScoreCell;
import dev.ridgeline.insight.ScoredHomes;
import dev.ridgeline.platform.Addresses;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the stored analysis for the service: scores with their explanations, pages, cells, waves, status. */
@Component
public class InsightQueries {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final InsightStore store;
    private final InsightPasses passes;
    private final Backtester backtester;

    private final ScoreModels models;

    InsightQueries(InsightStore store, InsightPasses passes, Backtester backtester, ScoreModels models) {
        this.models = models;
        this.store = store;
        this.passes = passes;
        this.backtester = backtester;
    }

    @Transactional(readOnly = true)
    public Optional<HomeScore> score(TenantId tenant, UUID propertyId) {
        ScoreModel current = passes.model(tenant);
        return store.find(tenant, propertyId).map(s -> toScore(s, current));
    }

    /** Many homes' scores with their explanations, by home (a home not scored yet is left out). */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, HomeScore> scores(TenantId tenant, java.util.Collection<UUID> propertyIds) {
        java.util.Map<UUID, HomeScore> out = new java.util.HashMap<>();
        List<InsightStore.Stored> stored = store.findAll(tenant, propertyIds);
        if (stored.isEmpty()) {
            return out;
        }
        ScoreModel current = passes.model(tenant);
        stored.forEach(s -> out.put(s.features().propertyId, toScore(s, current)));
        return out;
    }

    @Transactional(readOnly = true)
    public Optional<Integer> storedScore(TenantId tenant, UUID propertyId) {
        return store.storedScore(tenant, propertyId);
    }

    @Transactional(readOnly = true)
    public java.util.List<UUID> homesHit(TenantId tenant, java.time.LocalDate first, java.time.LocalDate last,
            double minInches, java.util.Collection<String> zips) {
        return store.homesHit(tenant, first, last, minInches, zips);
    }

    /** Streams every scored home with its explanation, best first; answers how many. */
    @Transactional(readOnly = true)
    public long forEach(TenantId tenant, java.util.function.Consumer<HomeScore> each) {
        long[] n = {0};
        ScoreModel current = passes.model(tenant);
        store.forEach(tenant, s -> {
            each.accept(toScore(s, current));
            n[0]++;
        });
        return n[0];
    }

    @Transactional(readOnly = true)
    public ScoredHomes ranked(TenantId tenant, HomeQuery q) {
        if (q.size() < 1 || q.size() > 500) {
            throw InvalidInputException.of("size", "must be 1 to 500");
        }
        if (q.page() < 0) {
            throw InvalidInputException.of("page", "must be 0 or more");
        }
        String order = switch (q.sort()) {
            case "score" -> "score desc";
            case "hail" -> "hail_in desc nulls last, score desc";
            case "roof" -> "roof_year asc nulls last, score desc";
            case "address" -> "address_key, address";
            default -> throw InvalidInputException.of("sort", "is one of score, hail, roof, address");
        };
        String prefix = q.address() == null || q.address().isBlank() ? null : Addresses.street(q.address()).line();
        var filter = new InsightStore.Filter(q.minScore(), blankToNull(q.postalCode()), blankToNull(q.city()),
                prefix == null || prefix.isEmpty() ? null : prefix, q.includeExcluded());
        ScoreModel current = passes.model(tenant);
        List<HomeScore> homes = store.page(tenant, filter, order, q.page() * q.size(), q.size()).stream()
                .map(s -> toScore(s, current)).toList();
        return new ScoredHomes(homes, store.count(tenant, filter), q.page(), q.size());
    }

    @Transactional(readOnly = true)
    public List<HomeScore> inBox(TenantId tenant, double south, double west, double north, double east, int limit) {
        ScoreModel current = passes.model(tenant);
        return store.inBox(tenant, south, west, north, east, limit).stream().map(s -> toScore(s, current)).toList();
    }

    @Transactional(readOnly = true)
    public List<ScoreCell> cells(TenantId tenant, double south, double west, double north, double east) {
        List<ScoreCell> out = new ArrayList<>();
        for (double[] c : store.cells(tenant, south, west, north, east)) {
            long cell = (long) c[0];
            dev.ridgeline.platform.GeoPoint centre = dev.ridgeline.platform.GeoPoint.centreOf(cell);
            out.add(new ScoreCell(cell, centre.latitude(), centre.longitude(),
                    dev.ridgeline.platform.GeoPoint.outlineOf(cell), (int) c[1], c[2], (int) c[3]));
        }
        return out;
    }

    @Transactional(readOnly = true)
    public List<PermitWave> waves(TenantId tenant) {
        List<PermitWave> out = new ArrayList<>();
        for (Object[] w : store.waves(tenant)) {
            List<double[]> hull = new ArrayList<>();
            for (JsonNode p : JSON.readTree((String) w[4])) {
                hull.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()});
            }
            Map<String, Integer> top = new LinkedHashMap<>();
            JSON.readTree((String) w[5]).properties().forEach(e -> top.put(e.getKey(), e.getValue().asInt()));
            out.add(new PermitWave((int) w[0], (int) w[1], (double) w[6], (double) w[7], hull, (LocalDate) w[2],
                    (LocalDate) w[3], top));
        }
        return out;
    }

    @Transactional(readOnly = true)
    public dev.ridgeline.insight.ScoringModel scoringModel(TenantId tenant) {
        return models.describe(tenant);
    }

    @Transactional(readOnly = true)
    public AnalysisStatus status(TenantId tenant) {
        LocalDate asOf = passes.asOf(tenant);
        return store.lastRun(tenant)
                .map(r -> new AnalysisStatus((String) r[0], (LocalDate) r[1], (java.time.Instant) r[2], (int) r[3],
                        (int) r[4], (long) r[5]))
                .orElseGet(() -> new AnalysisStatus(null, asOf, null, 0, 0, 0));
    }

    public Backtest backtest(TenantId tenant, @org.jspecify.annotations.Nullable LocalDate asOf, int horizonDays, int k) {
        return backtester.run(tenant, asOf, horizonDays, k);
    }

    private HomeScore toScore(InsightStore.Stored s, ScoreModel current) {
        // A row is explained by the model that scored it: the company's learned one, else the prior.
        ScoreModel model = s.model().equals(current.name()) ? current : passes.model();
        return s.features().scored(s.score(), s.asOf(), s.model(), model);
    }

    private static @org.jspecify.annotations.Nullable String blankToNull(@org.jspecify.annotations.Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package dev.ridgeline.insight;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.ridgeline.insight.internal.AreaAnalysis;
import dev.ridgeline.insight.internal.HotRules;
import dev.ridgeline.insight.internal.InsightPasses;
import dev.ridgeline.insight.internal.InsightQueries;
import dev.ridgeline.insight.internal.MarketTiming;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.PropertyService;

/**
 * Lead intelligence for the rest of the app: each home's score with its explanation, the ranked list, the map's
 * cells and re-roofing waves, analysis passes on demand, and the backtest. Passes also run by themselves after
 * imports (see {@code InsightJobs}).
 */
@Service
public class InsightService {

    private final InsightQueries queries;
    private final InsightPasses passes;
    private final HotRules hotRules;
    private final AreaAnalysis areas;
    private final MarketTiming timing;

    private final PropertyService properties;

    InsightService(InsightQueries queries, InsightPasses passes, HotRules hotRules, AreaAnalysis areas,
            MarketTiming timing, PropertyService properties) {
        this.properties = properties;
        this.areas = areas;
        this.timing = timing;
        this.queries = queries;
        this.passes = passes;
        this.hotRules = hotRules;
    }

    /**
     * Contractors by roofing permits in an area (a ZIP, or everywhere when null) and period, with their share and
     * the change against the period of the same length just before.
     */
    public List<ContractorShare> competitors(Actor actor, @Nullable String zip, LocalDate from, LocalDate to) {
        return areas.competitors(actor.tenantId(), zip, from, to);
    }

    /** Who is working a storm: contractors with roofing permits near its reports in the {@code days} after it. */
    public List<ContractorShare> workingStorm(Actor actor, LocalDate stormDay, double miles, int days) {
        return areas.workingStorm(actor.tenantId(), stormDay, miles, days);
    }

    /** Roofing permits per month of an area, decomposed, with a forecast of {@code horizon} months. */
    public MonthlyTrend trend(Actor actor, @Nullable String zip, int horizon) {
        return areas.trend(actor.tenantId(), zip, horizon);
    }

    /** Getis-Ord Gi* hot and cold spots of roof replacements over the last year, per H3 cell. */
    public List<HotSpot> hotSpots(Actor actor) {
        return areas.hotSpots(actor.tenantId());
    }

    /**
     * "Work now": every ZIP with hail of 1 inch or more over its homes, ranked by the homes worth working times the
     * share of the claim-filing window still open.
     */
    public List<AreaTiming> workNow(Actor actor) {
        return timing.ranking(actor.tenantId());
    }

    /** The claim-filing windows the company set, by state (days from the date of loss). */
    public java.util.Map<String, Integer> claimWindows(Actor actor) {
        return timing.windows(actor.tenantId());
    }

    /** Sets a state's claim-filing window in days, or clears it (back to the 365-day default) with null. */
    public void setClaimWindow(Actor actor, String state, @Nullable Integer days) {
        actor.require(Permission.COMPANY_MANAGE);
        timing.setWindow(actor.tenantId(), state, days);
    }

    /**
     * Clusters of recent roof replacements: {@code method} "dbscan" (eps miles, minPts) or "hdbscan" (minimum
     * cluster size), over the {@code days} before the analysis day.
     */
    public List<PermitWave> permitClusters(Actor actor, String method, int days, double epsMiles, int minPoints) {
        return areas.permitClusters(actor.tenantId(), method, days, epsMiles, minPoints);
    }

    /** The ZIPs with the most roofing permits. */
    public List<String> busiestZips(Actor actor, int limit) {
        return areas.busiestZips(actor.tenantId(), Math.clamp(limit, 1, 200));
    }

    /** The company's hot-lead rules (a first look creates the default, "Score 60 and up"). */
    public List<HotRule> hotRules(Actor actor) {
        return hotRules.list(actor.tenantId());
    }

    /** Adds or changes a hot-lead rule (managers and owners: those who assign leads). */
    public HotRule saveHotRule(Actor actor, HotRule rule) {
        actor.require(Permission.LEADS_ASSIGN);
        return hotRules.save(actor.tenantId(), rule);
    }

    public void deleteHotRule(Actor actor, UUID ruleId) {
        actor.require(Permission.LEADS_ASSIGN);
        hotRules.delete(actor.tenantId(), ruleId);
    }

    /** Hot leads, newest first. */
    public List<HotAlert> hotLeads(Actor actor, int limit) {
        return hotRules.alerts(actor.tenantId(), Math.clamp(limit, 1, 1_000));
    }

    /** A home's score and explanation; not found until an analysis pass has seen the home. */
    public HomeScore score(Actor actor, UUID propertyId) {
        return queries.score(actor.tenantId(), propertyId)
                .orElseThrow(() -> new NotFoundException("lead score", propertyId));
    }

    /** Many homes' scores, by home, for jobs (the merge fields of a batch of sequence steps); unscored homes left out. */
    public java.util.Map<UUID, HomeScore> scores(TenantId tenant, java.util.Collection<UUID> propertyIds) {
        return queries.scores(tenant, propertyIds);
    }

    /** A home's stored score (0-100) for jobs such as sequences; empty until an analysis pass has seen the home. */
    public java.util.Optional<Integer> storedScore(TenantId tenant, UUID propertyId) {
        return queries.storedScore(tenant, propertyId);
    }

    /**
     * The homes on file that the storm reports of {@code first..last} hit with hail of at least {@code minInches}
     * (the largest hail near each home, dated in those days), limited to some ZIP codes when given.
     */
    public List<UUID> homesHit(TenantId tenant, LocalDate first, LocalDate last, double minInches,
            java.util.Collection<String> zips) {
        return queries.homesHit(tenant, first, last, minInches, zips);
    }

    /** A home's roof was analysed: its score takes the analysis in now; the new score, if the home is scored. */
    public java.util.Optional<Integer> roofAnalysed(TenantId tenant, UUID propertyId) {
        return passes.roofAnalysed(tenant, propertyId);
    }

    /** Every scored home with its explanation, best first, streamed (for exports); answers how many. */
    public long forEachScore(Actor actor, java.util.function.Consumer<HomeScore> each) {
        return queries.forEach(actor.tenantId(), each);
    }

    /** The same for jobs and the command line. */
    public long forEachScore(TenantId tenant, java.util.function.Consumer<HomeScore> each) {
        return queries.forEach(tenant, each);
    }

    public ScoredHomes ranked(Actor actor, HomeQuery query) {
        return queries.ranked(actor.tenantId(), query);
    }

    /** Scored homes inside a box of at most about 5 x 5 km (the map asks once zoomed in), best first. */
    public List<HomeScore> inBox(Actor actor, double south, double west, double north, double east, int limit) {
        checkBox(south, west, north, east);
        if (north - south > 0.05 || east - west > 0.06) {
            throw InvalidInputException.of("bbox", "zoom in: homes are shown for views up to about 5 km across");
        }
        return queries.inBox(actor.tenantId(), south, west, north, east, Math.clamp(limit, 1, 5_000));
    }

    /** Homes per H3 cell inside a box, for the map when zoomed out. */
    public List<ScoreCell> cells(Actor actor, double south, double west, double north, double east) {
        checkBox(south, west, north, east);
        return queries.cells(actor.tenantId(), south, west, north, east);
    }

    private static void checkBox(double south, double west, double north, double east) {
        if (!(south < north && west < east && south >= -90 && north <= 90 && west >= -180 && east <= 180)) {
            throw InvalidInputException.of("bbox", "west,south,east,north in degrees, west < east and south < north");
        }
    }

    public List<PermitWave> waves(Actor actor) {
        return queries.waves(actor.tenantId());
    }

    /** The model that scores the company's homes now, and how well it fits the outcomes it learned from. */
    public ScoringModel scoringModel(Actor actor) {
        return queries.scoringModel(actor.tenantId());
    }

    public AnalysisStatus status(Actor actor) {
        return queries.status(actor.tenantId());
    }

    /** Runs a full pass now (people who import data may). */
    public AnalysisPass analyse(Actor actor) {
        actor.require(Permission.DATA_IMPORT);
        return passes.full(actor.tenantId());
    }

    /** Runs a full pass for a company (the CLI and jobs). */
    public AnalysisPass analyse(TenantId tenant, @Nullable LocalDate asOf) {
        return asOf == null ? passes.full(tenant) : passes.full(tenant, asOf);
    }

    /**
     * Records that a home's owner showed interest (asked for a quote through the company's web form, replied, ...)
     * and scores the home again at once; a hot-lead rule it now meets fires. Answers the new score, or empty when
     * the home has not been analysed yet (the next pass counts the engagement).
     */
    public java.util.Optional<Integer> recordEngagement(Actor actor, UUID propertyId, @Nullable EngagementKind kind) {
        properties.get(actor, propertyId); // the company's own home, or not found
        if (kind == null) {
            throw InvalidInputException.of("kind", "is one of BOOKED, ASKED, REPLIED, CLICKED, OPENED");
        }
        return passes.engaged(actor.tenantId(), propertyId, kind,
                actor.apiKeyId() != null ? "recorded through the API" : "recorded by a user");
    }

    /**
     * Scores every stored home again without analysing (the jobs do this after leads are won or lost): trains the
     * company's model on its decided leads, or falls back to the prior, and rewrites the scores that changed.
     */
    public AnalysisPass rescore(TenantId tenant) {
        return passes.rescore(tenant);
    }

    /**
     * The same, handing {@code explained} every home with its new score and explanation, best first, as the pass
     * scores them (the homes are read once); the pass stores nothing if {@code explained} throws.
     */
    public AnalysisPass rescore(TenantId tenant, java.util.function.Consumer<HomeScore> explained) {
        return passes.rescore(tenant, h -> h, explained);
    }

    /**
     * The same, with each home first turned into what the consumer wants ({@code prepare}, say its CSV line) on the
     * explaining workers, in parallel; {@code each} then takes the results best first, one at a time.
     */
    public <T> AnalysisPass rescore(TenantId tenant, java.util.function.Function<HomeScore, T> prepare,
            java.util.function.Consumer<T> each) {
        return passes.rescore(tenant, prepare, each);
    }

    /**
     * A rescoring that writes every home's score and explanation, best first, to {@code csv} as the export does
     * ({@link ScoreCsv}, header first): the lines are made and encoded on the explaining workers, and only written
     * here. The stream is not closed; a failed write fails the pass, and nothing is stored.
     */
    public AnalysisPass rescore(TenantId tenant, java.io.OutputStream csv) {
        try {
            csv.write(ScoreCsv.HEADER.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return passes.rescore(tenant, h -> ScoreCsv.line(h).getBytes(java.nio.charset.StandardCharsets.UTF_8), line -> {
            try {
                csv.write(line);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Re-reads the storm exposure of the homes near the reports of {@code first..last} and rescores them. */
    public AnalysisPass analyseStorms(TenantId tenant, LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw InvalidInputException.of("last", "must not be before the first day");
        }
        return passes.storms(tenant, first, last);
    }

    /**
     * Pins the day a company's data is read as of (a demo region of past storms), or unpins it with null, so that
     * storms, permits and roof ages are judged as on that day.
     */
    public void pinAsOf(TenantId tenant, @Nullable LocalDate asOf) {
        passes.pinAsOf(tenant, asOf);
    }

    /**
     * Scores every home with only the data known on {@code asOf} (null: the latest day whose horizon still lies in
     * the data) and measures the scores against the roofing permits that followed within the horizon.
     */
    public Backtest backtest(TenantId tenant, @Nullable LocalDate asOf, int horizonDays, int k) {
        return queries.backtest(tenant, asOf, horizonDays, k);
    }
}

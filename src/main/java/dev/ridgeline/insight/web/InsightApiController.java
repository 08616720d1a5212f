package dev.ridgeline.insight.web;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ridgeline.insight.AnalysisPass;
import dev.ridgeline.insight.AnalysisStatus;
import dev.ridgeline.insight.HomeQuery;
import dev.ridgeline.insight.HomeScore;
import dev.ridgeline.insight.HotAlert;
import dev.ridgeline.insight.HotRule;
import dev.ridgeline.insight.InsightService;
import dev.ridgeline.insight.PermitWave;
import dev.ridgeline.insight.ScoreCell;
import dev.ridgeline.insight.ScoreCsv;
import dev.ridgeline.insight.ScoredHomes;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/insight")
@Tag(name = "Lead intelligence")
class InsightApiController {

    private final InsightService insight;

    InsightApiController(InsightService insight) {
        this.insight = insight;
    }

    @GetMapping("/homes")
    @Operation(summary = "Homes ranked by lead score, with each score's explanation; filters, sort and paging")
    ScoredHomes homes(Actor actor, @RequestParam(required = false) @Nullable Integer minScore,
            @RequestParam(required = false) @Nullable String zip, @RequestParam(required = false) @Nullable String city,
            @RequestParam(required = false) @Nullable String address,
            @RequestParam(defaultValue = "false") boolean includeExcluded,
            @RequestParam(defaultValue = "score") String sort, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return insight.ranked(actor, new HomeQuery(minScore, zip, city, address, includeExcluded, sort, page, size));
    }

    @GetMapping(value = "/homes.csv", produces = "text/csv")
    @Operation(summary = "Every scored home with its score and explanation as CSV, best first (streamed)")
    void homesCsv(Actor actor, jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lead-scores.csv\"");
        java.io.Writer out = response.getWriter();
        out.write(ScoreCsv.HEADER);
        insight.forEachScore(actor, s -> {
            try {
                out.write(ScoreCsv.line(s));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        out.flush();
    }

    @GetMapping("/homes/{propertyId}")
    @Operation(summary = "A home's lead score: the factors with their points and the evidence in plain words")
    HomeScore home(Actor actor, @PathVariable UUID propertyId) {
        return insight.score(actor, propertyId);
    }

    /** A homeowner's sign of interest, from the company's web form, call tracking or a rep. */
    record EngagementBody(dev.ridgeline.insight.EngagementKind kind) {
    }

    /** The home's score after the engagement was counted; null when the home awaits its first analysis. */
    record EngagementResult(UUID propertyId, String kind, @Nullable Integer score) {
    }

    @PostMapping("/homes/{propertyId}/engagement")
    @Operation(summary = "Record that a homeowner showed interest (BOOKED, ASKED, REPLIED, CLICKED, OPENED): the home "
            + "is scored again at once and hot-lead rules it now meets fire")
    EngagementResult engagement(Actor actor, @PathVariable UUID propertyId,
            @org.springframework.web.bind.annotation.RequestBody EngagementBody body) {
        var kind = body == null ? null : body.kind();
        Integer score = insight.recordEngagement(actor, propertyId, kind).orElse(null);
        return new EngagementResult(propertyId, kind == null ? "" : kind.name(), score);
    }

    @GetMapping("/cells")
    @Operation(summary = "Scored homes per H3 resolution-7 cell inside a box (west,south,east,north): count, mean, top")
    List<ScoreCell> cells(Actor actor, @RequestParam double[] bbox) {
        if (bbox.length != 4) {
            throw dev.ridgeline.platform.InvalidInputException.of("bbox", "west,south,east,north in degrees");
        }
        return insight.cells(actor, bbox[1], bbox[0], bbox[3], bbox[2]);
    }

    @GetMapping("/waves")
    @Operation(summary = "Re-roofing waves of the last analysis: DBSCAN clusters of recent roof replacement permits")
    List<PermitWave> waves(Actor actor) {
        return insight.waves(actor);
    }

    @GetMapping("/model")
    @Operation(summary = "The model that scores the company's homes: the prior, or the one its won and lost leads trained")
    dev.ridgeline.insight.ScoringModel model(Actor actor) {
        return insight.scoringModel(actor);
    }

    @GetMapping("/status")
    @Operation(summary = "The last analysis pass and the day the data is read as of")
    AnalysisStatus status(Actor actor) {
        return insight.status(actor);
    }

    @GetMapping("/competitors")
    @Operation(summary = "Contractors by roofing permits in a ZIP (or everywhere) and period, share and change")
    List<dev.ridgeline.insight.ContractorShare> competitors(Actor actor,
            @RequestParam(required = false) @Nullable String zip, @RequestParam java.time.LocalDate from,
            @RequestParam java.time.LocalDate to) {
        return insight.competitors(actor, zip, from, to);
    }

    @GetMapping("/storm-contractors")
    @Operation(summary = "Who is working a storm: contractors with roofing permits near its reports after it")
    List<dev.ridgeline.insight.ContractorShare> stormContractors(Actor actor, @RequestParam java.time.LocalDate date,
            @RequestParam(defaultValue = "3") double miles, @RequestParam(defaultValue = "90") int days) {
        return insight.workingStorm(actor, date, miles, days);
    }

    @GetMapping("/trend")
    @Operation(summary = "Roofing permits per month of a ZIP (or everywhere), decomposed, with a forecast and 95% interval")
    dev.ridgeline.insight.MonthlyTrend trend(Actor actor, @RequestParam(required = false) @Nullable String zip,
            @RequestParam(defaultValue = "3") int months) {
        return insight.trend(actor, zip, months);
    }

    @GetMapping("/work-now")
    @Operation(summary = "Areas to work now: latest hail per ZIP, claim window left, homes worth working, ranked")
    List<dev.ridgeline.insight.AreaTiming> workNow(Actor actor) {
        return insight.workNow(actor);
    }

    @GetMapping("/claim-windows")
    @Operation(summary = "Claim-filing windows by state (days from the date of loss); 365 where none is set")
    java.util.Map<String, Integer> claimWindows(Actor actor) {
        return insight.claimWindows(actor);
    }

    /** A state's window; days null clears it. */
    record WindowBody(String state, @Nullable Integer days) {
    }

    @PostMapping("/claim-windows")
    @Operation(summary = "Set or clear a state's claim-filing window (owners)")
    java.util.Map<String, Integer> setClaimWindow(Actor actor,
            @org.springframework.web.bind.annotation.RequestBody WindowBody body) {
        insight.setClaimWindow(actor, body.state(), body.days());
        return insight.claimWindows(actor);
    }

    @GetMapping("/permit-clusters")
    @Operation(summary = "Clusters of recent roof replacements by DBSCAN (eps miles, minPoints) or HDBSCAN (minPoints "
            + "as the minimum cluster size): centre, outline, size, dates, top contractors")
    List<PermitWave> permitClusters(Actor actor, @RequestParam(defaultValue = "dbscan") String method,
            @RequestParam(defaultValue = "365") int days, @RequestParam(defaultValue = "0.15") double eps,
            @RequestParam(defaultValue = "5") int minPoints) {
        return insight.permitClusters(actor, method, days, eps, minPoints);
    }

    @GetMapping("/hot-spots")
    @Operation(summary = "Getis-Ord Gi* hot and cold spots of roof replacements over the last year, per H3 cell")
    List<dev.ridgeline.insight.HotSpot> hotSpots(Actor actor) {
        return insight.hotSpots(actor);
    }

    @GetMapping("/hot-leads")
    @Operation(summary = "Hot leads, newest first: the home, the rule it met, its score and why")
    List<HotAlert> hotLeads(Actor actor, @RequestParam(defaultValue = "100") int limit) {
        return insight.hotLeads(actor, limit);
    }

    @GetMapping("/hot-rules")
    @Operation(summary = "The company's hot-lead rules")
    List<HotRule> hotRules(Actor actor) {
        return insight.hotRules(actor);
    }

    /** A rule as the API takes it; an id to change an existing rule, none to add one. */
    record RuleBody(@Nullable UUID id, String name, int minScore, @Nullable Double minHailInches,
            @Nullable Integer maxDaysSinceHail, @Nullable Integer minNeighbours, boolean inWave,
            @Nullable UUID notifyUserId, @Nullable String notifyChannel, @Nullable Boolean enabled) {
    }

    @PostMapping("/hot-rules")
    @Operation(summary = "Add or change a hot-lead rule (managers and owners)")
    HotRule saveHotRule(Actor actor, @org.springframework.web.bind.annotation.RequestBody RuleBody b) {
        return insight.saveHotRule(actor, new HotRule(b.id() == null ? UUID.randomUUID() : b.id(),
                b.name() == null ? "" : b.name(), b.minScore(), b.minHailInches(), b.maxDaysSinceHail(),
                b.minNeighbours(), b.inWave(), b.notifyUserId() == null ? null : new UserId(b.notifyUserId()),
                b.notifyChannel(), b.enabled() == null || b.enabled()));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/hot-rules/{ruleId}")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a hot-lead rule and its alerts")
    void deleteHotRule(Actor actor, @PathVariable UUID ruleId) {
        insight.deleteHotRule(actor, ruleId);
    }

    @PostMapping("/analyse")
    @Operation(summary = "Run a full analysis pass now (needs the data-import permission)")
    AnalysisPass analyse(Actor actor) {
        return insight.analyse(actor);
    }
}

package dev.ridgeline.insight.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.insight.AnalysisPass;
import dev.ridgeline.insight.EngagementKind;
import dev.ridgeline.insight.HomeScore;
import dev.ridgeline.platform.GeoPoint;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.PropertyPoint;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.Permit;
import dev.ridgeline.signals.SignalsService;
import dev.ridgeline.signals.StormReport;

/**
 * Analysis passes over a company's homes: a full pass (everything, after permits, homes or claims change, and
 * nightly) and a storm pass (only the exposure of the homes near the reports of some days, after a storm import).
 * Each pass holds the company's lock, writes only the homes whose features or score changed, and is recorded.
 */
@Component
public class InsightPasses {

    private static final Logger log = LoggerFactory.getLogger(InsightPasses.class);
    /** A pass that changes more than this share of a company's homes replaces them all. */
    private static final double REPLACE_ABOVE = 0.5;

    private final InsightStore store;
    private final PropertyService properties;
    private final SignalsService signals;
    private final InsightSettings settings;
    private final Analysis analysis;
    private final IdGenerator ids;
    private final Clock clock;

    private final HotRules hotRules;
    private final ScoreModels models;
    private final Engagements engagements;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final org.springframework.beans.factory.ObjectProvider<dev.ridgeline.insight.RoofConditionSource> roofs;

    InsightPasses(InsightStore store, PropertyService properties, SignalsService signals, InsightSettings settings,
            IdGenerator ids, Clock clock, HotRules hotRules, ScoreModels models, Engagements engagements,
            org.springframework.context.ApplicationEventPublisher events,
            org.springframework.beans.factory.ObjectProvider<dev.ridgeline.insight.RoofConditionSource> roofs) {
        this.events = events;
        this.roofs = roofs;
        this.engagements = engagements;
        this.hotRules = hotRules;
        this.models = models;
        this.store = store;
        this.properties = properties;
        this.signals = signals;
        this.settings = settings;
        this.analysis = new Analysis(settings);
        this.ids = ids;
        this.clock = clock;
    }

    public PriorModel model() {
        return analysis.model();
    }

    /** The model that scores the company's homes now: its learned one, or the prior. */
    ScoreModel model(TenantId tenant) {
        return models.current(tenant, analysis.model());
    }

    /** The day a company's data is read as of: its pinned day, or today. */
    @Transactional(readOnly = true)
    public LocalDate asOf(TenantId tenant) {
        return store.pinnedAsOf(tenant).orElseGet(() -> LocalDate.now(clock));
    }

    @Transactional
    public void pinAsOf(TenantId tenant, @Nullable LocalDate asOf) {
        store.pinAsOf(tenant, asOf, clock.instant());
    }

    @Transactional
    public AnalysisPass full(TenantId tenant) {
        return full(tenant, asOf(tenant));
    }

    @Transactional
    public AnalysisPass full(TenantId tenant, LocalDate asOf) {
        long started = System.nanoTime();
        store.ensurePartition(tenant);
        store.lock(tenant);
        UUID run = store.startRun(tenant, ids.next(), "FULL", asOf, clock.instant());
        List<HomeFeatures> homes = new ArrayList<>();
        properties.forEachLocated(tenant, null, p -> homes.add(features(p)));
        long read = System.nanoTime();
        Analysis.Inputs inputs = inputs(tenant, asOf);
        long loaded = System.nanoTime();
        List<Analysis.Wave> waves = analysis.analyse(homes, inputs, asOf);
        engagements.apply(tenant, homes, asOf);
        applyRoofs(tenant, homes);
        long analysed = System.nanoTime();
        // The company's own won and lost leads train the model when there are enough of them; else the prior scores.
        ScoreModel model = models.train(tenant, homes, asOf, analysis.model()).<ScoreModel>map(m -> m)
                .orElse(analysis.model());
        Map<UUID, Long> old = store.fingerprints(tenant);
        long compared = System.nanoTime();
        List<InsightStore.Row> all = new ArrayList<>(homes.size());
        int written = write(tenant, homes, old, asOf, all, model) + old.size();
        store.delete(tenant, old.keySet());
        store.replaceWaves(tenant, asOf, waves);
        long stored = System.nanoTime();
        // Every home, not only the changed ones: a rule added since the last pass applies to all of them.
        int hot = hotRules.apply(tenant, all, asOf, model);
        long millis = (System.nanoTime() - started) / 1_000_000;
        store.finishRun(tenant, run, homes.size(), written, millis, clock.instant());
        log.info("Insight full pass for {} as of {}: {} homes, {} written, {} waves, {} hot, {} ms (homes read {} ms, "
                + "signals read {} ms, analysis {} ms, stored scores read {} ms, scoring and writing {} ms, hot rules "
                + "{} ms)", tenant, asOf, homes.size(), written, waves.size(), hot, millis,
                (read - started) / 1_000_000, (loaded - read) / 1_000_000, (analysed - loaded) / 1_000_000,
                (compared - analysed) / 1_000_000, (stored - compared) / 1_000_000,
                (System.nanoTime() - stored) / 1_000_000);
        return new AnalysisPass(run, "FULL", asOf, homes.size(), written, waves.size(), hot, millis);
    }

    /** Re-reads the exposure of the homes near the reports of {@code firstDay..lastDay} and rescores them. */
    @Transactional
    public AnalysisPass storms(TenantId tenant, LocalDate firstDay, LocalDate lastDay) {
        long started = System.nanoTime();
        LocalDate asOf = asOf(tenant);
        store.lock(tenant);
        UUID run = store.startRun(tenant, ids.next(), "STORMS", asOf, clock.instant());
        List<StormReport> reports = signals.stormReports(tenant, asOf.minusDays(settings.lookbackDays()), asOf);
        Set<Long> cells = new HashSet<>();
        for (StormReport r : reports) {
            if (!r.reportDate().isBefore(firstDay) && !r.reportDate().isAfter(lastDay)) {
                cells.addAll(new GeoPoint(r.latitude(), r.longitude())
                        .cellsCovering(settings.exposureMiles(), GeoPoint.STORM_RESOLUTION));
            }
        }
        List<InsightStore.Stored> stored = cells.isEmpty() ? List.of() : store.inCells(tenant, cells);
        List<HomeFeatures> homes = stored.stream().map(InsightStore.Stored::features).toList();
        long read = System.nanoTime();
        analysis.exposure(homes, reports,
                signals.hailTiles(tenant, asOf.minusDays(settings.lookbackDays()), asOf), asOf);
        long exposed = System.nanoTime();
        Map<UUID, Long> old = new java.util.HashMap<>();
        stored.forEach(s -> old.put(s.features().propertyId, s.fingerprint()));
        List<InsightStore.Row> rescored = new ArrayList<>();
        ScoreModel model = models.current(tenant, analysis.model());
        for (HomeFeatures h : homes) {
            h.roundToStored();
            int score = model.score(h, asOf);
            long fingerprint = h.fingerprint(score, model.name());
            if (!Long.valueOf(fingerprint).equals(old.get(h.propertyId))) {
                rescored.add(new InsightStore.Row(h, score, fingerprint));
            }
        }
        long scored = System.nanoTime();
        store.updateExposure(tenant, rescored, model.name(), asOf, clock.instant());
        long written = System.nanoTime();
        int hot = hotRules.apply(tenant, rescored, asOf, model);
        long millis = (System.nanoTime() - started) / 1_000_000;
        store.finishRun(tenant, run, homes.size(), rescored.size(), millis, clock.instant());
        events.publishEvent(new dev.ridgeline.insight.StormExposureUpdated(tenant, firstDay, lastDay));
        log.info("Insight storm pass for {} ({}..{}): {} cells, {} homes, {} written, {} hot, {} ms (reading {} ms, "
                + "exposure {} ms, scoring {} ms, writing {} ms, hot rules {} ms)", tenant, firstDay, lastDay,
                cells.size(), homes.size(), rescored.size(), hot, millis, (read - started) / 1_000_000,
                (exposed - read) / 1_000_000, (scored - exposed) / 1_000_000, (written - scored) / 1_000_000,
                (System.nanoTime() - written) / 1_000_000);
        return new AnalysisPass(run, "STORMS", asOf, homes.size(), rescored.size(), 0, hot, millis);
    }

    /**
     * Scores the homes (each added to {@code all}) and writes those new or changed; answers how many were written and
     * removes the homes seen from {@code old}.
     */
    private int write(TenantId tenant, List<HomeFeatures> homes, Map<UUID, Long> old, LocalDate asOf,
            List<InsightStore.Row> all, ScoreModel model) {
        List<InsightStore.Row> inserts = new ArrayList<>();
        List<InsightStore.Row> updates = new ArrayList<>();
        for (HomeFeatures h : homes) {
            h.roundToStored();
            int score = model.score(h, asOf);
            long fingerprint = h.fingerprint(score, model.name());
            Long before = old.remove(h.propertyId);
            InsightStore.Row row = new InsightStore.Row(h, score, fingerprint);
            all.add(row);
            if (before == null) {
                inserts.add(row);
            } else if (before != fingerprint) {
                updates.add(row);
            }
        }
        store(tenant, all, inserts, updates, model, asOf);
        return inserts.size() + updates.size();
    }

    /**
     * Stores a pass's scores: when it changed most of the company's homes, replaces them all (an emptied partition
     * filled by one sorted COPY is several times faster than updating row by row); else inserts and updates.
     */
    private void store(TenantId tenant, List<InsightStore.Row> all, List<InsightStore.Row> inserts,
            List<InsightStore.Row> updates, ScoreModel model, LocalDate asOf) {
        if (inserts.size() + updates.size() > REPLACE_ABOVE * all.size()) {
            long started = System.nanoTime();
            store.replace(tenant, all, model.name(), asOf, clock.instant());
            log.debug("Replaced the {} scores of {} in {} ms", all.size(), tenant, (System.nanoTime() - started) / 1_000_000);
        } else {
            store.insert(tenant, inserts, model.name(), asOf, clock.instant());
            store.update(tenant, updates, model.name(), asOf, clock.instant());
        }
    }

    /**
     * Scores the stored homes again without analysing anything: trains the company's model on its decided leads (or
     * falls back to the prior) and rewrites the homes whose score changed. Runs after won and lost leads change.
     */
    @Transactional
    public AnalysisPass rescore(TenantId tenant) {
        return rescore(tenant, h -> h, null);
    }

    /**
     * The same, and when {@code explained} is given, hands it every home with its new score and explanation, best
     * first, while the scores are being stored (explained on a second thread from the rows in memory, so the homes
     * are read once). Each home is first given to {@code prepare} on the explaining workers (a CSV line, say), and
     * what it makes is handed to {@code explained} in order. The pass fails, and stores nothing, if either throws.
     */
    @Transactional
    public <T> AnalysisPass rescore(TenantId tenant, java.util.function.Function<HomeScore, T> prepare,
            @Nullable Consumer<T> explained) {
        long started = System.nanoTime();
        store.ensurePartition(tenant);
        store.lock(tenant);
        // The model learns from the homes of decided leads alone, so it is ready before the million others are read;
        // each of those is then scored as it arrives, while PostgreSQL is still sending the rest.
        List<InsightStore.Stored> decided = store.find(tenant, models.decidedHomes(tenant));
        List<HomeFeatures> decidedHomes = decided.stream().map(InsightStore.Stored::features).toList();
        LocalDate asOf = store.scoredAsOf(tenant).orElseGet(() -> asOf(tenant));
        UUID run = store.startRun(tenant, ids.next(), "RESCORE", asOf, clock.instant());
        ScoreModel model = models.train(tenant, decidedHomes, asOf, analysis.model()).<ScoreModel>map(m -> m)
                .orElse(analysis.model());
        long trained = System.nanoTime();
        List<InsightStore.Row> all = new ArrayList<>();
        List<LocalDate> scoredAsOf = new ArrayList<>();
        List<InsightStore.Row> changed = new ArrayList<>();
        store.forEachUnordered(tenant, s -> {
            HomeFeatures h = s.features();
            // The features were found as of the last pass's day: they are scored as of that day too.
            int score = model.score(h, s.asOf());
            long fingerprint = h.fingerprint(score, model.name());
            InsightStore.Row row = new InsightStore.Row(h, score, fingerprint);
            all.add(row);
            scoredAsOf.add(s.asOf());
            if (fingerprint != s.fingerprint()) {
                changed.add(row);
            }
        });
        long scored = System.nanoTime();
        Explainer explainer = explained == null ? null : Explainer.start(all, scoredAsOf, model, prepare, explained);
        try {
            store(tenant, all, List.of(), changed, model, asOf);
        } catch (RuntimeException e) {
            if (explainer != null) {
                explainer.cancelled.set(true);
            }
            throw e;
        }
        long stored = System.nanoTime();
        if (explainer != null) {
            explainer.join();
        }
        // No hot-lead alerts: a new model is not new evidence about a home; the next storm or wave is.
        long millis = (System.nanoTime() - started) / 1_000_000;
        store.finishRun(tenant, run, all.size(), changed.size(), millis, clock.instant());
        log.info("Insight rescoring for {} as of {} with {}: {} homes, {} written, {} ms (training {} ms, reading and "
                + "scoring {} ms, writing {} ms{})", tenant, asOf, model.name(), all.size(), changed.size(), millis,
                (trained - started) / 1_000_000, (scored - trained) / 1_000_000, (stored - scored) / 1_000_000,
                explainer == null ? "" : ", explanations done " + (System.nanoTime() - stored) / 1_000_000
                        + " ms after");
        return new AnalysisPass(run, "RESCORE", asOf, all.size(), changed.size(), 0, 0, millis);
    }

    /** Explains a rescoring's homes, best first, on a thread of its own while the pass stores them. */
    static final class Explainer {

        private static final int SLICE = 8_192;
        private static final int AHEAD = 8;

        private final Thread thread;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile @Nullable RuntimeException failure;

        private Explainer(Consumer<AtomicBoolean> work) {
            this.thread = Thread.ofPlatform().name("insight-explain").daemon().unstarted(() -> {
                try {
                    work.accept(cancelled);
                } catch (RuntimeException | Error e) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            });
        }

        static <T> Explainer start(List<InsightStore.Row> rows, List<LocalDate> asOf, ScoreModel model,
                java.util.function.Function<HomeScore, T> prepare, Consumer<T> each) {
            Explainer e = new Explainer(cancelled -> {
                int[] order = bestFirst(rows);
                // Explained in slices by two workers, a few slices ahead of the consumer, who takes them in order.
                int slices = (order.length + SLICE - 1) / SLICE;
                java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2,
                        Thread.ofPlatform().name("insight-explain-", 0).daemon().factory());
                try {
                    List<java.util.concurrent.Future<List<T>>> explained = new ArrayList<>();
                    for (int k = 0; k < slices; k++) {
                        while (explained.size() < Math.min(slices, k + AHEAD)) {
                            int from = explained.size() * SLICE;
                            int to = Math.min(order.length, from + SLICE);
                            explained.add(workers.submit(() -> {
                                List<T> out = new ArrayList<>(to - from);
                                for (int j = from; j < to; j++) {
                                    InsightStore.Row r = rows.get(order[j]);
                                    out.add(prepare.apply(r.features().scored(r.score(), asOf.get(order[j]),
                                            model.name(), model)));
                                }
                                return out;
                            }));
                        }
                        if (cancelled.get()) {
                            return;
                        }
                        for (T h : explained.get(k).get()) {
                            each.accept(h);
                        }
                        explained.set(k, null);
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while explaining the scores", ex);
                } catch (java.util.concurrent.ExecutionException ex) {
                    throw ex.getCause() instanceof RuntimeException re ? re : new IllegalStateException(ex.getCause());
                } finally {
                    workers.shutdownNow();
                }
            });
            e.thread.start();
            return e;
        }

        /**
         * The rows' positions best first, ties by property id as PostgreSQL orders uuids (unsigned), like the stored
         * export: a merge sort of primitive keys, as a million boxed comparisons cost seconds.
         */
        static int[] bestFirst(List<InsightStore.Row> rows) {
            int n = rows.size();
            int[] score = new int[n];
            long[] high = new long[n];
            long[] low = new long[n];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                InsightStore.Row r = rows.get(i);
                score[i] = r.score();
                high[i] = r.features().propertyId.getMostSignificantBits();
                low[i] = r.features().propertyId.getLeastSignificantBits();
                order[i] = i;
            }
            mergeSort(order, new int[n], 0, n, score, high, low);
            return order;
        }

        private static void mergeSort(int[] a, int[] tmp, int from, int to, int[] score, long[] high, long[] low) {
            if (to - from < 24) {
                for (int i = from + 1; i < to; i++) {
                    int x = a[i];
                    int j = i - 1;
                    while (j >= from && before(x, a[j], score, high, low)) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = x;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            mergeSort(a, tmp, from, mid, score, high, low);
            mergeSort(a, tmp, mid, to, score, high, low);
            if (!before(a[mid], a[mid - 1], score, high, low)) {
                return;
            }
            System.arraycopy(a, from, tmp, from, to - from);
            int i = from;
            int j = mid;
            for (int k = from; k < to; k++) {
                if (j >= to || (i < mid && !before(tmp[j], tmp[i], score, high, low))) {
                    a[k] = tmp[i++];
                } else {
                    a[k] = tmp[j++];
                }
            }
        }

        /** Row x goes before row y: a higher score, else the lower property id. */
        private static boolean before(int x, int y, int[] score, long[] high, long[] low) {
            if (score[x] != score[y]) {
                return score[x] > score[y];
            }
            int c = Long.compareUnsigned(high[x], high[y]);
            return c != 0 ? c < 0 : Long.compareUnsigned(low[x], low[y]) < 0;
        }

        void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while explaining the scores", e);
            }
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
        }
    }

    /** The roof module's latest analysis of each home, where there is one. */
    private void applyRoofs(TenantId tenant, List<HomeFeatures> homes) {
        dev.ridgeline.insight.RoofConditionSource source = roofs.getIfAvailable();
        if (source == null) {
            return;
        }
        Map<UUID, dev.ridgeline.insight.RoofConditionSource.RoofCondition> latest = source.latest(tenant);
        for (HomeFeatures h : homes) {
            var c = latest.get(h.propertyId);
            h.roofUrgency = c == null ? -1 : c.urgency();
            h.roofAnalysedOn = c == null ? null : c.analysedOn();
            h.roofFinding = c == null ? null : c.reason();
        }
    }

    /**
     * A home's roof was analysed: its score takes the analysis in at once (a rule it now meets fires). Answers the new
     * score, or empty when the home has not been analysed by insight yet (the next pass counts it).
     */
    @Transactional
    public java.util.Optional<Integer> roofAnalysed(TenantId tenant, UUID propertyId) {
        dev.ridgeline.insight.RoofConditionSource source = roofs.getIfAvailable();
        store.lock(tenant);
        java.util.Optional<InsightStore.Stored> stored = store.find(tenant, propertyId);
        if (stored.isEmpty() || source == null) {
            return java.util.Optional.empty();
        }
        HomeFeatures h = stored.get().features();
        LocalDate asOf = stored.get().asOf();
        var c = source.latest(tenant, propertyId).orElse(null);
        h.roofUrgency = c == null ? -1 : c.urgency();
        h.roofAnalysedOn = c == null ? null : c.analysedOn();
        h.roofFinding = c == null ? null : c.reason();
        ScoreModel model = models.current(tenant, analysis.model());
        int score = model.score(h, asOf);
        long fingerprint = h.fingerprint(score, model.name());
        if (fingerprint != stored.get().fingerprint()) {
            InsightStore.Row row = new InsightStore.Row(h, score, fingerprint);
            store.update(tenant, List.of(row), model.name(), asOf, clock.instant());
            hotRules.apply(tenant, List.of(row), asOf, model);
        }
        return java.util.Optional.of(score);
    }

    /**
     * Records a homeowner's sign of interest and scores their home again at once, so that a rule it now meets fires
     * (engagement is a hot-lead trigger). The day is the company's analysis day when that is pinned in the past.
     * Answers the home's new score, or empty when the home has not been analysed yet (the next pass counts it).
     */
    @Transactional
    public java.util.Optional<Integer> engaged(TenantId tenant, UUID propertyId, EngagementKind kind, String source) {
        LocalDate day = asOf(tenant);
        engagements.record(tenant, propertyId, kind, day, source);
        store.lock(tenant);
        java.util.Optional<InsightStore.Stored> stored = store.find(tenant, propertyId);
        if (stored.isEmpty()) {
            return java.util.Optional.empty();
        }
        HomeFeatures h = stored.get().features();
        LocalDate asOf = stored.get().asOf();
        engagements.apply(tenant, List.of(h), asOf);
        ScoreModel model = models.current(tenant, analysis.model());
        int score = model.score(h, asOf);
        long fingerprint = h.fingerprint(score, model.name());
        if (fingerprint != stored.get().fingerprint()) {
            InsightStore.Row row = new InsightStore.Row(h, score, fingerprint);
            store.update(tenant, List.of(row), model.name(), asOf, clock.instant());
            int hot = hotRules.apply(tenant, List.of(row), asOf, model);
            log.info("Homeowner at {} {} ({}): score {}, {} new hot alerts", h.address, kind.words(), source, score,
                    hot);
        }
        return java.util.Optional.of(score);
    }

    public Analysis.Inputs inputs(TenantId tenant, LocalDate asOf) {
        LocalDate from = asOf.minusDays(settings.lookbackDays());
        // Roofing permits, and new-construction permits (a new house has a new roof): the rest is not kept.
        List<Permit> permits = new ArrayList<>();
        signals.forEachPermit(tenant, false, p -> {
            if (p.category().roofing() || Analysis.newConstruction(p)) {
                permits.add(p);
            }
        });
        return new Analysis.Inputs(signals.stormReports(tenant, from, asOf), signals.hailTiles(tenant, from, asOf),
                permits, signals.areaClaims(tenant, asOf.minusDays(365), asOf));
    }

    static HomeFeatures features(PropertyPoint p) {
        HomeFeatures h = new HomeFeatures(p.id(), p.address(), p.addressKey(), p.city(), p.postalCode(), p.latitude(),
                p.longitude(), p.h3r7());
        h.yearBuilt = p.yearBuilt();
        return h;
    }
}

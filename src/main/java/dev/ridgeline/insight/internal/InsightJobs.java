package dev.ridgeline.insight.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.ridgeline.insight.EngagementKind;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadStageChanged;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.BuildingsImported;
import dev.ridgeline.property.ContactsImported;
import dev.ridgeline.property.PermitHomesAdded;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.signals.StormReportsImported;

/**
 * When analysis passes run, on one node at a time (db-scheduler): a storm pass a few seconds after storm reports
 * arrive, a full pass after permits (once their addresses are homes) or homes arrive, a rescoring a minute after a lead
 * is won or lost (its model may learn from it), and a full pass of every company once a day (and at start, so data
 * imported from the command line is analysed when the app next runs). Imports in quick succession share one pass: a
 * pass is keyed by company and a ten-second window (a rescoring: a minute).
 */
@Configuration(proxyBeanMethods = false)
class InsightJobs {

    static final String FULL = "insight-full";
    static final String STORMS = "insight-storms";
    static final String RESCORE = "insight-rescore";
    private static final Logger log = LoggerFactory.getLogger(InsightJobs.class);

    /** Job data of a storm pass. */
    record StormDays(UUID tenant, LocalDate first, LocalDate last) implements java.io.Serializable {
    }

    @Bean
    OneTimeTask<UUID> insightFullTask(ObjectProvider<InsightPasses> passes) {
        return Tasks.oneTime(FULL, UUID.class)
                .execute((instance, ctx) -> passes.getObject().full(new TenantId(instance.getData())));
    }

    @Bean
    OneTimeTask<StormDays> insightStormTask(ObjectProvider<InsightPasses> passes) {
        return Tasks.oneTime(STORMS, StormDays.class).execute((instance, ctx) -> {
            StormDays d = instance.getData();
            passes.getObject().storms(new TenantId(d.tenant()), d.first(), d.last());
        });
    }

    @Bean
    OneTimeTask<UUID> insightRescoreTask(ObjectProvider<InsightPasses> passes) {
        return Tasks.oneTime(RESCORE, UUID.class)
                .execute((instance, ctx) -> passes.getObject().rescore(new TenantId(instance.getData())));
    }

    @Bean
    RecurringTask<Void> insightNightly(ObjectProvider<InsightPasses> passes, ObjectProvider<PropertyService> homes) {
        return Tasks.recurring("insight-nightly", FixedDelay.of(Duration.ofHours(24))).execute((instance, ctx) -> {
            for (TenantId t : homes.getObject().companiesWithLocatedHomes()) {
                try {
                    passes.getObject().full(t);
                } catch (RuntimeException e) {
                    log.error("Insight pass for company {} failed", t, e);
                }
            }
        });
    }

    /** Turns import events into scheduled passes. */
    @Component
    static class Triggers {

        private static final Duration SETTLE = Duration.ofSeconds(3);

        private final ObjectProvider<SchedulerClient> scheduler;
        private final OneTimeTask<UUID> full;
        private final OneTimeTask<StormDays> storms;
        private final OneTimeTask<UUID> rescore;
        private final Clock clock;

        private final ObjectProvider<LeadsService> leads;
        private final ObjectProvider<PropertyService> homes;
        private final ObjectProvider<InsightStore> store;
        private final ObjectProvider<InsightPasses> passes;

        Triggers(ObjectProvider<SchedulerClient> scheduler, OneTimeTask<UUID> insightFullTask,
                OneTimeTask<StormDays> insightStormTask, OneTimeTask<UUID> insightRescoreTask, Clock clock,
                ObjectProvider<LeadsService> leads, ObjectProvider<InsightPasses> passes,
                ObjectProvider<PropertyService> homes, ObjectProvider<InsightStore> store) {
            this.homes = homes;
            this.store = store;
            this.leads = leads;
            this.passes = passes;
            this.scheduler = scheduler;
            this.full = insightFullTask;
            this.rescore = insightRescoreTask;
            this.storms = insightStormTask;
            this.clock = clock;
        }

        @ApplicationModuleListener
        void on(StormReportsImported e) {
            schedule(STORMS, e.tenantId(), s -> s.scheduleIfNotExists(
                    storms.instance(e.tenantId().value() + "-" + e.firstDay() + "-" + e.lastDay() + "-" + window(),
                            new StormDays(e.tenantId().value(), e.firstDay(), e.lastDay())), at()));
        }

        /** After a permit import, once its addresses are in the property graph. */
        @ApplicationModuleListener
        void on(PermitHomesAdded e) {
            scheduleFull(e.tenant());
        }

        @ApplicationModuleListener
        void on(BuildingsImported e) {
            scheduleFull(e.tenant());
        }

        @ApplicationModuleListener
        void on(ContactsImported e) {
            scheduleFull(e.tenant());
        }

        /**
         * At start, a company with homes but no stored scores (new data imported from the command line, a migration
         * that dropped derived scores, a restored backup) gets a full pass.
         */
        @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
        void onStart() {
            for (TenantId tenant : homes.getObject().companiesWithLocatedHomes()) {
                if (!store.getObject().hasScores(tenant)) {
                    log.info("Company {} has homes but no lead scores: a full pass is scheduled", tenant);
                    scheduleFull(tenant);
                }
            }
        }

        /**
         * A homeowner who books an inspection has engaged: the home is scored again at once. (The conditions here are
         * weighed before an event is written to the publication registry: a lead moved to Contacted by a sequence's
         * first touch costs nothing.)
         */
        @ApplicationModuleListener(condition = "#p0.to() == T(dev.ridgeline.leads.LeadStage).INSPECTION_BOOKED")
        void onBooked(LeadStageChanged e) {
            if (e.to() == LeadStage.INSPECTION_BOOKED) {
                leads.getObject().propertyOf(e.tenantId(), e.leadId()).ifPresent(home -> passes.getObject()
                        .engaged(e.tenantId(), home, EngagementKind.BOOKED, "lead moved to Inspection booked"));
            }
        }

        /** A lead won or lost (or reopened) changes what the company's model learns from: score again, in a minute. */
        @ApplicationModuleListener(condition = "#p0.from().decided() || #p0.to().decided()")
        void on(LeadStageChanged e) {
            if (e.from().decided() || e.to().decided()) {
                schedule(RESCORE, e.tenantId(), s -> s.scheduleIfNotExists(
                        rescore.instance(e.tenantId().value() + "-" + clock.millis() / 60_000, e.tenantId().value()),
                        clock.instant().plus(Duration.ofMinutes(1))));
            }
        }

        private void scheduleFull(TenantId tenant) {
            schedule(FULL, tenant, s -> s.scheduleIfNotExists(
                    full.instance(tenant.value() + "-" + window(), tenant.value()), at()));
        }

        private void schedule(String what, TenantId tenant, java.util.function.Consumer<SchedulerClient> action) {
            SchedulerClient client = scheduler.getIfAvailable();
            if (client == null) {
                log.info("No job scheduler here (command line): {} for company {} runs when the app next starts",
                        what, tenant);
                return;
            }
            action.accept(client);
        }

        private long window() {
            return clock.millis() / 10_000;
        }

        private Instant at() {
            return clock.instant().plus(SETTLE);
        }
    }
}

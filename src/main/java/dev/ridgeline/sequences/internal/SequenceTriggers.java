package dev.ridgeline.sequences.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.ridgeline.insight.InsightService;
import dev.ridgeline.insight.LeadBecameHot;
import dev.ridgeline.insight.StormExposureUpdated;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.Property;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.sequences.SequenceTrigger;
import dev.ridgeline.sequences.SequencesService;

/**
 * Enrols leads when a trigger fires: a home became a hot lead, or a storm's hail reached homes on file. The home's
 * lead is found (or made, by the sequence's builder) and enrolled under the sequence's rules, as if by hand; each
 * event is heard once (the event registry replays it after a crash, and the enrolment is idempotent).
 */
@Component
class SequenceTriggers {

    private static final Logger log = LoggerFactory.getLogger(SequenceTriggers.class);
    private static final int BATCH = 1_000;

    private final SequenceRepository sequences;
    private final SequencesService service;
    private final LeadsService leads;
    private final PropertyService properties;
    private final InsightService insight;

    SequenceTriggers(SequenceRepository sequences, SequencesService service, LeadsService leads,
            PropertyService properties, InsightService insight) {
        this.sequences = sequences;
        this.service = service;
        this.leads = leads;
        this.properties = properties;
        this.insight = insight;
    }

    @ApplicationModuleListener
    void on(LeadBecameHot hot) {
        for (SequenceTrigger t : sequences.triggers(hot.tenantId(), null, SequenceTrigger.Kind.HOT_LEAD)) {
            if (t.hotRuleId() == null || t.hotRuleId().equals(hot.ruleId())) {
                enrol(hot.tenantId(), t, List.of(hot.propertyId()), "trigger: hot lead (" + hot.ruleName() + ")");
            }
        }
    }

    @ApplicationModuleListener
    void on(StormExposureUpdated updated) {
        for (SequenceTrigger t : sequences.triggers(updated.tenantId(), null, SequenceTrigger.Kind.STORM)) {
            List<UUID> homes = insight.homesHit(updated.tenantId(), updated.firstDay(), updated.lastDay(),
                    t.minHailInches() == null ? 0 : t.minHailInches(), t.zips());
            enrol(updated.tenantId(), t, homes, "trigger: hail of " + t.minHailInches() + " in or more, "
                    + (updated.firstDay().equals(updated.lastDay()) ? updated.firstDay()
                            : updated.firstDay() + " to " + updated.lastDay()));
        }
    }

    private void enrol(TenantId tenant, SequenceTrigger t, List<UUID> homes, String how) {
        if (homes.isEmpty()) {
            return;
        }
        Actor actor = service.builder(tenant, t.sequenceId()).orElse(null);
        if (actor == null) {
            log.warn("Trigger {} of sequence {} ({}) fired for {} homes, but whoever built the sequence is no longer "
                    + "active: nothing enrolled", t.id(), t.sequenceId(), tenant, homes.size());
            return;
        }
        int enrolled = 0;
        int refused = 0;
        for (int i = 0; i < homes.size(); i += BATCH) {
            List<UUID> leadIds = new ArrayList<>();
            for (UUID home : homes.subList(i, Math.min(homes.size(), i + BATCH))) {
                leadIds.add(leads.forHome(actor, home, () -> newLead(actor, home, how)).id());
            }
            var result = service.enrolByTrigger(tenant, t.sequenceId(), leadIds, how).orElse(null);
            if (result == null) {
                return;
            }
            enrolled += result.enrolled();
            refused += result.refused().size();
        }
        log.info("Trigger {} of sequence {} ({}): {} homes, {} enrolled, {} left out by its rules", t.id(),
                t.sequenceId(), tenant, homes.size(), enrolled, refused);
    }

    private NewLead newLead(Actor actor, UUID home, String how) {
        Property p = properties.get(actor, home);
        return new NewLead(p.address(), p.city(), p.state(), p.postalCode(), null, p.latitude(), p.longitude(), null,
                "Started by a sequence " + how);
    }
}

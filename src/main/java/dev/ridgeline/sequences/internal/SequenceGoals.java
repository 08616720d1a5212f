package dev.ridgeline.sequences.internal;

import java.time.Clock;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadStageChanged;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessageReplied;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.MessageStatusChanged;

/**
 * Goals that end a lead's enrolments early, heard as they happen (in the transaction that records them, so a step
 * claimed a moment later sees them): a reply on any channel to a sequence's message, a stage that means booked, won
 * or lost, and a send refused for opt-out, missing consent, do-not-call or suppression, or a hard bounce. The engine
 * checks the lead's stage again before each send as well.
 */
@Component
class SequenceGoals {

    /** Failure codes that mean the person is not to be contacted this way again. */
    static final Set<String> UNREACHABLE = Set.of("opted-out", "no-consent", "consent-refused", "do-not-call",
            "suppressed", "unusable");

    private final EnrolmentRepository enrolments;
    private final LeadsService leads;
    private final Clock clock;

    SequenceGoals(EnrolmentRepository enrolments, LeadsService leads, Clock clock) {
        this.enrolments = enrolments;
        this.leads = leads;
        this.clock = clock;
    }

    @EventListener
    void on(MessageReplied replied) {
        String how = "replied by " + (replied.channel() == Channel.SMS ? "text"
                : replied.channel() == Channel.EMAIL ? "email" : "phone");
        enrolments.recordReply(replied.tenantId(), replied.messageId(), clock.instant()).ifPresent(lead -> {
            enrolments.stopLead(replied.tenantId(), lead, how, clock.instant());
            leads.advance(replied.tenantId(), lead, LeadStage.ENGAGED, "the homeowner " + how
                    + " to a sequence's message");
        });
    }

    /**
     * Lost ends every enrolment of the lead; another stage ends those whose sequences are done at it. A first
     * arrival at a later stage is credited to the sequence step that touched the lead last.
     */
    @EventListener
    void on(LeadStageChanged changed) {
        java.time.Instant now = clock.instant();
        if (changed.to() == LeadStage.LOST) {
            enrolments.stopLead(changed.tenantId(), changed.leadId(), "lost", now);
            return;
        }
        String goal = SequenceEngine.goalReached(changed.to(), changed.to());
        enrolments.stopLeadAtStage(changed.tenantId(), changed.leadId(), changed.to(),
                goal == null ? "reached " + changed.to().label() : goal, now);
        if (changed.to().ordinal() > changed.from().ordinal()) {
            enrolments.recordConversion(changed.tenantId(), changed.leadId(), changed.to(), now);
        }
    }

    @EventListener
    void on(MessageStatusChanged changed) {
        boolean unreachable = changed.status().failed() && changed.failureCode() != null
                && UNREACHABLE.contains(changed.failureCode());
        boolean hardBounce = changed.status() == MessageStatus.BOUNCED
                && changed.failureClass() == dev.ridgeline.outreach.FailureClass.PERMANENT;
        if (unreachable || hardBounce) {
            enrolments.leadOfMessage(changed.tenantId(), changed.messageId()).ifPresent(lead ->
                    enrolments.stopLead(changed.tenantId(), lead, hardBounce ? "hard bounce"
                            : "not contactable: " + changed.failureCode(), clock.instant()));
        }
    }
}

package dev.ridgeline.voice;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.voice.agent.QualificationAgent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Click-to-call: the rep's phone rings first, then the homeowner is dialled from the company's caller id, with the
 * recording announced where the home's state needs every party's consent; the talk time goes on the timeline.
 */
@Service
public class ClickToCall {

    private final VoiceService voice;
    private final JdbcClient jdbc;
    private final LeadsService leads;
    private final PropertyService properties;
    private final OutreachService outreach;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ClickToCall(VoiceService voice, JdbcClient jdbc, LeadsService leads, PropertyService properties,
            OutreachService outreach, IdentityService identity, ApplicationEventPublisher events, Clock clock) {
        this.voice = voice;
        this.jdbc = jdbc;
        this.leads = leads;
        this.properties = properties;
        this.outreach = outreach;
        this.identity = identity;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Click-to-call: the rep's own phone (My profile) rings first; when the rep answers, the homeowner is dialled
     * from the company's caller id and the two are connected. Where the homeowner's state needs every party's consent
     * to record (or is not known), the homeowner hears that the call is recorded before it is.
     */
    @Transactional
    public VoiceCall clickToCall(Actor actor, UUID leadId) {
        String repPhone = identity.getUser(actor, actor.userId()).phone();
        if (repPhone == null || repPhone.isBlank()) {
            throw InvalidInputException.of("phone", "add your phone number under My profile: your phone rings first");
        }
        return voice.place(actor, leadId, "click_to_call", repPhone);
    }

    /** The rep's number, for a click-to-call the voice channel is about to place. */
    @Transactional(readOnly = true)
    public Optional<String> repFirst(TenantId tenant, UUID messageId) {
        return jdbc.sql("select rep_phone from voice.call where tenant_id = :t and message_id = :m and kind = 'click_to_call'")
                .param("t", tenant.value()).param("m", messageId).query(String.class).optional();
    }

    /**
     * The rep answered a click-to-call: what they hear, and the homeowner's state (for the recording notice). The
     * call's turn moves to 1, so a repeated request changes nothing.
     */
    @Transactional
    public Bridge repAnswered(TenantId tenant, UUID callId) {
        VoiceCall c = voice.lock(tenant, callId);
        Lead lead = leads.find(tenant, c.leadId()).orElseThrow(() -> new NotFoundException("lead", c.leadId()));
        String state = leads.propertyOf(tenant, c.leadId()).map(p -> properties.details(voice.requester(tenant, callId), p)
                .property().state()).orElse(lead.region());
        boolean announce = RecordingConsent.announce(state);
        String callerId = outreach.find(tenant, c.messageId()).map(m -> m.fromAddress()).orElse(null);
        if (c.turn() == 0) {
            List<QualificationAgent.Line> lines = new ArrayList<>();
            lines.add(new QualificationAgent.Line("agent", "(to the rep) Connecting you to "
                    + (lead.homeownerName() == null ? "the homeowner" : lead.homeownerName()) + " at " + lead.place() + "."));
            lines.add(new QualificationAgent.Line("agent", announce ? "(to the homeowner) This call is recorded."
                    + (state == null ? " The home's state is not known." : " " + state + " needs every party's consent to "
                            + "record.") : "(no recording notice) " + state + " needs one party's consent to record: the "
                                    + "rep's."));
            jdbc.sql("""
                    update voice.call set turn = 1, status = 'in-progress', answered_at = :at,
                      transcript = cast(:tr as jsonb) where tenant_id = :t and id = :id""")
                    .param("at", Timestamp.from(clock.instant())).param("tr", json.writeValueAsString(lines))
                    .param("t", tenant.value()).param("id", callId).update();
        }
        return new Bridge(lead.homeownerName() == null ? "the homeowner" : lead.homeownerName(), lead.place(),
                c.toNumber(), callerId, announce);
    }

    /** What the rep hears and whom they are put through to. */
    public record Bridge(String homeowner, String place, String number, @Nullable String callerId, boolean announce) {
    }

    /**
     * The homeowner's leg of a click-to-call ended ({@code dialStatus}: completed, answered, busy, no-answer, failed,
     * canceled) after {@code seconds} of talk (negative: since the rep answered): the call ends, with a line on the
     * timeline.
     */
    @Transactional
    public void bridged(TenantId tenant, UUID callId, String dialStatus, int seconds) {
        voice.endClickToCall(tenant, callId, dialStatus, seconds);
    }

}

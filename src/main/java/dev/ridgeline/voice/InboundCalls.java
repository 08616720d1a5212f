package dev.ridgeline.voice;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/**
 * Calls to the company's own number. A homeowner the company has called before (the number is on an earlier call)
 * is answered by the assistant, which greets them as the company and goes on as on any qualification call, when the
 * company's settings say so; anyone else, or everyone where the settings say forward, is put through to a person:
 * the phone in the settings, else the lead's rep (My profile). With nobody to put the call through to, the caller is
 * told the company will call back, and the lead's timeline says who called.
 */
@Service
public class InboundCalls {

    private static final Logger log = LoggerFactory.getLogger(InboundCalls.class);

    /** What to do with an incoming call: the assistant takes it ({@code call}), or put it through ({@code forwardTo}). */
    public record Answer(@Nullable VoiceCall call, @Nullable String forwardTo, String company, @Nullable UUID leadId) {
    }

    private final JdbcClient jdbc;
    private final VoiceService voice;
    private final LeadsService leads;
    private final IdentityService identity;
    private final IdGenerator ids;
    private final Clock clock;
    private final String publicUrl;

    InboundCalls(JdbcClient jdbc, VoiceService voice, LeadsService leads, IdentityService identity, IdGenerator ids,
            Clock clock, PlatformProperties platform) {
        this.jdbc = jdbc;
        this.voice = voice;
        this.leads = leads;
        this.identity = identity;
        this.ids = ids;
        this.clock = clock;
        this.publicUrl = platform.publicUrl().replaceAll("/+$", "");
    }

    /** The address to give Twilio as the number's "A call comes in" webhook. */
    public String url(TenantId tenant) {
        return publicUrl + "/hooks/voice/" + tenant.value() + "/inbound";
    }

    private record Earlier(UUID leadId, UUID requestedBy, String role) {
    }

    /** Decides who answers a call from {@code from} (E.164) that Twilio names {@code callSid}; the same call asked again gets the same answer. */
    @Transactional
    public Answer answer(TenantId tenant, String from, String callSid) {
        Tenant company = identity.getTenant(tenant);
        Optional<VoiceCall> same = jdbc.sql("select id from voice.call where tenant_id = :t and kind = 'inbound' "
                + "and vendor_sid = :sid").param("t", tenant.value()).param("sid", callSid).query(UUID.class).optional()
                .map(id -> voice.get(tenant, id));
        if (same.isPresent()) {
            return new Answer(same.get(), null, company.name(), same.get().leadId());
        }
        Optional<Earlier> earlier = jdbc.sql("""
                select lead_id, requested_by, requested_role from voice.call
                where tenant_id = :t and to_number = :from order by created_at desc limit 1""")
                .param("t", tenant.value()).param("from", from)
                .query((rs, n) -> new Earlier(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
                .optional();
        VoiceSettings settings = voice.settings(tenant);
        Optional<Lead> lead = earlier.flatMap(e -> leads.find(tenant, e.leadId()));
        if (earlier.isPresent() && lead.isPresent() && settings.inboundMode().equals("assistant")) {
            UUID id = ids.next();
            Earlier e = earlier.get();
            jdbc.sql("""
                    insert into voice.call (tenant_id, id, message_id, lead_id, kind, script, to_number, requested_by,
                      requested_role, status, vendor_sid, created_at)
                    values (:t, :id, :m, :lead, 'inbound', :script, :to, :by, :role, 'ringing', :sid, :at)""")
                    .param("t", tenant.value()).param("id", id).param("m", ids.next()).param("lead", e.leadId())
                    .param("script", settings.agentName() + ", " + settings.tone()).param("to", from)
                    .param("by", e.requestedBy()).param("role", e.role()).param("sid", callSid)
                    .param("at", Timestamp.from(clock.instant())).update();
            log.info("Call from a known homeowner to company {}: the assistant answers (call {})", tenant, id);
            return new Answer(voice.get(tenant, id), null, company.name(), e.leadId());
        }
        String to = settings.forwardTo();
        if (to == null) {
            to = lead.map(Lead::ownerId).flatMap(rep -> identity.findUser(tenant, rep)).map(u -> u.phone())
                    .filter(p -> p != null && !p.isBlank()).orElse(null);
        }
        if (lead.isPresent()) {
            Earlier e = earlier.get();
            leads.addNote(Actor.user(tenant, new UserId(e.requestedBy()), Role.valueOf(e.role())), e.leadId(),
                    "The homeowner called the company's number from " + from
                            + (to == null ? "; nobody was set to take it, so call them back." : "; put through to " + to + "."));
        }
        return new Answer(null, to, company.name(), lead.map(Lead::id).orElse(null));
    }
}

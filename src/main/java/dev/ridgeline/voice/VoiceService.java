package dev.ridgeline.voice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.PhoneBlocks;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.property.ContactPoint;
import dev.ridgeline.property.PropertyDetails;
import dev.ridgeline.property.PropertyService;
import dev.ridgeline.voice.agent.ChatUnderstanding;
import dev.ridgeline.voice.agent.QualificationAgent;
import dev.ridgeline.voice.agent.RulesUnderstanding;
import dev.ridgeline.voice.agent.Understanding;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * AI qualification calls: placed through the outreach voice channel (so consent, do-not-call, calling hours and the
 * attempt limits apply at the moment of dialling), run turn by turn by the {@link QualificationAgent} whatever carries
 * the audio (Twilio's {@code <Gather>}, the sandbox page), and applied when they end: an opt-out everywhere, a wrong
 * number marked, an inspection booked on the rep's calendar with the lead moved and a confirmation text, a call back
 * noted; the summary goes on the lead's timeline and {@link CallCompleted} is published.
 */
@Service
public class VoiceService {

    private static final Logger log = LoggerFactory.getLogger(VoiceService.class);
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h a", Locale.US);
    /** Calls still ringing or talking after this long are closed as failed: a lost report must not hold a call open. */
    static final Duration STALE = Duration.ofHours(2);

    private final JdbcClient jdbc;
    private final LeadsService leads;
    private final PropertyService properties;
    private final OutreachService outreach;
    private final PhoneBlocks phoneBlocks;
    private final IdentityService identity;
    private final ConnectionsService connections;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final org.springframework.beans.factory.ObjectProvider<com.github.kagkarlsson.scheduler.SchedulerClient> scheduler;
    private final com.github.kagkarlsson.scheduler.task.helper.OneTimeTask<dev.ridgeline.voice.internal.VoiceJobs.CallBack> callBacks;

    VoiceService(JdbcClient jdbc, LeadsService leads, PropertyService properties, OutreachService outreach,
            PhoneBlocks phoneBlocks, IdentityService identity, ConnectionsService connections,
            ApplicationEventPublisher events, IdGenerator ids, Clock clock,
            org.springframework.beans.factory.ObjectProvider<com.github.kagkarlsson.scheduler.SchedulerClient> scheduler,
            com.github.kagkarlsson.scheduler.task.helper.OneTimeTask<dev.ridgeline.voice.internal.VoiceJobs.CallBack> callBacks) {
        this.scheduler = scheduler;
        this.callBacks = callBacks;
        this.jdbc = jdbc;
        this.leads = leads;
        this.properties = properties;
        this.outreach = outreach;
        this.phoneBlocks = phoneBlocks;
        this.identity = identity;
        this.connections = connections;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Asks for an AI call to a lead's homeowner: the first usable phone number on the home's contacts. The call is
     * queued like any outreach; the voice channel decides at dialling time whether it may go now, later or not at all.
     */
    @Transactional
    public VoiceCall callLead(Actor actor, UUID leadId) {
        actor.require(Permission.LEADS_VIEW_ALL);
        return place(actor, leadId, "agent", null);
    }

    /** Places a call of {@code kind} (agent, click_to_call) to the lead's first usable number. */
    VoiceCall place(Actor actor, UUID leadId, String kind, @Nullable String repPhone) {
        Lead lead = leads.get(actor, leadId);
        UUID property = leads.propertyOf(actor.tenantId(), leadId).orElseThrow(() -> InvalidInputException.of("lead",
                "the lead is not linked to a home, so there is no number to call"));
        String phone = properties.contacts(actor.tenantId(), property).stream().flatMap(c -> c.phones().stream())
                .filter(ContactPoint::usable).map(ContactPoint::value).findFirst()
                .orElseThrow(() -> InvalidInputException.of("phone", "no usable phone number on record for "
                        + lead.place()));
        Optional<VoiceCall> open = calls(actor, leadId).stream().filter(c -> !c.ended()).findFirst();
        if (open.isPresent()) {
            throw InvalidInputException.of("lead", "a call to " + lead.place() + " is already under way");
        }
        UUID id = ids.next();
        boolean agent = kind.equals("agent");
        OutboundMessage m = outreach.send(new SendRequest(actor.tenantId(), Channel.VOICE, MessagePurpose.OUTREACH,
                phone, null, (agent ? "AI qualification call to " : "Click-to-call to ") + lead.place(),
                "voice-" + kind + ":" + id, actor.userId()));
        VoiceSettings settings = settings(actor.tenantId());
        jdbc.sql("""
                insert into voice.call (tenant_id, id, message_id, lead_id, kind, script, to_number, rep_phone,
                  requested_by, requested_role, status, created_at)
                values (:t, :id, :m, :lead, :kind, :script, :to, :rep, :by, :role, :status, :at)""")
                .param("t", actor.tenantId().value()).param("id", id).param("m", m.id()).param("lead", leadId)
                .param("kind", kind).param("script", agent ? settings.agentName() + ", " + settings.tone() : "click-to-call")
                .param("to", phone).param("rep", repPhone).param("by", actor.userId().value())
                .param("role", actor.role().name())
                .param("status", m.status().name().equals("FAILED") ? "failed" : "queued")
                .param("at", Timestamp.from(clock.instant())).update();
        return get(actor.tenantId(), id);
    }

    /**
     * The call back a homeowner asked for, when it is due: a new AI call, unless the lead has moved on (won, lost or
     * booked) or another call is under way; the voice channel still decides whether it may dial now.
     */
    public void callBack(dev.ridgeline.voice.internal.VoiceJobs.CallBack due) {
        TenantId tenant = new TenantId(due.tenant());
        Actor actor = Actor.user(tenant, new UserId(due.user()), Role.valueOf(due.role()));
        Optional<Lead> lead = leads.find(tenant, due.lead());
        if (lead.isEmpty() || !lead.get().stage().open() || lead.get().stage() == LeadStage.INSPECTION_BOOKED) {
            return;
        }
        try {
            callLead(actor, due.lead());
        } catch (InvalidInputException | NotFoundException e) {
            log.info("The call back to lead {} was not placed: {}", due.lead(), e.getMessage());
        }
    }

    /** A lead's calls, newest first. */
    @Transactional(readOnly = true)
    public List<VoiceCall> calls(Actor actor, UUID leadId) {
        leads.get(actor, leadId);
        return jdbc.sql(SELECT + " where c.tenant_id = :t and c.lead_id = :lead order by c.created_at desc limit 50")
                .param("t", actor.tenantId().value()).param("lead", leadId).query((rs, n) -> row(rs)).list();
    }

    /** One call, checked against what the person may see. */
    @Transactional(readOnly = true)
    public VoiceCall call(Actor actor, UUID callId) {
        VoiceCall c = get(actor.tenantId(), callId);
        leads.get(actor, c.leadId());
        return c;
    }

    /** The call that an outreach message placed, if it is an AI call. */
    @Transactional(readOnly = true)
    public Optional<VoiceCall> byMessage(TenantId tenant, UUID messageId) {
        return jdbc.sql(SELECT + " where c.tenant_id = :t and c.message_id = :m").param("t", tenant.value())
                .param("m", messageId).query((rs, n) -> row(rs)).optional();
    }

    /** A call's progress as the provider reports it; a call that was never answered ends here. */
    @Transactional
    public void progress(TenantId tenant, UUID callId, String status) {
        VoiceCall c = get(tenant, callId);
        if (c.ended()) {
            return;
        }
        switch (status) {
            case "ringing", "initiated" -> jdbc.sql("update voice.call set status = 'ringing' where tenant_id = :t "
                    + "and id = :id and status = 'queued'").param("t", tenant.value()).param("id", callId).update();
            case "in-progress", "answered" -> jdbc.sql("""
                    update voice.call set status = 'in-progress', answered_at = coalesce(answered_at, :at)
                    where tenant_id = :t and id = :id""").param("at", Timestamp.from(clock.instant()))
                    .param("t", tenant.value()).param("id", callId).update();
            case "completed" -> hangUp(tenant, callId);
            case "busy", "no-answer", "failed", "canceled" -> {
                jdbc.sql("update voice.call set status = :s, ended_at = :at where tenant_id = :t and id = :id")
                        .param("s", status).param("at", Timestamp.from(clock.instant())).param("t", tenant.value())
                        .param("id", callId).update();
                String reason = status.equals("failed") || status.equals("canceled")
                        ? outreach.find(tenant, c.messageId()).map(m -> m.failureReason()).orElse(null) : null;
                note(tenant, get(tenant, callId), reason != null ? "AI call not placed: " + reason
                        : "AI call not answered (" + status.replace('-', ' ') + ")");
                events.publishEvent(new CallCompleted(tenant, callId, c.leadId(), "NOT_ANSWERED", false, null, 0));
            }
            default -> log.debug("Call {}: status {} ignored", callId, status);
        }
    }

    /**
     * What answered, from machine detection. At the end of a machine's greeting (the beep, or silence) the company's
     * voicemail message is left in place of the dialogue and the call ends; a fax ends it at once; a person goes on.
     */
    @Transactional
    public void answeredBy(TenantId tenant, UUID callId, String answeredBy) {
        VoiceCall c = lock(tenant, callId);
        jdbc.sql("update voice.call set answered_by = :a where tenant_id = :t and id = :id").param("a", answeredBy)
                .param("t", tenant.value()).param("id", callId).update();
        if (c.ended() || !(answeredBy.startsWith("machine_end") || answeredBy.equals("fax"))) {
            return;
        }
        String summary;
        String result;
        List<QualificationAgent.Line> transcript = new ArrayList<>(c.transcript());
        if (answeredBy.equals("fax")) {
            summary = "AI call: a fax machine answered.";
            result = "FAX";
            hangUpProvider(tenant, c, dev.ridgeline.voice.internal.Twiml.hangUp());
        } else {
            QualificationAgent.Script script = setup(tenant, c).script();
            String message = settings(tenant).voicemailText()
                    .replace("{name}", script.ownerFirstName().isBlank() ? "there" : script.ownerFirstName())
                    .replace("{agent}", script.agentName()).replace("{company}", script.company())
                    .replace("{storm}", script.stormDate() == null ? "the recent storms"
                            : "the hailstorm on " + script.stormDate().format(DateTimeFormatter.ofPattern("MMMM d",
                                    Locale.US)));
            boolean left = hangUpProvider(tenant, c, dev.ridgeline.voice.internal.Twiml.goodbye(message,
                    dev.ridgeline.voice.internal.Twiml.DEFAULT_VOICE));
            transcript.add(new QualificationAgent.Line("agent", "(voicemail) " + message));
            summary = left ? "AI call: reached voicemail; message left." : "AI call: reached voicemail; the message "
                    + "could not be left.";
            result = left ? "VOICEMAIL_LEFT" : "VOICEMAIL";
        }
        jdbc.sql("""
                update voice.call set status = 'completed', ended_at = :at, summary = :s,
                  transcript = cast(:transcript as jsonb)
                where tenant_id = :t and id = :id""")
                .param("at", Timestamp.from(clock.instant())).param("s", summary)
                .param("transcript", json.writeValueAsString(transcript)).param("t", tenant.value())
                .param("id", callId).update();
        note(tenant, c, summary);
        events.publishEvent(new CallCompleted(tenant, callId, c.leadId(), result, false, null, 0));
    }

    /** Hands the live call its last instructions; false when the provider could not take them. */
    private boolean hangUpProvider(TenantId tenant, VoiceCall c, String twiml) {
        if (c.provider().equals("sandbox")) {
            return true;
        }
        try {
            outreach.updateCall(tenant, c.messageId(), twiml);
            return true;
        } catch (dev.ridgeline.outreach.ProviderException e) {
            log.warn("Call {}: the provider did not take the voicemail ({})", c.id(), e.getMessage());
            return false;
        }
    }

    /** Where the recording is, once the provider has it. */
    @Transactional
    public void recorded(TenantId tenant, UUID callId, String recordingSid, String url, int seconds) {
        jdbc.sql("""
                update voice.call set recording_sid = :sid, recording_url = :url, recording_seconds = :s
                where tenant_id = :t and id = :id""").param("sid", recordingSid).param("url", url).param("s", seconds)
                .param("t", tenant.value()).param("id", callId).update();
    }

    /** A sandbox call's recording, made with local speech from its transcript (WAV). */
    @Transactional
    public void keepSandboxRecording(TenantId tenant, UUID callId, byte[] wav, int seconds) {
        jdbc.sql("""
                insert into voice.sandbox_recording (tenant_id, call_id, audio, created_at) values (:t, :id, :a, :at)
                on conflict (tenant_id, call_id) do update set audio = excluded.audio""")
                .param("t", tenant.value()).param("id", callId).param("a", wav)
                .param("at", Timestamp.from(clock.instant())).update();
        recorded(tenant, callId, "sandbox", "sandbox:" + callId, seconds);
    }

    /** A call of the company's, by id, for the module's own workers. */
    public Optional<VoiceCall> find(TenantId tenant, UUID callId) {
        return jdbc.sql(SELECT + " where c.tenant_id = :t and c.id = :id").param("t", tenant.value())
                .param("id", callId).query((rs, n) -> row(rs)).optional();
    }

    /** A recording's bytes and their type. */
    public record Recording(byte[] audio, String contentType) {
    }

    /**
     * The call's recording for a person who may see the lead: a provider's as MP3, fetched with the company's
     * credentials (only an address under the provider's own API is fetched, so the credentials go nowhere else); a
     * sandbox call's as the WAV made for it.
     */
    public Recording recording(Actor actor, UUID callId) {
        VoiceCall c = call(actor, callId);
        Optional<byte[]> sandbox = jdbc.sql("select audio from voice.sandbox_recording where tenant_id = :t and call_id = :id")
                .param("t", actor.tenantId().value()).param("id", callId).query(byte[].class).optional();
        if (sandbox.isPresent()) {
            return new Recording(sandbox.get(), "audio/wav");
        }
        String url = jdbc.sql("select recording_url from voice.call where tenant_id = :t and id = :id")
                .param("t", actor.tenantId().value()).param("id", callId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("recording", callId));
        ProviderAccount account = connections.activeAccount(actor.tenantId(), ConnectionType.VOICE);
        String base = account.setting("baseUrl").orElse("https://api.twilio.com").replaceAll("/+$", "");
        if (!url.startsWith(base + "/2010-04-01/Accounts/")) {
            throw new NotFoundException("recording", c.id());
        }
        String user = account.setting("accountSid").orElse("");
        String secret = account.secret("authToken").map(v -> v.reveal()).orElse("");
        try {
            var response = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(10)).build().send(java.net.http.HttpRequest
                            .newBuilder(java.net.URI.create(url + ".mp3")).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                    (user + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                            .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the provider answered " + response.statusCode() + " for the recording");
            }
            return new Recording(response.body(), "audio/mpeg");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the recording could not be fetched: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The agent's opening line, made once: asking again (a provider retrying the request) gives the same words.
     * @return turn 1's words
     */
    @Transactional
    public QualificationAgent.Reply open(TenantId tenant, UUID callId) {
        VoiceCall c = lock(tenant, callId);
        if (c.kind().equals("click_to_call")) {
            throw InvalidInputException.of("call", "a click-to-call has no assistant to speak");
        }
        if (c.turn() > 0) {
            return replay(tenant, callId);
        }
        Setup setup = setup(tenant, c);
        QualificationAgent agent = new QualificationAgent(setup.script(), understanding(tenant));
        QualificationAgent.Reply reply = agent.start();
        jdbc.sql("""
                update voice.call set turn = 1, state = cast(:state as jsonb), last_reply = cast(:reply as text),
                  offered = cast(:offered as jsonb), transcript = cast(:transcript as jsonb), status = 'in-progress',
                  answered_at = coalesce(answered_at, :at)
                where tenant_id = :t and id = :id""")
                .param("state", json.writeValueAsString(agent.snapshot())).param("reply", json.writeValueAsString(reply))
                .param("offered", json.writeValueAsString(setup.offered().stream().map(Instant::toString).toList()))
                .param("transcript", json.writeValueAsString(agent.transcript()))
                .param("at", Timestamp.from(clock.instant())).param("t", tenant.value()).param("id", callId).update();
        return reply;
    }

    /**
     * The callee's words for turn {@code turn} (the turn the agent's last words opened). The same turn heard again (a
     * provider retrying, a replayed request) gives the same reply and changes nothing; a turn from the future is
     * refused. When the dialogue ends, the outcome is applied.
     */
    @Transactional
    public QualificationAgent.Reply hear(TenantId tenant, UUID callId, int turn, String said, boolean bargedIn) {
        VoiceCall c = lock(tenant, callId);
        if (c.turn() == 0) {
            throw InvalidInputException.of("turn", "the call has not been opened");
        }
        if (turn < c.turn()) {
            return replay(tenant, callId);
        }
        if (turn > c.turn() || c.ended()) {
            throw InvalidInputException.of("turn", "turn " + turn + " is not the call's current turn " + c.turn()
                    + (c.ended() ? " (the call has ended)" : ""));
        }
        Setup setup = setup(tenant, c);
        QualificationAgent agent = QualificationAgent.restore(setup.script(), understanding(tenant), state(tenant, callId));
        QualificationAgent.Reply reply = agent.hear(said, bargedIn);
        jdbc.sql("""
                update voice.call set turn = turn + 1, state = cast(:state as jsonb), last_reply = cast(:reply as text),
                  transcript = cast(:transcript as jsonb)
                where tenant_id = :t and id = :id""")
                .param("state", json.writeValueAsString(agent.snapshot())).param("reply", json.writeValueAsString(reply))
                .param("transcript", json.writeValueAsString(agent.transcript()))
                .param("t", tenant.value()).param("id", callId).update();
        if (reply.done()) {
            finish(tenant, get(tenant, callId), agent);
        }
        return reply;
    }

    /** Ends a click-to-call: see {@link ClickToCall#bridged}. */
    @Transactional
    void endClickToCall(TenantId tenant, UUID callId, String dialStatus, int seconds) {
        VoiceCall c = lock(tenant, callId);
        if (c.ended()) {
            return;
        }
        if (seconds < 0) {
            seconds = c.answeredAt() == null ? 0 : (int) Math.max(1, Duration.between(c.answeredAt(), clock.instant())
                    .toSeconds());
        }
        boolean talked = (dialStatus.equals("completed") || dialStatus.equals("answered")) && seconds > 0;
        String summary = talked ? String.format(Locale.ROOT, "Click-to-call: talked %d min %02d s with the homeowner.",
                seconds / 60, seconds % 60) : "Click-to-call: the homeowner did not answer (" + dialStatus.replace('-', ' ')
                        + ").";
        jdbc.sql("""
                update voice.call set status = :s, ended_at = :at, summary = :summary where tenant_id = :t and id = :id""")
                .param("s", talked ? "completed" : dialStatus).param("at", Timestamp.from(clock.instant()))
                .param("summary", summary).param("t", tenant.value()).param("id", callId).update();
        note(tenant, c, summary);
        events.publishEvent(new CallCompleted(tenant, callId, c.leadId(), talked ? "CONNECTED" : "NOT_ANSWERED", false,
                null, talked ? seconds : 0));
    }
    /** The callee hung up (or the line dropped): the call ends with what it had established. */
    @Transactional
    public void hangUp(TenantId tenant, UUID callId) {
        VoiceCall c = lock(tenant, callId);
        if (c.ended()) {
            return;
        }
        if (c.kind().equals("click_to_call")) {
            endClickToCall(tenant, callId, c.turn() == 0 ? "canceled" : "completed", c.answeredAt() == null ? 0
                    : (int) Duration.between(c.answeredAt(), clock.instant()).toSeconds());
            return;
        }
        if (c.turn() == 0) {
            jdbc.sql("update voice.call set status = 'completed', ended_at = :at where tenant_id = :t and id = :id")
                    .param("at", Timestamp.from(clock.instant())).param("t", tenant.value()).param("id", callId).update();
            note(tenant, c, "AI call ended before the assistant spoke");
            events.publishEvent(new CallCompleted(tenant, callId, c.leadId(), "HUNG_UP", false, null, 0));
            return;
        }
        QualificationAgent agent = QualificationAgent.restore(setup(tenant, c).script(), understanding(tenant),
                state(tenant, callId));
        agent.hungUp();
        finish(tenant, c, agent);
    }

    /** Ends the call and acts on what it established. */
    private void finish(TenantId tenant, VoiceCall c, QualificationAgent agent) {
        QualificationAgent.Outcome o = agent.outcome();
        Instant now = clock.instant();
        Actor requester = requester(tenant, c.id());
        List<String> done = new ArrayList<>();
        switch (o.result()) {
            case OPTED_OUT -> {
                phoneBlocks.optOut(tenant, c.toNumber(), "AI call", o.objections().isEmpty() ? null
                        : o.objections().getLast());
                done.add("number opted out of every channel");
            }
            case WRONG_NUMBER -> {
                phoneBlocks.unusable(tenant, c.toNumber(), "wrong-number", "AI call");
                done.add("number marked wrong");
            }
            case BOOKED -> {
                List<Instant> offered = offered(tenant, c.id());
                Integer choice = o.choice();
                if (choice != null && choice < offered.size()) {
                    Instant at = offered.get(choice);
                    Lead lead = leads.find(tenant, c.leadId()).orElseThrow();
                    jdbc.sql("""
                            insert into voice.appointment (tenant_id, id, lead_id, rep_id, starts_at, minutes, source,
                              call_id, created_at)
                            values (:t, :id, :lead, :rep, :at, :min, 'AI call', :call, :now)""")
                            .param("t", tenant.value()).param("id", ids.next()).param("lead", c.leadId())
                            .param("rep", lead.ownerId() == null ? requester.userId().value() : lead.ownerId().value())
                            .param("at", Timestamp.from(at)).param("min", settings(tenant).inspectionMinutes())
                            .param("call", c.id()).param("now", Timestamp.from(now)).update();
                    leads.advance(tenant, c.leadId(), LeadStage.INSPECTION_BOOKED, "inspection booked on an AI call");
                    String when = words(at, zone(tenant));
                    outreach.send(new SendRequest(tenant, Channel.SMS, MessagePurpose.NOTIFICATION, c.toNumber(), null,
                            identity.getTenant(tenant).name() + ": your free roof inspection is booked for " + when
                                    + ". Reply to this text to change it.", "voice-booked:" + c.id(),
                            requester.userId()));
                    done.add("inspection booked for " + when + ", confirmation texted");
                }
            }
            case CALL_BACK -> {
                ZonedDateTime at = dev.ridgeline.voice.agent.CallBackTime.resolve(o.callBackWhen(),
                        ZonedDateTime.ofInstant(now, zone(tenant)));
                scheduler.getObject().scheduleIfNotExists(callBacks.instance("call-back-" + c.id(),
                        new dev.ridgeline.voice.internal.VoiceJobs.CallBack(tenant.value(), c.leadId(),
                                requester.userId().value(), requester.role().name(), c.id())), at.toInstant());
                done.add("call back " + (o.callBackWhen() == null ? "another time" : o.callBackWhen())
                        + ", AI call scheduled for " + words(at.toInstant(), zone(tenant)));
            }
            default -> {
            }
        }
        String summary = summary(o, done);
        jdbc.sql("""
                update voice.call set status = 'completed', ended_at = :at, outcome = cast(:o as jsonb), summary = :s
                where tenant_id = :t and id = :id""")
                .param("at", Timestamp.from(now)).param("o", json.writeValueAsString(o)).param("s", summary)
                .param("t", tenant.value()).param("id", c.id()).update();
        note(tenant, c, summary);
        int talk = c.answeredAt() == null ? 0 : (int) Duration.between(c.answeredAt(), now).toSeconds();
        events.publishEvent(new CallCompleted(tenant, c.id(), c.leadId(), o.result().name(), o.qualified(),
                o.claim() == QualificationAgent.Claim.UNKNOWN ? null : o.claim() == QualificationAgent.Claim.FILED, talk));
    }

    /** The call in a few words for the timeline. */
    static String summary(QualificationAgent.Outcome o, List<String> done) {
        List<String> parts = new ArrayList<>();
        parts.add(switch (o.result()) {
            case BOOKED -> "Inspection booked";
            case NOT_INTERESTED -> "Not interested";
            case OPTED_OUT -> "Asked not to be called again";
            case CALL_BACK -> o.someoneElse() ? "Someone else answered; call back" : "Call back";
            case WRONG_NUMBER -> "Wrong number";
            case NO_RESPONSE -> "No response";
            case HUNG_UP -> "Hung up";
        });
        parts.add(o.qualified() ? "qualified" : "not qualified");
        if (o.roofAgeYears() != null) {
            parts.add("roof about " + o.roofAgeYears() + " years old");
        }
        if (o.leaks() != null) {
            parts.add(o.leaks() ? "leaks" : "no leaks");
        }
        if (o.damageNoticed() != null) {
            parts.add(o.damageNoticed() ? "damage noticed" : "no damage noticed");
        }
        if (o.claim() != QualificationAgent.Claim.UNKNOWN) {
            parts.add(o.claim() == QualificationAgent.Claim.FILED ? "claim filed" : "no claim yet");
        }
        if (!o.objections().isEmpty()) {
            parts.add("said \"" + o.objections().getLast() + "\"");
        }
        parts.addAll(done);
        return "AI call: " + String.join("; ", parts) + ".";
    }

    void note(TenantId tenant, VoiceCall c, String text) {
        leads.addNote(requester(tenant, c.id()), c.leadId(), text);
    }

    /** The script for this call: the company, the homeowner, the latest storm that hit the home, and free times. */
    private record Setup(QualificationAgent.Script script, List<Instant> offered) {
    }

    private Setup setup(TenantId tenant, VoiceCall c) {
        Actor requester = requester(tenant, c.id());
        Lead lead = leads.find(tenant, c.leadId()).orElseThrow(() -> new NotFoundException("lead", c.leadId()));
        LocalDate storm = null;
        String street = null;
        Optional<UUID> property = leads.propertyOf(tenant, c.leadId());
        if (property.isPresent()) {
            PropertyDetails details = properties.details(requester, property.get());
            storm = details.storms().stream().map(s -> s.report().reportDate()).max(Comparator.naturalOrder())
                    .orElse(null);
            street = details.property().address().replaceFirst("^\\d+[A-Za-z]?\\s+", "");
        }
        List<Instant> offered = c.turn() > 0 ? offered(tenant, c.id()) : freeTimes(tenant, lead, 3);
        ZoneId zone = zone(tenant);
        List<String> words = offered.stream().map(i -> words(i, zone)).toList();
        String first = lead.homeownerName() == null ? "" : lead.homeownerName().strip().split("\\s+")[0];
        VoiceSettings s = settings(tenant);
        return new Setup(new QualificationAgent.Script(identity.getTenant(tenant).name(), s.agentName(), first, storm,
                street, s.tone(), words, true, c.kind().equals("inbound")), offered);
    }

    /** A time as the assistant says it: "Saturday, November 28 at 10 am". */
    static String words(Instant at, ZoneId zone) {
        return ZonedDateTime.ofInstant(at, zone).format(SLOT).replace(" AM", " am").replace(" PM", " pm");
    }

    /** The next free inspection times of the lead's rep: the company's inspection hours, from tomorrow. */
    List<Instant> freeTimes(TenantId tenant, Lead lead, int count) {
        VoiceSettings s = settings(tenant);
        ZoneId zone = zone(tenant);
        List<Instant> taken = jdbc.sql("""
                select starts_at from voice.appointment where tenant_id = :t and starts_at > :now
                  and (cast(:rep as uuid) is null or rep_id = :rep)""")
                .param("t", tenant.value()).param("now", Timestamp.from(clock.instant()))
                .param("rep", lead.ownerId() == null ? null : lead.ownerId().value())
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        List<Instant> out = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(clock.instant(), zone).plusDays(1);
        for (int d = 0; d < 21 && out.size() < count; d++, day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (int hour : s.inspectionHours()) {
                Instant at = day.atTime(hour, 0).atZone(zone).toInstant();
                boolean busy = taken.stream().anyMatch(t -> Math.abs(ChronoUnit.MINUTES.between(t, at))
                        < s.inspectionMinutes());
                if (!busy && out.size() < count) {
                    out.add(at);
                }
            }
        }
        return out;
    }

    private ZoneId zone(TenantId tenant) {
        try {
            return ZoneId.of(identity.getTenant(tenant).timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("America/Chicago");
        }
    }

    /** The company's agent settings, or the defaults. */
    public VoiceSettings settings(TenantId tenant) {
        return jdbc.sql("select settings from voice.settings where tenant_id = :t").param("t", tenant.value())
                .query(String.class).optional().map(v -> json.readValue(v, VoiceSettings.class))
                .orElse(VoiceSettings.DEFAULTS);
    }

    /** Saves the company's agent settings after checking them. */
    @Transactional
    public VoiceSettings saveSettings(Actor actor, VoiceSettings settings) {
        actor.require(Permission.COMPANY_MANAGE);
        VoiceSettings checked = settings.checked();
        jdbc.sql("""
                insert into voice.settings (tenant_id, settings, updated_at) values (:t, cast(:s as jsonb), :at)
                on conflict (tenant_id) do update set settings = excluded.settings, updated_at = excluded.updated_at""")
                .param("t", actor.tenantId().value()).param("s", json.writeValueAsString(checked))
                .param("at", Timestamp.from(clock.instant())).update();
        return checked;
    }

    /** The built-in rules, or the company's chat-completions model where it connected one. */
    Understanding understanding(TenantId tenant) {
        RulesUnderstanding rules = new RulesUnderstanding(LocalDate.now(clock).getYear());
        ProviderAccount account = connections.activeAccount(tenant, ConnectionType.LANGUAGE);
        if (!LanguageModelDefinition.ID.equals(account.providerId())) {
            return rules;
        }
        return new ChatUnderstanding(account.setting("baseUrl").orElse("https://api.openai.com/v1"),
                account.setting("model").orElse("gpt-4o-mini"), account.secret("apiKey").map(k -> k.reveal()).orElse(""),
                Duration.ofMillis(1_500), account.setting("instructions").orElse(""), rules);
    }

    /** The person on whose behalf the call was made (for what the call leads to: notes, a claim). */
    public Actor requester(TenantId tenant, UUID callId) {
        return jdbc.sql("select requested_by, requested_role from voice.call where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", callId)
                .query((rs, n) -> Actor.user(tenant, new UserId(rs.getObject(1, UUID.class)), Role.valueOf(rs.getString(2))))
                .single();
    }

    private QualificationAgent.Reply replay(TenantId tenant, UUID callId) {
        String last = jdbc.sql("select last_reply from voice.call where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", callId).query(String.class).single();
        return json.readValue(last, QualificationAgent.Reply.class);
    }

    private QualificationAgent.Snapshot state(TenantId tenant, UUID callId) {
        String s = jdbc.sql("select state from voice.call where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", callId).query(String.class).single();
        return json.readValue(s, QualificationAgent.Snapshot.class);
    }

    private List<Instant> offered(TenantId tenant, UUID callId) {
        String s = jdbc.sql("select offered from voice.call where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", callId).query(String.class).single();
        return json.readValue(s, new TypeReference<List<String>>() { }).stream().map(Instant::parse).toList();
    }

    VoiceCall lock(TenantId tenant, UUID callId) {
        jdbc.sql("select id from voice.call where tenant_id = :t and id = :id for update").param("t", tenant.value())
                .param("id", callId).query(UUID.class).optional().orElseThrow(() -> new NotFoundException("call", callId));
        return get(tenant, callId);
    }

    VoiceCall get(TenantId tenant, UUID callId) {
        return jdbc.sql(SELECT + " where c.tenant_id = :t and c.id = :id").param("t", tenant.value()).param("id", callId)
                .query((rs, n) -> row(rs)).optional().orElseThrow(() -> new NotFoundException("call", callId));
    }

    private static final String SELECT = """
            select c.id, c.message_id, c.lead_id, c.to_number, c.status, c.answered_by, c.turn, c.transcript::text,
              c.outcome::text, c.summary, c.recording_url is not null, c.recording_seconds, c.created_at, c.answered_at,
              c.ended_at, coalesce(m.provider_id, case when c.kind = 'inbound' then 'twilio' else 'sandbox' end), c.kind
            from voice.call c left join outreach.message m on m.tenant_id = c.tenant_id and m.id = c.message_id""";

    private VoiceCall row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String outcome = rs.getString(9);
        return new VoiceCall(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
                json.readValue(rs.getString(8), new TypeReference<List<QualificationAgent.Line>>() { }),
                outcome == null ? null : json.readValue(outcome, QualificationAgent.Outcome.class), rs.getString(10),
                rs.getBoolean(11), (Integer) rs.getObject(12), rs.getTimestamp(13).toInstant(),
                rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant(),
                rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant(), rs.getString(16), rs.getString(17));
    }
}

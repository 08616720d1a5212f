package dev.ridgeline.voice.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.TwilioSignature;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.voice.ClickToCall;
import dev.ridgeline.voice.InboundCalls;
import dev.ridgeline.voice.VoiceCall;
import dev.ridgeline.voice.internal.LiveSpeech;
import dev.ridgeline.voice.VoiceService;
import dev.ridgeline.voice.agent.Question;
import dev.ridgeline.voice.agent.QualificationAgent;
import dev.ridgeline.voice.internal.Twiml;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Twilio's requests for an AI call ({@code /hooks/voice/{company}/{message}/...}): {@code start} and {@code turn}
 * answer with TwiML, {@code status}, {@code amd} and {@code recording} take reports. Nothing is believed before the
 * X-Twilio-Signature checks out against the company's voice connection's auth token, over this server's public
 * address as Twilio requested it. A turn Twilio sends again (or a replayed request) gets the same TwiML and changes
 * nothing: the turn number is in the address.
 */
@RestController
class VoiceHooksController {

    private static final Logger log = LoggerFactory.getLogger(VoiceHooksController.class);
    static final String VOICE = Twiml.DEFAULT_VOICE;

    private final VoiceService voice;
    private final ConnectionsService connections;
    private final OutreachService outreach;
    private final String publicUrl;
    private final InboundCalls inbound;
    private final LiveSpeech speech;
    private final IdentityService identity;

    private final ClickToCall clickToCall;

    VoiceHooksController(VoiceService voice, ConnectionsService connections, OutreachService outreach,
            PlatformProperties platform, InboundCalls inbound, LiveSpeech speech, IdentityService identity,
            ClickToCall clickToCall) {
        this.clickToCall = clickToCall;
        this.inbound = inbound;
        this.speech = speech;
        this.identity = identity;
        this.voice = voice;
        this.connections = connections;
        this.outreach = outreach;
        this.publicUrl = platform.publicUrl().replaceAll("/+$", "");
    }

    private record Checked(TenantId tenant, Map<String, List<String>> params, @Nullable VoiceCall call,
            String authToken) {
    }

    @PostMapping(value = "/hooks/voice/{company}/{message}/start", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> start(@PathVariable String company, @PathVariable String message, HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, message, request, signature, c -> {
            if (c.call() == null) {
                // A call the voice module did not ask for (a sequence's call step): its script is said, then goodbye,
                // so nobody answers a silent call.
                return xml(outreach.find(c.tenant(), UUID.fromString(message))
                        .filter(m -> m.channel() == dev.ridgeline.outreach.Channel.VOICE && !m.body().isBlank())
                        .map(m -> Twiml.goodbye(m.body(), VOICE)).orElse(Twiml.hangUp()));
            }
            if (c.call().kind().equals("click_to_call")) {
                ClickToCall.Bridge b = clickToCall.repAnswered(c.tenant(), c.call().id());
                String hooks = publicUrl + "/hooks/voice/" + c.tenant().value() + "/" + c.call().messageId();
                return xml(Twiml.bridge("Connecting you to " + b.homeowner() + " at " + b.place() + ".", VOICE,
                        b.callerId() == null ? "" : b.callerId(), hooks + "/dialed", hooks + "/recording", b.number(),
                        hooks + "/announce"));
            }
            return xml(assistant(c, c.call()));
        });
    }

    /**
     * The company's number was called (its "A call comes in" webhook): the assistant answers a homeowner the company
     * has called before, anyone else is put through to a person, or told the company will call back.
     */
    @PostMapping(value = "/hooks/voice/{company}/inbound", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> inbound(@PathVariable String company, HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, null, request, signature, c -> {
            InboundCalls.Answer a = inbound.answer(c.tenant(), first(c.params(), "From"), first(c.params(), "CallSid"));
            if (a.call() != null) {
                return xml(assistant(new Checked(c.tenant(), c.params(), a.call(), c.authToken()), a.call()));
            }
            if (a.forwardTo() != null) {
                return xml(Twiml.forward("Thanks for calling " + a.company() + ". Connecting you now.", VOICE,
                        first(c.params(), "To"), a.forwardTo(), 25, false,
                        publicUrl + "/hooks/voice/" + c.tenant().value() + "/inbound/dialed", ""));
            }
            return xml(Twiml.goodbye(nobody(a.company()), VOICE));
        });
    }

    /**
     * The media stream of a live call closed: hang up when the dialogue is over; otherwise (the stream failed) the
     * call goes on turn by turn from where it was, the last words said again.
     */
    @PostMapping(value = "/hooks/voice/{company}/{message}/streamed", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> streamed(@PathVariable String company, @PathVariable String message,
            HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, message, request, signature, c -> {
            if (c.call() == null || c.call().ended() || c.call().kind().equals("click_to_call")) {
                return xml(Twiml.hangUp());
            }
            log.warn("The media stream of call {} ended before the dialogue did: going on turn by turn", c.call().id());
            QualificationAgent.Reply last = voice.open(c.tenant(), c.call().id());
            return xml(twiml(c, last, Math.max(1, c.call().turn())));
        });
    }

    /** What became of putting an incoming call through. */
    @PostMapping(value = "/hooks/voice/{company}/inbound/dialed", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> inboundDialed(@PathVariable String company, HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, null, request, signature, c -> {
            String status = first(c.params(), "DialCallStatus");
            return xml(status.equals("completed") || status.equals("answered") ? Twiml.hangUp()
                    : Twiml.goodbye(nobody(identity.getTenant(c.tenant()).name()), VOICE));
        });
    }

    private static String nobody(String company) {
        return "Thanks for calling " + company + ". Nobody can take your call right now; we will call you back soon. "
                + "Goodbye.";
    }

    /**
     * The assistant takes the call: live over a media stream where the company has live calls on and speech is
     * ready, else turn by turn.
     */
    private String assistant(Checked c, VoiceCall call) {
        if (voice.settings(c.tenant()).liveCalls() && speech.ready(c.tenant())) {
            String company = c.tenant().value().toString();
            String message = call.messageId().toString();
            Map<String, String> params = new java.util.LinkedHashMap<>();
            params.put("company", company);
            params.put("message", message);
            params.put("key", StreamToken.of(c.authToken(), company, message));
            return Twiml.stream(publicUrl.replaceFirst("^http", "ws") + "/hooks/voice/stream", params,
                    publicUrl + "/hooks/voice/" + company + "/" + message + "/streamed");
        }
        return twiml(c, voice.open(c.tenant(), call.id()), 1);
    }

    /** Played to the homeowner on answering a click-to-call, before the rep is connected. */
    @PostMapping(value = "/hooks/voice/{company}/{message}/announce", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> announce(@PathVariable String company, @PathVariable String message,
            HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, message, request, signature, c -> {
            if (c.call() == null || !clickToCall.repAnswered(c.tenant(), c.call().id()).announce()) {
                return xml(Twiml.empty());
            }
            return xml(Twiml.say("This call is recorded."));
        });
    }

    /** The homeowner's leg of a click-to-call ended. */
    @PostMapping(value = "/hooks/voice/{company}/{message}/dialed", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> dialed(@PathVariable String company, @PathVariable String message, HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, message, request, signature, c -> {
            if (c.call() != null) {
                String seconds = first(c.params(), "DialCallDuration");
                clickToCall.bridged(c.tenant(), c.call().id(), first(c.params(), "DialCallStatus"),
                        seconds.matches("\\d{1,6}") ? Integer.parseInt(seconds) : 0);
            }
            return xml(Twiml.hangUp());
        });
    }

    @PostMapping(value = "/hooks/voice/{company}/{message}/turn", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> turn(@PathVariable String company, @PathVariable String message, @RequestParam int n,
            HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, message, request, signature, c -> {
            if (c.call() == null) {
                return xml(Twiml.hangUp());
            }
            String said = first(c.params(), "SpeechResult");
            try {
                QualificationAgent.Reply reply = voice.hear(c.tenant(), c.call().id(), n, said, false);
                return xml(twiml(c, reply, n + 1));
            } catch (InvalidInputException e) {
                return ResponseEntity.status(409).contentType(MediaType.TEXT_PLAIN)
                        .body(String.join("; ", e.fieldErrors().values()) + "\n");
            }
        });
    }

    @PostMapping(value = "/hooks/voice/{company}/{message}/status", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> status(@PathVariable String company, @PathVariable String message, HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, message, request, signature, c -> {
            String status = first(c.params(), "CallStatus");
            String sid = first(c.params(), "CallSid");
            String duration = first(c.params(), "CallDuration");
            if (duration.matches("\\d{1,6}")) {
                outreach.recordCallDuration("twilio", sid, Integer.parseInt(duration));
            }
            messageStatus(status).ifPresent(s -> outreach.recordStatus("twilio", sid, s, null,
                    s == MessageStatus.FAILED ? first(c.params(), "SipResponseCode") : null, "call " + status));
            if (c.call() != null) {
                voice.progress(c.tenant(), c.call().id(), status);
            }
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("ok\n");
        });
    }

    @PostMapping(value = "/hooks/voice/{company}/{message}/amd", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> amd(@PathVariable String company, @PathVariable String message, HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, message, request, signature, c -> {
            if (c.call() != null) {
                voice.answeredBy(c.tenant(), c.call().id(), first(c.params(), "AnsweredBy"));
            }
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("ok\n");
        });
    }

    @PostMapping(value = "/hooks/voice/{company}/{message}/recording", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> recording(@PathVariable String company, @PathVariable String message,
            HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) @Nullable String signature) {
        return hook(company, message, request, signature, c -> {
            String seconds = first(c.params(), "RecordingDuration");
            if (c.call() != null && "completed".equals(first(c.params(), "RecordingStatus"))) {
                voice.recorded(c.tenant(), c.call().id(), first(c.params(), "RecordingSid"), first(c.params(), "RecordingUrl"),
                        seconds.matches("\\d{1,6}") ? Integer.parseInt(seconds) : 0);
            }
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("ok\n");
        });
    }

    /** Checks the request, then answers it with {@code then}; a request that does not check out gets the refusal. */
    private ResponseEntity<String> hook(String company, @Nullable String message, HttpServletRequest request,
            @Nullable String signature, java.util.function.Function<Checked, ResponseEntity<String>> then) {
        Object checked = check(company, message, request, signature);
        if (checked instanceof ResponseEntity<?> refused) {
            return cast(refused);
        }
        return then.apply((Checked) checked);
    }

    /** The company, the signed parameters and the call; or the refusal. */
    private Object check(String company, @Nullable String message, HttpServletRequest request,
            @Nullable String signature) {
        TenantId tenant;
        @Nullable UUID messageId;
        try {
            tenant = new TenantId(UUID.fromString(company));
            messageId = message == null ? null : UUID.fromString(message);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("unknown call\n");
        }
        ProviderAccount account = connections.activeAccount(tenant, ConnectionType.VOICE);
        String token = "twilio".equals(account.providerId())
                ? account.secret("authToken").map(s -> s.reveal()).orElse("") : "";
        String url = publicUrl + request.getRequestURI() + (request.getQueryString() == null ? ""
                : "?" + request.getQueryString());
        Map<String, List<String>> params = TwilioSignature.bodyParameters(request);
        if (token.isEmpty() || !TwilioSignature.valid(token, url, params, signature)) {
            log.warn("Refused a call report for company {}: {}", tenant, token.isEmpty()
                    ? "its calls do not go through Twilio" : "the signature does not match");
            return ResponseEntity.status(403).contentType(MediaType.TEXT_PLAIN).body("signature refused\n");
        }
        Optional<VoiceCall> call = messageId == null ? Optional.empty() : voice.byMessage(tenant, messageId);
        return new Checked(tenant, params, call.orElse(null), token);
    }

    private String twiml(Checked c, QualificationAgent.Reply reply, int next) {
        if (reply.done()) {
            return Twiml.goodbye(reply.say(), VOICE);
        }
        String action = publicUrl + "/hooks/voice/" + c.tenant().value() + "/" + c.call().messageId() + "/turn?n=" + next;
        return Twiml.turn(reply.say(), VOICE, action, hints(reply.asking()));
    }

    /** Words the recogniser should expect for each question. */
    static String hints(Question q) {
        return switch (q) {
            case OWNER -> "yes, speaking, this is he, this is she, wrong number, not home, call back";
            case ROOF_AGE -> "years, about, brand new, not sure";
            case CLAIM -> "filed a claim, adjuster, not yet, insurance";
            case TIMES -> "first, second, third, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, morning, "
                    + "afternoon";
            case CALLBACK_TIME -> "tomorrow, tonight, this evening, next week, morning, afternoon";
            default -> "yes, no, not sure";
        };
    }

    static Optional<MessageStatus> messageStatus(String callStatus) {
        return Optional.ofNullable(switch (callStatus) {
            case "ringing" -> MessageStatus.RINGING;
            case "in-progress", "answered" -> MessageStatus.IN_PROGRESS;
            case "completed" -> MessageStatus.COMPLETED;
            case "busy" -> MessageStatus.BUSY;
            case "no-answer" -> MessageStatus.NO_ANSWER;
            case "failed" -> MessageStatus.FAILED;
            case "canceled" -> MessageStatus.CANCELED;
            default -> null;
        });
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.getFirst() == null ? "" : v.getFirst();
    }

    private static ResponseEntity<String> xml(String body) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(body);
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<String> cast(ResponseEntity<?> r) {
        return (ResponseEntity<String>) r;
    }
}

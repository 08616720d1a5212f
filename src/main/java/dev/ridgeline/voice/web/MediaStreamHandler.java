package dev.ridgeline.voice.web;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.voice.VoiceCall;
import dev.ridgeline.voice.VoiceService;
import dev.ridgeline.voice.internal.LiveCall;
import dev.ridgeline.voice.internal.LiveSpeech;
import dev.ridgeline.voice.speech.Audio;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Twilio Media Streams ({@code <Connect><Stream>}, PROVIDERS.md 2.4) at {@code /hooks/voice/stream}: JSON text
 * frames, {@code connected}, {@code start} (with the call's parameters), {@code media} (20 ms of 8 kHz µ-law,
 * base64), {@code mark}, {@code stop}; answered with {@code media}, {@code mark} and {@code clear}. The stream is
 * taken only when its {@code start} carries the key this server put in the TwiML for that very call
 * ({@link StreamToken}); anything else is closed with a policy violation before a frame is heard.
 */
@Component
class MediaStreamHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(MediaStreamHandler.class);
    private static final String CALL = "liveCall";
    private static final String STREAM = "streamSid";

    private final VoiceService voice;
    private final ConnectionsService connections;
    private final LiveSpeech speech;
    private final Timer delay;
    private final JsonMapper json = JsonMapper.builder().build();

    MediaStreamHandler(VoiceService voice, ConnectionsService connections, LiveSpeech speech, MeterRegistry meters) {
        this.voice = voice;
        this.connections = connections;
        this.speech = speech;
        this.delay = Timer.builder("ridgeline.voice.live.reply.delay")
                .description("end of the caller's speech to the first audio of the answer, live calls")
                .publishPercentiles(0.5, 0.95).register(meters);
    }

    @Configuration
    @EnableWebSocket
    static class Registration implements WebSocketConfigurer {

        private final MediaStreamHandler handler;

        Registration(MediaStreamHandler handler) {
            this.handler = handler;
        }

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            // Twilio sends no cookies and the stream proves itself with its key, so any origin may connect.
            registry.addHandler(handler, "/hooks/voice/stream").setAllowedOriginPatterns("*");
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) throws Exception {
        JsonNode m = json.readTree(message.getPayload());
        String event = text(m, "event");
        LiveCall call = (LiveCall) raw.getAttributes().get(CALL);
        switch (event) {
            case "start" -> {
                if (call == null) {
                    start(raw, m);
                }
            }
            case "media" -> {
                JsonNode media = m.path("media");
                if (call != null && !"outbound".equals(text(media, "track"))) {
                    long at = Long.parseLong(text(media, "timestamp").isEmpty() ? "0" : text(media, "timestamp"));
                    call.media(Base64.getDecoder().decode(text(media, "payload")), at);
                }
            }
            case "mark" -> {
                if (call != null) {
                    call.marked(text(m.path("mark"), "name"));
                }
            }
            case "stop" -> {
                if (call != null) {
                    call.stop();
                }
            }
            default -> {
                // "connected", "dtmf": nothing to do
            }
        }
    }

    private void start(WebSocketSession raw, JsonNode m) throws Exception {
        JsonNode start = m.path("start");
        JsonNode params = start.path("customParameters");
        String company = text(params, "company");
        String messageId = text(params, "message");
        Optional<Accepted> accepted = accept(company, messageId, text(params, "key"));
        if (accepted.isEmpty()) {
            raw.close(CloseStatus.POLICY_VIOLATION.withReason("unknown stream"));
            return;
        }
        Accepted a = accepted.get();
        String streamSid = text(m, "streamSid").isEmpty() ? text(start, "streamSid") : text(m, "streamSid");
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 10_000, 4 * 1024 * 1024);
        LiveCall call = new LiveCall(LiveCall.of(voice, a.tenant(), a.call().id()), a.call().id().toString(),
                speech.voice(a.tenant()).orElseThrow(),
                speech.ears(a.tenant()).orElseThrow(), new StreamLine(session, streamSid), this::measured);
        raw.getAttributes().put(CALL, call);
        raw.getAttributes().put(STREAM, streamSid);
        log.info("Live call {} of company {} on stream {}", a.call().id(), a.tenant(), streamSid);
        call.start();
    }

    private record Accepted(TenantId tenant, VoiceCall call) {
    }

    private Optional<Accepted> accept(String company, String messageId, String key) {
        TenantId tenant;
        UUID message;
        try {
            tenant = new TenantId(UUID.fromString(company));
            message = UUID.fromString(messageId);
        } catch (IllegalArgumentException e) {
            log.warn("Refused a media stream: no call named in its parameters");
            return Optional.empty();
        }
        ProviderAccount account = connections.activeAccount(tenant, ConnectionType.VOICE);
        String token = "twilio".equals(account.providerId())
                ? account.secret("authToken").map(s -> s.reveal()).orElse("") : "";
        if (!StreamToken.valid(token, company, messageId, key)) {
            log.warn("Refused a media stream for company {}: the key does not match", tenant);
            return Optional.empty();
        }
        Optional<VoiceCall> call = voice.byMessage(tenant, message).filter(c -> !c.kind().equals("click_to_call") && !c.ended());
        if (call.isEmpty() || !speech.ready(tenant)) {
            log.warn("Refused a media stream for company {}: {}", tenant, call.isEmpty() ? "no such call in progress"
                    : "no speech engines for live calls");
            return Optional.empty();
        }
        return Optional.of(new Accepted(tenant, call.get()));
    }

    private void measured(Duration d) {
        delay.record(d);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(CALL) instanceof LiveCall call) {
            call.stop();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }

    /** The media stream as the live call's line. */
    private final class StreamLine implements LiveCall.Line {

        private final WebSocketSession session;
        private final String streamSid;

        StreamLine(WebSocketSession session, String streamSid) {
            this.session = session;
            this.streamSid = streamSid;
        }

        @Override
        public void play(Audio audio) {
            byte[] ulaw = audio.muLaw();
            for (int i = 0; i < ulaw.length; i += Audio.FRAME) {
                byte[] frame = java.util.Arrays.copyOfRange(ulaw, i, Math.min(ulaw.length, i + Audio.FRAME));
                ObjectNode m = json.createObjectNode().put("event", "media").put("streamSid", streamSid);
                m.putObject("media").put("payload", Base64.getEncoder().encodeToString(frame));
                send(m);
            }
        }

        @Override
        public void mark(String name) {
            ObjectNode m = json.createObjectNode().put("event", "mark").put("streamSid", streamSid);
            m.putObject("mark").put("name", name);
            send(m);
        }

        @Override
        public void clear() {
            send(json.createObjectNode().put("event", "clear").put("streamSid", streamSid));
        }

        @Override
        public void close() {
            try {
                session.close(CloseStatus.NORMAL);
            } catch (java.io.IOException e) {
                log.debug("Stream {} was already closed", streamSid);
            }
        }

        private void send(@Nullable ObjectNode m) {
            try {
                if (session.isOpen()) {
                    session.sendMessage(new TextMessage(json.writeValueAsString(m)));
                }
            } catch (java.io.IOException e) {
                log.debug("Stream {} closed while sending: {}", streamSid, e.getMessage());
            }
        }
    }
}

package dev.ridgeline.voice.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ElevenLabs text-to-speech for calls: {@code POST /v1/text-to-speech/{voice}/stream?output_format=ulaw_8000}, the
 * key in {@code xi-api-key}. The answer is raw 8 kHz µ-law, the very format of a Twilio media stream, read and handed
 * on in 20 ms frames as it arrives so the caller hears the first words while the rest is made. Errors say what the
 * service answered (status and its message), never the key.
 */
public final class ElevenLabsVoice implements TextToSpeech {

    public static final String DEFAULT_BASE = "https://api.elevenlabs.io";
    public static final String DEFAULT_MODEL = "eleven_flash_v2_5";

    private final URI endpoint;
    private final String voiceId;
    private final String model;
    private final String apiKey;
    private final HttpClient http;
    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder().build();

    public ElevenLabsVoice(String baseUrl, String voiceId, String model, String apiKey, Duration timeout) {
        if (!voiceId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("an ElevenLabs voice id is letters and digits, not '" + voiceId + "'");
        }
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/text-to-speech/"
                + URLEncoder.encode(voiceId, StandardCharsets.UTF_8)
                + "/stream?output_format=ulaw_8000&optimize_streaming_latency=3");
        this.voiceId = voiceId;
        this.model = model.isBlank() ? DEFAULT_MODEL : model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "elevenlabs " + voiceId + " " + model;
    }

    @Override
    public Audio speak(String text) {
        Audio[] whole = {Audio.silence(0)};
        stream(text, piece -> whole[0] = whole[0].append(piece));
        return whole[0];
    }

    @Override
    public void stream(String text, Consumer<Audio> pieces) {
        ObjectNode body = json.createObjectNode().put("text", text.strip()).put("model_id", model);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("xi-api-key", apiKey).header("Content-Type", "application/json").header("Accept", "audio/basic")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SpeechException("ElevenLabs could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted while waiting for ElevenLabs", e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                String said = new String(in.readNBytes(2000), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
                throw new SpeechException("ElevenLabs answered " + response.statusCode() + switch (response.statusCode()) {
                    case 401 -> " (the API key was refused or the quota is spent)";
                    case 422 -> " (the request was not valid)";
                    case 429 -> " (too many requests at once for the plan)";
                    default -> "";
                } + (said.isEmpty() ? "" : ": " + said));
            }
            byte[] frame = new byte[Audio.FRAME * 5];
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            int n;
            while ((n = in.read(frame)) > 0) {
                pending.write(frame, 0, n);
                if (pending.size() >= Audio.FRAME) {
                    byte[] bytes = pending.toByteArray();
                    int whole = bytes.length - bytes.length % Audio.FRAME;
                    pieces.accept(Audio.ofMuLaw(java.util.Arrays.copyOf(bytes, whole)));
                    pending.reset();
                    pending.write(bytes, whole, bytes.length - whole);
                }
            }
            if (pending.size() > 0) {
                pieces.accept(Audio.ofMuLaw(pending.toByteArray()));
            }
        } catch (IOException e) {
            throw new SpeechException("ElevenLabs' audio broke off: " + e.getMessage(), e);
        }
    }
}

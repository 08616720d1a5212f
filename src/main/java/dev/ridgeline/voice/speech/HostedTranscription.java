package dev.ridgeline.voice.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speech-to-text by an OpenAI-compatible transcription endpoint ({@code POST {base}/audio/transcriptions},
 * multipart: {@code file} a WAV, {@code model}, {@code language=en}, {@code response_format=json}; answer
 * {@code {"text": ...}}): OpenAI's whisper-1 or gpt-4o-mini-transcribe, Groq, or a local whisper.cpp or
 * faster-whisper server. The key goes as a bearer token and never into an error.
 */
public final class HostedTranscription implements SpeechToText {

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public HostedTranscription(String baseUrl, String model, String apiKey, Duration timeout) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/audio/transcriptions");
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return model + " at " + endpoint.getHost();
    }

    @Override
    public String transcribe(Audio speech) {
        String boundary = "ridgeline-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "model", model);
        field(body, boundary, "language", "en");
        field(body, boundary, "response_format", "json");
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"utterance.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n");
        body.writeBytes(speech.wav(16000));
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (!apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SpeechException("the transcription service could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("interrupted while waiting for the transcription service", e);
        }
        if (response.statusCode() != 200) {
            String said = response.body().replaceAll("\\s+", " ").strip();
            throw new SpeechException("the transcription service answered " + response.statusCode()
                    + (said.isEmpty() ? "" : ": " + said.substring(0, Math.min(300, said.length()))));
        }
        JsonNode text;
        try {
            text = json.readTree(response.body()).get("text");
        } catch (RuntimeException e) {
            throw new SpeechException("the transcription service's answer is not JSON", e);
        }
        if (text == null || !text.isString()) {
            throw new SpeechException("the transcription service's answer has no text");
        }
        return String.join(" ", DomainLanguageModel.words(text.asString()));
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream body, String s) {
        body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}

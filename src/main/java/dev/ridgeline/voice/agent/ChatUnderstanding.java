package dev.ridgeline.voice.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Understanding through any OpenAI-compatible chat-completions endpoint ({@code POST {base}/chat/completions}, a
 * bearer key, {@code response_format: json_object}): the model is told the question asked, the times on offer and the
 * intents it may answer with, and returns one JSON object. A call has no time to wait: past the timeout, on any HTTP
 * error or an answer that is not one of the intents, the offline rules answer instead, and the reason is logged
 * (never the key).
 */
public final class ChatUnderstanding implements Understanding {

    private static final Logger log = LoggerFactory.getLogger(ChatUnderstanding.class);

    private final HttpClient http;
    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final Duration timeout;
    private final String instructions;
    private final Understanding fallback;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param baseUrl e.g. {@code https://api.openai.com/v1}, or a local server's
     * @param instructions the company's own words on tone and script, added to the system prompt (may be blank)
     */
    public ChatUnderstanding(String baseUrl, String model, String apiKey, Duration timeout, String instructions,
            Understanding fallback) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.instructions = instructions;
        this.fallback = fallback;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Understood understand(Question asked, String said, List<String> offeredTimes) {
        if (said.isBlank()) {
            return Understood.of(Intent.SILENCE, said);
        }
        try {
            return ask(asked, said, offeredTimes);
        } catch (IOException | RuntimeException e) {
            log.warn("The language model at {} did not answer ({}); the built-in rules answered instead", endpoint.getHost(),
                    e.getMessage());
            return fallback.understand(asked, said, offeredTimes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback.understand(asked, said, offeredTimes);
        }
    }

    private Understood ask(Question asked, String said, List<String> offered) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("temperature", 0);
        body.put("response_format", Map.of("type", "json_object"));
        body.put("messages", List.of(Map.of("role", "system", "content", system()),
                Map.of("role", "user", "content", json.writeValueAsString(Map.of("question", asked.name(),
                        "offeredTimes", offered, "callerSaid", said)))));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode());
        }
        String content = json.readTree(response.body()).path("choices").path(0).path("message").path("content")
                .asString("");
        JsonNode answer = json.readTree(content.isBlank() ? "{}" : content);
        String name = answer.path("intent").asString("").toUpperCase(Locale.ROOT).strip();
        Intent intent;
        try {
            intent = Intent.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + name + "' is not an intent");
        }
        Integer years = number(answer.path("years"));
        Integer choice = number(answer.path("choice"));
        if (intent == Intent.YEARS && years == null) {
            throw new IOException("YEARS without years");
        }
        if (intent == Intent.CHOICE && (choice == null || choice < 0 || choice >= offered.size())) {
            throw new IOException("CHOICE without one of the " + offered.size() + " offered times");
        }
        String when = answer.path("when").isString() && !answer.path("when").asString().isBlank()
                ? answer.path("when").asString() : null;
        return new Understood(intent, years, choice, when, said);
    }

    private static @Nullable Integer number(JsonNode n) {
        return n.isNumber() ? n.asInt() : null;
    }

    private String system() {
        return "You classify one thing a person said on a phone call from a roofing company's assistant. Answer with "
                + "one JSON object: {\"intent\": one of " + List.of(Intent.values()) + ", \"years\": the roof's age in "
                + "years when the intent is YEARS, \"choice\": the 0-based index of the offered time the person picked "
                + "when the intent is CHOICE, \"when\": when to call back in the person's words when the intent is "
                + "CALL_LATER}. STOP_CALLING whenever they ask not to be called again; SOMEONE_ELSE when the person is "
                + "not the homeowner; ALREADY_FILED when an insurance claim was filed; UNSURE when they do not know; "
                + "OTHER when nothing fits. The question asked is one of " + List.of(Question.values()) + "."
                + (instructions.isBlank() ? "" : " The company adds: " + instructions);
    }
}

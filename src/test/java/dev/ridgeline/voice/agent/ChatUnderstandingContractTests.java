package dev.ridgeline.voice.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The chat-completions adapter against a stub with the documented shape (POST /chat/completions, bearer key,
 * {@code choices[0].message.content} holding the JSON object): what the model says is taken, and when it fails,
 * dawdles or answers out of bounds the offline rules answer instead, so a caller never waits on it.
 */
class ChatUnderstandingContractTests {

    static final List<String> TIMES = List.of("Tuesday at 10 am", "Tuesday at 2 pm");

    WireMockServer llm = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeEach
    void start() {
        llm.start();
    }

    @AfterEach
    void stop() {
        llm.stop();
    }

    ChatUnderstanding chat(Duration timeout) {
        return new ChatUnderstanding(llm.baseUrl() + "/v1", "gpt-test", "sk-test-key", timeout,
                "Keep it warm.", new RulesUnderstanding(2026));
    }

    static String completion(String content) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":" + tools.jackson.databind.json.JsonMapper.builder().build()
                        .writeValueAsString(content) + "},\"finish_reason\":\"stop\"}]}";
    }

    @Test
    void theModelsAnswerIsTakenAndTheRequestHasTheDocumentedShape() {
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(completion(
                "{\"intent\":\"CHOICE\",\"choice\":1}"))));
        Understood u = chat(Duration.ofSeconds(2)).understand(Question.TIMES, "the afternoon one please", TIMES);
        assertThat(u.intent()).isEqualTo(Intent.CHOICE);
        assertThat(u.choice()).isEqualTo(1);
        llm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-test-key"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-test")))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", com.github.tomakehurst.wiremock.client
                        .WireMock.containing("The company adds: Keep it warm.")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", com.github.tomakehurst.wiremock.client
                        .WireMock.containing("the afternoon one please"))));
    }

    @Test
    void yearsAndCallBackTimesComeThrough() {
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(completion(
                "{\"intent\":\"YEARS\",\"years\":22}"))));
        assertThat(chat(Duration.ofSeconds(2)).understand(Question.ROOF_AGE, "we moved in when the kids were small",
                TIMES).years()).isEqualTo(22);
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(completion(
                "{\"intent\":\"CALL_LATER\",\"when\":\"Friday after lunch\"}"))));
        Understood later = chat(Duration.ofSeconds(2)).understand(Question.OWNER, "ugh can this wait till friday "
                + "after lunch", TIMES);
        assertThat(later.intent()).isEqualTo(Intent.CALL_LATER);
        assertThat(later.when()).isEqualTo("Friday after lunch");
    }

    @Test
    void aFailingSlowOrNonsensicalModelFallsBackToTheRules() {
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
        assertThat(chat(Duration.ofSeconds(2)).understand(Question.OWNER, "stop calling me", TIMES).intent())
                .isEqualTo(Intent.STOP_CALLING);
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(completion("{\"intent\":\"DANCE\"}"))));
        assertThat(chat(Duration.ofSeconds(2)).understand(Question.LEAKS, "yes", TIMES).intent()).isEqualTo(Intent.YES);
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(completion(
                "{\"intent\":\"CHOICE\",\"choice\":7}"))));
        assertThat(chat(Duration.ofSeconds(2)).understand(Question.TIMES, "the first", TIMES).choice()).isZero();
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(completion("{\"intent\":\"NO\"}"))
                .withFixedDelay(1_500)));
        long start = System.nanoTime();
        assertThat(chat(Duration.ofMillis(300)).understand(Question.LEAKS, "yeah a little", TIMES).intent())
                .isEqualTo(Intent.YES);
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms waited").isLessThan(1_200);
    }

    @Test
    void silenceNeverGoesToTheModel() {
        assertThat(chat(Duration.ofSeconds(1)).understand(Question.OWNER, "  ", TIMES).intent()).isEqualTo(Intent.SILENCE);
        assertThat(llm.getAllServeEvents()).isEmpty();
    }
}

package dev.ridgeline.voice.speech;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** ElevenLabs streaming text-to-speech and an OpenAI-compatible transcription endpoint, against their contracts. */
class SpeechProviderContractTests {

    static final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void elevenLabsStreamsMuLawAtTheTelephoneRateInFrames() {
        byte[] ulaw = new Audio(AudioTests.tone(440, 8000, 0.5, 5000)).muLaw(); // 4,000 bytes
        server.stubFor(post(urlPathEqualTo("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/basic").withBody(ulaw)
                        .withChunkedDribbleDelay(5, 50)));
        ElevenLabsVoice voice = new ElevenLabsVoice(server.baseUrl(), "21m00Tcm4TlvDq8ikWAM", "", "xi-secret-key",
                Duration.ofSeconds(5));
        List<Audio> pieces = new ArrayList<>();
        voice.stream("Hi, this is Ava.", pieces::add);
        Audio whole = pieces.stream().reduce(Audio.silence(0), Audio::append);
        assertThat(whole.muLaw()).isEqualTo(ulaw);
        assertThat(pieces).allSatisfy(p -> assertThat(p.samples().length % Audio.FRAME).isZero());
        server.verify(postRequestedFor(urlEqualTo("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream"
                + "?output_format=ulaw_8000&optimize_streaming_latency=3"))
                .withHeader("xi-api-key", equalTo("xi-secret-key"))
                .withRequestBody(equalToJson("{\"text\":\"Hi, this is Ava.\",\"model_id\":\"eleven_flash_v2_5\"}")));
        assertThat(voice.name()).isEqualTo("elevenlabs 21m00Tcm4TlvDq8ikWAM eleven_flash_v2_5");
    }

    @Test
    void elevenLabsRefusalsSayWhatTheServiceSaidButNeverTheKey() {
        server.stubFor(post(urlPathEqualTo("/v1/text-to-speech/voice1/stream")).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\":{\"status\":\"invalid_api_key\"}}")));
        ElevenLabsVoice voice = new ElevenLabsVoice(server.baseUrl(), "voice1", "eleven_turbo_v2_5", "xi-secret-key",
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> voice.speak("Hello")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("401").hasMessageContaining("invalid_api_key")
                .hasMessageNotContaining("xi-secret-key");
        assertThatThrownBy(() -> new ElevenLabsVoice(server.baseUrl(), "../admin", "", "k", Duration.ofSeconds(1)))
                .hasMessageContaining("voice id");
    }

    @Test
    void aFailingHostedVoiceIsSpokenForByTheLocalOneUnlessItHadStarted() {
        server.stubFor(post(urlPathEqualTo("/v1/text-to-speech/voice1/stream")).willReturn(aResponse().withStatus(429)
                .withBody("{\"detail\":{\"status\":\"too_many_concurrent_requests\"}}")));
        Audio local = new Audio(AudioTests.tone(200, 8000, 0.2, 1000));
        TextToSpeech standIn = new TextToSpeech() {
            @Override
            public String name() {
                return "local";
            }

            @Override
            public Audio speak(String text) {
                return local;
            }
        };
        FallbackVoice voice = new FallbackVoice(new ElevenLabsVoice(server.baseUrl(), "voice1", "", "k",
                Duration.ofSeconds(5)), standIn);
        List<Audio> pieces = new ArrayList<>();
        voice.stream("Hello", pieces::add);
        assertThat(pieces).containsExactly(local);
        assertThat(voice.speak("Hello")).isEqualTo(local);

        // Half a sentence in one voice and the rest in another is worse than the error.
        TextToSpeech breaksOff = new TextToSpeech() {
            @Override
            public String name() {
                return "breaks off";
            }

            @Override
            public Audio speak(String text) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void stream(String text, java.util.function.Consumer<Audio> out) {
                out.accept(local);
                throw new SpeechException("connection reset");
            }
        };
        assertThatThrownBy(() -> new FallbackVoice(breaksOff, standIn).stream("Hello", a -> { }))
                .hasMessageContaining("connection reset");
    }

    @Test
    void hostedTranscriptionSendsAWavAndReadsTheText() {
        server.stubFor(post(urlPathEqualTo("/v1/audio/transcriptions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"text\":\"Yes, this is Pat.\"}")));
        HostedTranscription stt = new HostedTranscription(server.baseUrl() + "/v1", "whisper-1", "sk-secret",
                Duration.ofSeconds(5));
        assertThat(stt.transcribe(new Audio(AudioTests.tone(300, 8000, 1, 3000)))).isEqualTo("yes this is pat");
        var request = server.findAll(postRequestedFor(urlPathEqualTo("/v1/audio/transcriptions"))).getFirst();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-secret");
        assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        String body = new String(request.getBody(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(body).contains("name=\"model\"\r\n\r\nwhisper-1").contains("name=\"language\"\r\n\r\nen")
                .contains("filename=\"utterance.wav\"").contains("Content-Type: audio/wav\r\n\r\nRIFF");
        assertThat(request.getBody().length).isGreaterThan(32_000); // one second at 16 kHz, 16 bits

        server.stubFor(post(urlPathEqualTo("/v1/audio/transcriptions")).willReturn(aResponse().withStatus(429)
                .withBody("{\"error\":{\"message\":\"Rate limit reached\"}}")));
        assertThatThrownBy(() -> stt.transcribe(Audio.silence(500))).isInstanceOf(SpeechException.class)
                .hasMessageContaining("429").hasMessageContaining("Rate limit").hasMessageNotContaining("sk-secret");
    }
}

package dev.ridgeline.outreach.provider.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.SecretValue;
import dev.ridgeline.outreach.CallEnvelope;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.platform.TenantId;

/**
 * Creating a call on Twilio against a stub with the documented request and answers (PROVIDERS.md 2.1): the form
 * carries the flow, every progress event, asynchronous machine detection waiting for the beep with its callback (so
 * no warning 21262), and a two-channel recording with its callback; errors are sorted into retry and give up.
 */
class TwilioVoiceContractTests {

    static final String SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String CALLS = "/2010-04-01/Accounts/" + SID + "/Calls.json";

    WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    TenantId tenant = new TenantId(UUID.randomUUID());
    UUID message = UUID.randomUUID();

    @BeforeEach
    void start() {
        twilio.start();
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    ProviderAccount account(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("accountSid", SID, "fromNumber", "+16155550100",
                "baseUrl", twilio.baseUrl()));
        all.putAll(settings);
        return new ProviderAccount(tenant, UUID.randomUUID(), "twilio", all,
                name -> name.equals("authToken") ? Optional.of(new SecretValue("token-1")) : Optional.empty());
    }

    CallEnvelope call() {
        return new CallEnvelope(message, null, "+16155550199", "hello",
                CallEnvelope.hooks("https://roofs.example.com/", tenant, message));
    }

    @Test
    void aCallIsCreatedWithItsFlowCallbacksMachineDetectionAndRecording() {
        twilio.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(201).withHeader("Content-Type",
                "application/json").withBody("{\"sid\":\"CA11112222333344445555666677778888\",\"status\":\"queued\","
                        + "\"direction\":\"outbound-api\",\"from\":\"+16155550100\",\"to\":\"+16155550199\"}")));
        var receipt = new TwilioVoiceProvider().placeCall(call(), account(Map.of()));
        assertThat(receipt.vendorId()).isEqualTo("CA11112222333344445555666677778888");
        assertThat(receipt.status()).isEqualTo(MessageStatus.QUEUED);
        String hooks = "https://roofs.example.com/hooks/voice/" + tenant.value() + "/" + message;
        twilio.verify(postRequestedFor(urlEqualTo(CALLS))
                .withHeader("Authorization", equalTo("Basic " + java.util.Base64.getEncoder()
                        .encodeToString((SID + ":token-1").getBytes())))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded")));
        var form = TwilioVoiceProvider.form(call(), account(Map.of()));
        assertThat(form).containsEntry("To", "+16155550199").containsEntry("From", "+16155550100")
                .containsEntry("Url", hooks + "/start").containsEntry("StatusCallback", hooks + "/status")
                .containsEntry("StatusCallbackEvent", "initiated ringing answered completed")
                .containsEntry("MachineDetection", "DetectMessageEnd").containsEntry("AsyncAmd", "true")
                .containsEntry("AsyncAmdStatusCallback", hooks + "/amd").containsEntry("Record", "true")
                .containsEntry("RecordingChannels", "dual").containsEntry("RecordingStatusCallback", hooks + "/recording");
        assertThat(form.keySet()).as("exactly one of Url, Twiml, ApplicationSid").doesNotContain("Twiml", "ApplicationSid");
        // Click-to-call rings the rep first, without machine detection (a person answers it) or a whole-call recording
        // (the flow records the homeowner's leg from its answer, after any recording notice).
        var clickToCall = TwilioVoiceProvider.form(new CallEnvelope(message, null, "+16155550199", "c2c",
                CallEnvelope.hooks("https://roofs.example.com/", tenant, message), "+16155550111"), account(Map.of()));
        assertThat(clickToCall).containsEntry("To", "+16155550111").containsEntry("Url", hooks + "/start")
                .doesNotContainKeys("MachineDetection", "Record");
    }

    @Test
    void errorsAreSortedIntoRetryAndGiveUp() {
        twilio.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(400).withBody(
                "{\"code\":21211,\"message\":\"The 'To' number +1615 is not a valid phone number.\",\"status\":400}")));
        assertThatThrownBy(() -> new TwilioVoiceProvider().placeCall(call(), account(Map.of())))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
                    assertThat(e.code()).isEqualTo("21211");
                });
        twilio.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(429).withBody(
                "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));
        assertThatThrownBy(() -> new TwilioVoiceProvider().placeCall(call(), account(Map.of())))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.failureClass())
                        .isEqualTo(FailureClass.RETRYABLE));
        twilio.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> new TwilioVoiceProvider().placeCall(call(), account(Map.of())))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.failureClass())
                        .isEqualTo(FailureClass.RETRYABLE));
        assertThatThrownBy(() -> new TwilioVoiceProvider().placeCall(call(), account(Map.of("fromNumber", ""))))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.getMessage())
                        .contains("needs a From number"));
    }

    @Test
    void testingTheConnectionAsksTwilioForTheAccountWithItsCredentials() {
        var definition = new TwilioVoiceProviderDefinition();
        twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/2010-04-01/Accounts/" + SID
                + ".json")).willReturn(aResponse().withStatus(200).withBody("{\"sid\":\"" + SID + "\"}")));
        assertThat(definition.check(account(Map.of())).ok()).isTrue();
        twilio.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/2010-04-01/Accounts/"
                + SID + ".json")).withHeader("Authorization", containing("Basic ")));
        twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/2010-04-01/Accounts/" + SID
                + ".json")).willReturn(aResponse().withStatus(401)));
        assertThat(definition.check(account(Map.of())).message()).contains("Twilio answered 401");
        assertThat(definition.check(account(Map.of("fromNumber", "615-555"))).message()).contains("E.164");
        assertThat(definition.check(account(Map.of("accountSid", "AC123"))).message()).contains("32 hex");
    }
}

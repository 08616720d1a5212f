package dev.ridgeline.outreach.provider.twilio;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.CallEnvelope;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.ProviderReceipt;
import dev.ridgeline.outreach.VoiceProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls through Twilio Programmable Voice: {@code POST /2010-04-01/Accounts/{sid}/Calls.json} with the call's flow
 * at {@code Url} (this server's {@code /start}), every progress event to {@code /status}, asynchronous
 * answering-machine detection that waits for the beep (so a voicemail can be left after it) reported to
 * {@code /amd}, and the whole call recorded in two channels, reported to {@code /recording}.
 */
@Component
class TwilioVoiceProvider implements VoiceProvider {

    /** Errors after which a call to that number will not work however often it is tried. */
    static final Set<String> PERMANENT_CODES = Set.of("13223", "13224", "21210", "21211", "21212", "21214", "21215",
            "21216", "21217", "21401", "21402", "21407", "21408", "20003", "20404");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public String id() {
        return TwilioSmsProvider.ID;
    }

    /** The form Twilio is sent for a call: what {@link #placeCall} posts. */
    static Map<String, String> form(CallEnvelope call, ProviderAccount account) {
        String from = call.from() != null ? call.from() : account.setting("fromNumber").orElse(null);
        if (from == null || from.isBlank()) {
            throw new ProviderException(FailureClass.PERMANENT, "config", "The Twilio voice connection needs a From "
                    + "number (a Twilio number or a verified caller id)");
        }
        Map<String, String> form = new LinkedHashMap<>();
        // Click-to-call rings the rep first; the flow then dials the recipient.
        form.put("To", call.dialFirst() != null ? call.dialFirst() : call.to());
        form.put("From", from);
        form.put("Url", call.hooksUrl() + "/start");
        form.put("Method", "POST");
        form.put("StatusCallback", call.hooksUrl() + "/status");
        form.put("StatusCallbackMethod", "POST");
        form.put("StatusCallbackEvent", "initiated ringing answered completed");
        form.put("Timeout", account.setting("ringSeconds").orElse("30"));
        if (call.dialFirst() == null) {
            form.put("MachineDetection", "DetectMessageEnd");
            form.put("AsyncAmd", "true");
            form.put("AsyncAmdStatusCallback", call.hooksUrl() + "/amd");
            form.put("AsyncAmdStatusCallbackMethod", "POST");
            form.put("Record", "true");
            form.put("RecordingChannels", "dual");
            form.put("RecordingStatusCallback", call.hooksUrl() + "/recording");
            form.put("RecordingStatusCallbackEvent", "completed absent");
        }
        return form;
    }

    @Override
    public ProviderReceipt placeCall(CallEnvelope call, ProviderAccount account) {
        String sid = account.setting("accountSid").orElseThrow(() -> new ProviderException(FailureClass.PERMANENT,
                "config", "The Twilio connection has no account SID"));
        HttpResponse<String> response = TwilioSmsProvider.post(http, account, "/2010-04-01/Accounts/" + sid
                + "/Calls.json", form(call, account), "calling through Twilio");
        JsonNode body;
        try {
            body = json.readTree(response.body().isBlank() ? "{}" : response.body());
        } catch (RuntimeException e) {
            body = json.createObjectNode();
        }
        if (response.statusCode() == 200 || response.statusCode() == 201) {
            String callSid = body.path("sid").asString("");
            if (!callSid.startsWith("CA")) {
                throw new ProviderException(FailureClass.RETRYABLE, "bad-answer", "Twilio accepted the call but "
                        + "answered no call sid");
            }
            return new ProviderReceipt(callSid, MessageStatus.QUEUED, null);
        }
        String code = body.path("code").isMissingNode() || body.path("code").isNull()
                ? String.valueOf(response.statusCode()) : body.path("code").asString();
        String message = body.path("message").asString("");
        boolean passing = response.statusCode() == 429 || response.statusCode() >= 500 || "20429".equals(code);
        FailureClass failureClass = !passing && (PERMANENT_CODES.contains(code) || response.statusCode() == 400)
                ? FailureClass.PERMANENT : FailureClass.RETRYABLE;
        throw new ProviderException(failureClass, code, "Twilio " + response.statusCode() + " " + code + ": " + message);
    }

    /** Twilio's "modify a live call": {@code POST .../Calls/{CallSid}.json} with {@code Twiml}. */
    @Override
    public void updateCall(String vendorId, String instructions, ProviderAccount account) {
        String sid = account.setting("accountSid").orElseThrow(() -> new ProviderException(FailureClass.PERMANENT,
                "config", "The Twilio connection has no account SID"));
        if (!vendorId.matches("CA[0-9a-fA-F]{32}")) {
            throw new ProviderException(FailureClass.PERMANENT, "bad-sid", "'" + vendorId + "' is not a Twilio call sid");
        }
        HttpResponse<String> response = TwilioSmsProvider.post(http, account, "/2010-04-01/Accounts/" + sid + "/Calls/"
                + vendorId + ".json", Map.of("Twiml", instructions), "changing a call");
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(response.statusCode() == 429 || response.statusCode() >= 500
                    ? FailureClass.RETRYABLE : FailureClass.PERMANENT, String.valueOf(response.statusCode()),
                    "Twilio refused to change call " + vendorId + ": " + response.statusCode());
        }
    }
}

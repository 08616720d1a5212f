package dev.ridgeline.outreach.provider.twilio;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;

/** The Twilio connection form for calls: the same account as texts, its own number or verified caller id. */
@Component
class TwilioVoiceProviderDefinition implements ProviderDefinition {

    @Override
    public ConnectionType type() {
        return ConnectionType.VOICE;
    }

    @Override
    public String providerId() {
        return TwilioSmsProvider.ID;
    }

    @Override
    public String displayName() {
        return "Twilio";
    }

    @Override
    public String description() {
        return "Calls from your Twilio number (or a caller id verified with Twilio): the AI assistant's qualification "
                + "calls, recorded, with answering-machine detection. Each call's instructions and reports come to "
                + "https://<this server>/hooks/voice/..., set on the call itself; nothing to set in the console. "
                + "Every report is checked against the account's auth token. About $0.014 a minute to US numbers "
                + "plus $0.0025 a minute for the recording.";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of(
                TwilioAccount.ACCOUNT_SID,
                ProviderField.required("fromNumber", "Caller id", "your Twilio number or a verified caller id, in "
                        + "E.164, e.g. +16155550100"),
                ProviderField.optional("ringSeconds", "Ring for (seconds)", "30 by default"),
                TwilioAccount.apiKeySid("calling"), TwilioAccount.BASE_URL);
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(TwilioAccount.authToken("call report"), TwilioAccount.API_KEY_SECRET);
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        if (!account.setting("fromNumber").orElse("").matches("\\+[1-9]\\d{7,14}")) {
            return CheckResult.failed("The caller id must be a number in E.164, e.g. +16155550100");
        }
        return TwilioAccount.verify(account);
    }
}

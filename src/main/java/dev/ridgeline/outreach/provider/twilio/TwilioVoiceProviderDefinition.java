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
                ProviderField.required("accountSid", "Account SID", "AC..., on the Twilio console's home page"),
                ProviderField.required("fromNumber", "Caller id", "your Twilio number or a verified caller id, in "
                        + "E.164, e.g. +16155550100"),
                ProviderField.optional("ringSeconds", "Ring for (seconds)", "30 by default"),
                ProviderField.optional("apiKeySid", "API key SID", "SK..., preferred over the auth token for calling"),
                ProviderField.optional("baseUrl", "API address", "https://api.twilio.com (default)"));
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(
                ProviderField.required("authToken", "Auth token", "the account's auth token: it also checks the "
                        + "signature on every call report"),
                ProviderField.optional("apiKeySecret", "API key secret", "the secret of the API key above"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        if (!account.setting("accountSid").orElse("").matches("AC[0-9a-fA-F]{32}")) {
            return CheckResult.failed("The account SID is AC followed by 32 hex characters");
        }
        if (!account.setting("fromNumber").orElse("").matches("\\+[1-9]\\d{7,14}")) {
            return CheckResult.failed("The caller id must be a number in E.164, e.g. +16155550100");
        }
        return account.secret("authToken").isPresent()
                ? CheckResult.ok("The settings look right. Call your own phone from a lead to be sure.")
                : CheckResult.failed("No auth token");
    }
}

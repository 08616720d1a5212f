package dev.ridgeline.outreach.provider.telnyx;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;

/** The Telnyx connection form for texts. */
@Component
class TelnyxProviderDefinition implements ProviderDefinition {

    @Override
    public ConnectionType type() {
        return ConnectionType.SMS;
    }

    @Override
    public String providerId() {
        return TelnyxSmsProvider.ID;
    }

    @Override
    public String displayName() {
        return "Telnyx";
    }

    @Override
    public String description() {
        return "Two-way texts from a Telnyx number or messaging profile. Set the messaging profile's inbound webhook "
                + "to https://<this server>/hooks/telnyx/<your company id>; delivery reports come back by themselves. "
                + "Every webhook is checked against your account's public key (Ed25519).";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of(
                ProviderField.optional("fromNumber", "From number", "your Telnyx number in E.164"),
                ProviderField.optional("messagingProfileId", "Messaging profile id", "sends from the profile's "
                        + "number pool when no From number is set"),
                ProviderField.required("webhookPublicKey", "Public key", "Mission Control, Keys & Credentials, "
                        + "Public Key (base64)"),
                ProviderField.optional("messagesPerMinute", "Messages a minute", "the sender's registered "
                        + "throughput (10DLC tier); 60 by default, texts over it wait their turn"),
                ProviderField.optional("pricePerSegment", "Price per segment (USD)", "for cost estimates; "
                        + "0.0021 by default, carrier fees extra"),
                ProviderField.optional("baseUrl", "API address", "https://api.telnyx.com (default)"));
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(ProviderField.required("apiKey", "API key", "KEY..., Mission Control, API Keys"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        try {
            TelnyxSignature.publicKey(account.setting("webhookPublicKey").orElse(""));
        } catch (IllegalArgumentException e) {
            return CheckResult.failed(e.getMessage());
        }
        if (account.setting("fromNumber").isEmpty() && account.setting("messagingProfileId").isEmpty()) {
            return CheckResult.failed("Set a From number or a messaging profile id");
        }
        return account.secret("apiKey").map(k -> k.reveal().startsWith("KEY")
                ? CheckResult.ok("The API key and public key look right. Send a test text to be sure.")
                : CheckResult.failed("A Telnyx API key starts with KEY")).orElse(CheckResult.failed("No API key"));
    }
}

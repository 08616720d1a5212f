package dev.ridgeline.outreach.provider.twilio;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.connections.ProviderField;

/** The Twilio connection form for texts. */
@Component
class TwilioProviderDefinition implements ProviderDefinition {

    @Override
    public ConnectionType type() {
        return ConnectionType.SMS;
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
        return "Two-way texts from your Twilio number or Messaging Service (US 10DLC registration required for "
                + "long codes). In the Twilio console set the number's \"A message comes in\" webhook to "
                + "https://<this server>/hooks/twilio/<your company id>/inbound (HTTP POST); delivery reports come back "
                + "by themselves. About $0.0083 a segment plus carrier fees.";
    }

    @Override
    public List<ProviderField> settings() {
        return List.of(
                TwilioAccount.ACCOUNT_SID,
                ProviderField.optional("fromNumber", "From number", "your Twilio number in E.164, e.g. +16155550100"),
                ProviderField.optional("messagingServiceSid", "Messaging Service SID", "MG...; used instead of the "
                        + "From number when set"),
                TwilioAccount.apiKeySid("sending"),
                ProviderField.optional("messagesPerMinute", "Messages a minute", "the sender's registered "
                        + "throughput (10DLC tier); 60 by default, texts over it wait their turn"),
                ProviderField.optional("pricePerSegment", "Price per segment (USD)", "for cost estimates; "
                        + "0.0083 by default, carrier fees extra"),
                TwilioAccount.BASE_URL);
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(TwilioAccount.authToken("webhook"), TwilioAccount.API_KEY_SECRET);
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        if (account.setting("fromNumber").isEmpty() && account.setting("messagingServiceSid").isEmpty()) {
            return CheckResult.failed("Set a From number or a Messaging Service SID");
        }
        return TwilioAccount.verify(account);
    }
}

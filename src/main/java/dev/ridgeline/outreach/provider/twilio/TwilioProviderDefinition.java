package dev.ridgeline.outreach.provider.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
                ProviderField.required("accountSid", "Account SID", "AC..., on the Twilio console's home page"),
                ProviderField.optional("fromNumber", "From number", "your Twilio number in E.164, e.g. +16155550100"),
                ProviderField.optional("messagingServiceSid", "Messaging Service SID", "MG...; used instead of the "
                        + "From number when set"),
                ProviderField.optional("apiKeySid", "API key SID", "SK..., preferred over the auth token for sending"),
                ProviderField.optional("messagesPerMinute", "Messages a minute", "the sender's registered "
                        + "throughput (10DLC tier); 60 by default, texts over it wait their turn"),
                ProviderField.optional("pricePerSegment", "Price per segment (USD)", "for cost estimates; "
                        + "0.0083 by default, carrier fees extra"),
                ProviderField.optional("baseUrl", "API address", "https://api.twilio.com (default)"));
    }

    @Override
    public List<ProviderField> secrets() {
        return List.of(
                ProviderField.required("authToken", "Auth token", "the account's auth token: it also checks the "
                        + "signature on every webhook"),
                ProviderField.optional("apiKeySecret", "API key secret", "the secret of the API key above"));
    }

    @Override
    public CheckResult check(ProviderAccount account) {
        String sid = account.setting("accountSid").orElse("");
        if (!sid.matches("AC[0-9a-fA-F]{32}")) {
            return CheckResult.failed("The account SID is AC followed by 32 hex characters");
        }
        if (account.setting("fromNumber").isEmpty() && account.setting("messagingServiceSid").isEmpty()) {
            return CheckResult.failed("Set a From number or a Messaging Service SID");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(TwilioSmsProvider.baseUrl(account)
                        + "/2010-04-01/Accounts/" + sid + ".json"))
                .timeout(Duration.ofSeconds(15)).header("Authorization", TwilioSmsProvider.authorization(account))
                .GET().build();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? CheckResult.ok("Twilio accepted the credentials for account " + sid + ".")
                    : CheckResult.failed("Twilio answered " + r.statusCode() + " (check the SID and the token or key)");
        } catch (IOException e) {
            return CheckResult.failed("Twilio could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed("interrupted");
        }
    }
}

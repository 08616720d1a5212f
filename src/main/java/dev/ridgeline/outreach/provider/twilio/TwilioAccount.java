package dev.ridgeline.outreach.provider.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.ProviderField;

/**
 * What every Twilio connection (texts, calls) asks for and how it is checked: the account SID, an optional API key,
 * the API address, the auth token; the check asks Twilio for the account with those credentials.
 */
final class TwilioAccount {

    static final ProviderField ACCOUNT_SID = ProviderField.required("accountSid", "Account SID",
            "AC..., on the Twilio console's home page");
    static final ProviderField BASE_URL = ProviderField.optional("baseUrl", "API address",
            "https://api.twilio.com (default)");
    static final ProviderField API_KEY_SECRET = ProviderField.optional("apiKeySecret", "API key secret",
            "the secret of the API key above");

    private TwilioAccount() {
    }

    static ProviderField apiKeySid(String forWhat) {
        return ProviderField.optional("apiKeySid", "API key SID", "SK..., preferred over the auth token for " + forWhat);
    }

    static ProviderField authToken(String checks) {
        return ProviderField.required("authToken", "Auth token", "the account's auth token: it also checks the "
                + "signature on every " + checks);
    }

    /** The SID's form, then Twilio's own answer to the credentials. */
    static CheckResult verify(ProviderAccount account) {
        String sid = account.setting("accountSid").orElse("");
        if (!sid.matches("AC[0-9a-fA-F]{32}")) {
            return CheckResult.failed("The account SID is AC followed by 32 hex characters");
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

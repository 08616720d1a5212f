package dev.ridgeline.outreach.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.connections.OAuthException;
import dev.ridgeline.connections.OAuthGrant;
import dev.ridgeline.connections.OAuthTokens;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.ProviderException;

/**
 * Calls a mailbox's REST API (Gmail, Microsoft Graph) with the connection's OAuth access token, and maps what can go
 * wrong the same way for both: a 401 refreshes the token and tries once more; 429 and 5xx are passing (with the
 * vendor's Retry-After); other 4xx are permanent; a grant the vendor no longer honours is permanent with the code
 * {@value #RECONNECT}, so the mailbox can be paused until someone connects it again.
 */
public final class MailboxApi {

    /** The failure code when the mailbox must be connected again. */
    public static final String RECONNECT = "oauth-reconnect";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final OAuthTokens tokens;
    private final OAuthGrant grant;
    private final String vendor;
    private final HttpClient http;

    public MailboxApi(OAuthTokens tokens, OAuthGrant grant, String vendor) {
        this.tokens = tokens;
        this.grant = grant;
        this.vendor = vendor;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The API's base address, e.g. https://gmail.googleapis.com. */
    public String baseUrl() {
        return tokens.apiUrl(grant.client());
    }

    /** A successful (2xx) answer to the request, or a classified {@link ProviderException}. */
    public HttpResponse<byte[]> call(ProviderAccount account, String method, String path, @Nullable String contentType,
            byte @Nullable [] body) {
        String token = token(account, null);
        HttpResponse<byte[]> response = send(method, path, contentType, body, token);
        if (response.statusCode() == 401) {
            token = token(account, token);
            response = send(method, path, contentType, body, token);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String detail = new String(response.body(), StandardCharsets.UTF_8);
        detail = detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
        String retryAfter = response.headers().firstValue("Retry-After").map(v -> ", retry after " + v + " s").orElse("");
        if (status == 429 || status >= 500 || (status == 403 && detail.contains("RateLimitExceeded"))
                || (status == 403 && detail.contains("rateLimitExceeded"))) {
            throw new ProviderException(FailureClass.RETRYABLE, status == 429 || status == 403 ? "rate-limited"
                    : "unavailable", vendor + " answered " + status + retryAfter + ": " + detail.strip());
        }
        if (status == 401) {
            throw new ProviderException(FailureClass.PERMANENT, RECONNECT, vendor + " refused a freshly refreshed "
                    + "token (401): connect the mailbox again");
        }
        throw new ProviderException(FailureClass.PERMANENT, "rejected-" + status, vendor + " answered " + status + ": "
                + detail.strip());
    }

    private String token(ProviderAccount account, @Nullable String rejected) {
        try {
            return rejected == null ? tokens.accessToken(account, grant) : tokens.refresh(account, grant, rejected);
        } catch (OAuthException e) {
            throw new ProviderException(e.reconnect() ? FailureClass.PERMANENT : FailureClass.RETRYABLE,
                    e.reconnect() ? RECONNECT : "oauth-unavailable", e.getMessage(), e);
        }
    }

    private HttpResponse<byte[]> send(String method, String path, @Nullable String contentType, byte @Nullable [] body,
            String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                        : baseUrl() + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ProviderException(FailureClass.RETRYABLE, "unreachable", vendor + " could not be reached: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(FailureClass.RETRYABLE, "interrupted", "interrupted calling " + vendor, e);
        }
    }
}

package dev.ridgeline.connections;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The installation's OAuth 2.0 clients, registered once by whoever runs Ridgeline (a Google Cloud "Web application"
 * client, a Microsoft Entra app registration), through which each company connects its own mailboxes. Set by
 * environment, e.g. {@code RIDGELINE_OAUTH_GOOGLE_CLIENT_ID}. A client without an id is not offered. The endpoint
 * addresses default to the vendors' and change only for tests.
 */
@ConfigurationProperties("ridgeline.oauth")
public record OAuthProperties(@DefaultValue Client google, @DefaultValue Client microsoft) {

    public OAuthProperties {
        google = google.orElse(new Client(null, null, "https://accounts.google.com/o/oauth2/v2/auth",
                "https://oauth2.googleapis.com/token", "https://oauth2.googleapis.com/revoke",
                "https://gmail.googleapis.com"));
        microsoft = microsoft.orElse(new Client(null, null,
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "https://login.microsoftonline.com/common/oauth2/v2.0/token", null, "https://graph.microsoft.com"));
    }

    /**
     * @param clientId the OAuth client id; empty switches the client off
     * @param clientSecret its secret (confidential web client)
     * @param authorizationUri where the person is sent to consent
     * @param tokenUri where codes and refresh tokens are exchanged
     * @param revocationUri where a token is revoked on disconnect; none for Microsoft, which has no such endpoint
     * @param apiUrl the base address of the mail API (Gmail API, Microsoft Graph)
     */
    public record Client(@Nullable String clientId, @Nullable String clientSecret, @Nullable String authorizationUri,
            @Nullable String tokenUri, @Nullable String revocationUri, @Nullable String apiUrl) {

        public boolean configured() {
            return clientId != null && !clientId.isBlank();
        }

        /** This client with every unset address taken from {@code defaults}. */
        Client orElse(Client defaults) {
            return new Client(clientId, clientSecret, or(authorizationUri, defaults.authorizationUri),
                    or(tokenUri, defaults.tokenUri), or(revocationUri, defaults.revocationUri),
                    or(apiUrl, defaults.apiUrl));
        }

        private static @Nullable String or(@Nullable String value, @Nullable String fallback) {
            return value == null || value.isBlank() ? fallback : value.replaceAll("/+$", "");
        }

        @Override
        public String toString() {
            return "Client[clientId=" + clientId + ", clientSecret=" + (clientSecret == null || clientSecret.isEmpty()
                    ? "" : "****") + ", tokenUri=" + tokenUri + ", apiUrl=" + apiUrl + "]";
        }
    }

    /** The client by its name in configuration and redirect addresses: {@code google} or {@code microsoft}. */
    public @Nullable Client client(String name) {
        return switch (name) {
            case "google" -> google;
            case "microsoft" -> microsoft;
            default -> null;
        };
    }
}

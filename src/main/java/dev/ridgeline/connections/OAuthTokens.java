package dev.ridgeline.connections;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.ridgeline.connections.internal.ConnectionRepository;
import dev.ridgeline.platform.PlatformProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.0 tokens of mailboxes connected by consent (Gmail, Microsoft 365), kept in the connections vault. Spring
 * Security's OAuth2 client does the protocol: the authorization request with PKCE, the code exchange, the refresh.
 * This class keeps the refresh token and the current access token sealed with the connection, refreshes a minute
 * before expiry (one refresh at a time per connection), stores a rotated refresh token at once (Microsoft rotates
 * them), and revokes on disconnect where the vendor allows it.
 */
@Service
public class OAuthTokens {

    /** Vault names of the tokens on a connection. */
    public static final String REFRESH_TOKEN = "refreshToken";
    public static final String ACCESS_TOKEN = "accessToken";
    public static final String ACCESS_TOKEN_EXPIRES = "accessTokenExpiresAt";

    private static final Logger log = LoggerFactory.getLogger(OAuthTokens.class);
    private static final Duration EARLY = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final OAuthProperties properties;
    private final ConnectionRepository repository;
    private final String publicUrl;
    private final Clock clock;
    private final RestClientAuthorizationCodeTokenResponseClient codeClient = new RestClientAuthorizationCodeTokenResponseClient();
    private final RestClientRefreshTokenTokenResponseClient refreshClient = new RestClientRefreshTokenTokenResponseClient();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ConcurrentMap<UUID, Object> locks = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    public OAuthTokens(OAuthProperties properties, ConnectionRepository repository, PlatformProperties platform,
            Clock clock) {
        this.properties = properties;
        this.repository = repository;
        this.publicUrl = platform.publicUrl().replaceAll("/+$", "");
        this.clock = clock;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(TIMEOUT);
        RestClient rest = RestClient.builder().requestFactory(factory)
                .messageConverters(c -> c.addFirst(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler())
                .build();
        codeClient.setRestClient(rest);
        refreshClient.setRestClient(rest);
    }

    /** Whether the installation has this client ({@code google}, {@code microsoft}) configured. */
    public boolean configured(String client) {
        OAuthProperties.Client c = properties.client(client);
        return c != null && c.configured();
    }

    /** Where the vendor sends the person back; to be registered, exactly, with the OAuth client. */
    public String redirectUri(String client) {
        return publicUrl + "/settings/connections/oauth/" + client + "/callback";
    }

    /** Spring Security's registration of a client for a grant's scopes, with PKCE required. */
    public ClientRegistration registration(OAuthGrant grant) {
        OAuthProperties.Client c = properties.client(grant.client());
        if (c == null || !c.configured()) {
            throw new OAuthException(false, "the " + grant.client() + " OAuth client is not configured on this "
                    + "installation (RIDGELINE_OAUTH_" + grant.client().toUpperCase() + "_CLIENT_ID and _CLIENT_SECRET)");
        }
        return ClientRegistration.withRegistrationId(grant.client())
                .clientId(c.clientId())
                .clientSecret(c.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri(grant.client()))
                .scope(grant.scopes())
                .authorizationUri(c.authorizationUri())
                .tokenUri(c.tokenUri())
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build();
    }

    /** The mail API's base address for a client. */
    public String apiUrl(String client) {
        OAuthProperties.Client c = properties.client(client);
        return c == null || c.apiUrl() == null ? "" : c.apiUrl();
    }

    /** Exchanges an authorization code (with its PKCE verifier) for tokens. */
    public OAuth2AccessTokenResponse exchange(ClientRegistration registration, OAuth2AuthorizationExchange exchange) {
        try {
            return codeClient.getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(registration, exchange));
        } catch (OAuth2AuthorizationException e) {
            throw new OAuthException(false, "the token exchange was refused: " + describe(e), e);
        } catch (RestClientException e) {
            throw new OAuthException(false, "the token endpoint could not be reached: " + e.getMessage(), e);
        }
    }

    /** Seals a fresh grant's tokens with the connection. */
    public void store(dev.ridgeline.platform.TenantId tenant, UUID connectionId, OAuth2AccessTokenResponse tokens) {
        put(tenant, connectionId, tokens);
    }

    /** A usable access token: the stored one while it has more than a minute left, else a refreshed one. */
    public String accessToken(ProviderAccount account, OAuthGrant grant) {
        Optional<String> stored = account.secret(ACCESS_TOKEN).map(SecretValue::reveal);
        Instant expires = account.secret(ACCESS_TOKEN_EXPIRES).map(v -> Instant.ofEpochSecond(Long.parseLong(v.reveal())))
                .orElse(Instant.EPOCH);
        if (stored.isPresent() && expires.isAfter(clock.instant().plus(EARLY))) {
            return stored.get();
        }
        return refresh(account, grant, stored.orElse(null));
    }

    /**
     * Refreshes the access token, for instance after the API answered 401 to {@code rejected}. Callers on other
     * threads wait and take the token the first one got.
     */
    public String refresh(ProviderAccount account, OAuthGrant grant, @Nullable String rejected) {
        synchronized (locks.computeIfAbsent(account.connectionId(), id -> new Object())) {
            ProviderAccount current = repository.find(account.tenantId(), account.connectionId())
                    .map(c -> repository.account(account.tenantId(), c))
                    .orElseThrow(() -> new OAuthException(true, "the mailbox connection was removed"));
            Optional<String> now = current.secret(ACCESS_TOKEN).map(SecretValue::reveal);
            Instant expires = current.secret(ACCESS_TOKEN_EXPIRES)
                    .map(v -> Instant.ofEpochSecond(Long.parseLong(v.reveal()))).orElse(Instant.EPOCH);
            if (now.isPresent() && !now.get().equals(rejected) && expires.isAfter(clock.instant().plus(EARLY))) {
                return now.get(); // another thread refreshed meanwhile
            }
            String refreshToken = current.secret(REFRESH_TOKEN).map(SecretValue::reveal)
                    .orElseThrow(() -> new OAuthException(true, "no refresh token is stored: connect the mailbox again"));
            ClientRegistration registration = registration(grant);
            OAuth2AccessToken expired = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                    now.orElse("none"), clock.instant().minusSeconds(3600), clock.instant().minusSeconds(1));
            OAuth2AccessTokenResponse response;
            try {
                response = refreshClient.getTokenResponse(new OAuth2RefreshTokenGrantRequest(registration, expired,
                        new OAuth2RefreshToken(refreshToken, null)));
            } catch (OAuth2AuthorizationException e) {
                String code = e.getError().getErrorCode();
                boolean reconnect = "invalid_grant".equals(code) || "unauthorized_client".equals(code)
                        || "invalid_client".equals(code);
                throw new OAuthException(reconnect, (reconnect ? "the mailbox must be connected again: " : "")
                        + grant.client() + " refused the token refresh: " + describe(e), e);
            } catch (RestClientException e) {
                throw new OAuthException(false, "the " + grant.client() + " token endpoint could not be reached: "
                        + e.getMessage(), e);
            }
            put(account.tenantId(), account.connectionId(), response);
            return response.getAccessToken().getTokenValue();
        }
    }

    /**
     * Revokes the connection's grant where the vendor has a revocation endpoint (Google); Microsoft has none, the
     * person removes the app under their account's permissions. Returns what happened, for the person.
     */
    public String revoke(ProviderAccount account, OAuthGrant grant) {
        OAuthProperties.Client c = properties.client(grant.client());
        Optional<String> token = account.secret(REFRESH_TOKEN).map(SecretValue::reveal);
        if (c == null || c.revocationUri() == null || c.revocationUri().isBlank() || token.isEmpty()) {
            return "nothing to revoke at " + grant.client();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(c.revocationUri())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(token.get(),
                        StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return "access revoked at " + grant.client();
            }
            // 400 invalid_token: already revoked or expired, which is what was wanted.
            if (response.statusCode() == 400 && response.body().contains("invalid_token")) {
                return "access was already revoked at " + grant.client();
            }
            throw new OAuthException(false, grant.client() + " answered " + response.statusCode() + " to the revocation");
        } catch (java.io.IOException e) {
            throw new OAuthException(false, "the revocation endpoint could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException(false, "interrupted while revoking", e);
        }
    }

    /**
     * The signed-in address from an OpenID Connect id_token received straight from the token endpoint over TLS,
     * which OpenID Connect Core (3.1.3.7) lets a client trust without checking the signature.
     */
    public Optional<String> emailOf(OAuth2AccessTokenResponse response) {
        Object idToken = response.getAdditionalParameters().get("id_token");
        if (!(idToken instanceof String jwt) || jwt.split("\\.").length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            if (claims.path("email_verified").isBoolean() && !claims.path("email_verified").asBoolean()) {
                return Optional.empty();
            }
            for (String claim : List.of("email", "preferred_username", "upn")) {
                String v = claims.path(claim).asString("");
                if (v.contains("@")) {
                    return Optional.of(v.strip().toLowerCase(java.util.Locale.ROOT));
                }
            }
        } catch (RuntimeException e) {
            log.debug("Unreadable id_token: {}", e.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    private void put(dev.ridgeline.platform.TenantId tenant, UUID connectionId, OAuth2AccessTokenResponse tokens) {
        Instant now = clock.instant();
        OAuth2AccessToken access = tokens.getAccessToken();
        Instant expires = access.getExpiresAt() != null ? access.getExpiresAt() : now.plusSeconds(3000);
        repository.putSecret(tenant, connectionId, ACCESS_TOKEN, access.getTokenValue(), now);
        repository.putSecret(tenant, connectionId, ACCESS_TOKEN_EXPIRES, String.valueOf(expires.getEpochSecond()), now);
        if (tokens.getRefreshToken() != null) {
            repository.putSecret(tenant, connectionId, REFRESH_TOKEN, tokens.getRefreshToken().getTokenValue(), now);
        }
    }

    private static String describe(OAuth2AuthorizationException e) {
        var error = e.getError();
        return error.getErrorCode() + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")");
    }
}

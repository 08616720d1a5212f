package dev.ridgeline.connections.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.OAuthException;
import dev.ridgeline.connections.OAuthGrant;
import dev.ridgeline.connections.OAuthTokens;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.web.Flash;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * "Connect Gmail" and "Connect Outlook": the OAuth 2.0 authorization code flow with PKCE, done by Spring Security's
 * OAuth2 client pieces. Start sends the signed-in owner to the vendor with a state and a code challenge kept in
 * their session; the callback takes that request back by its state (a forged or stale answer finds none), exchanges
 * the code with the verifier, checks that the scopes needed were granted and a refresh token came with them, reads
 * the address from the id_token and seals the tokens in the vault.
 */
@Controller
class OAuthConnectController {

    private static final String TYPE = "ridgeline.type";
    private static final String PROVIDER = "ridgeline.provider";
    private static final String TENANT = "ridgeline.tenant";

    private final ConnectionsService connections;
    private final OAuthTokens tokens;
    private final HttpSessionOAuth2AuthorizationRequestRepository requests =
            new HttpSessionOAuth2AuthorizationRequestRepository();

    OAuthConnectController(ConnectionsService connections, OAuthTokens tokens) {
        this.connections = connections;
        this.tokens = tokens;
    }

    @GetMapping("/settings/connections/oauth/start")
    String start(Actor actor, @RequestParam ConnectionType type, @RequestParam String provider,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        connections.list(actor); // the permission check, before anything else
        ProviderDefinition definition = connections.getProvider(type, provider);
        OAuthGrant grant = definition.oauth().orElseThrow(() -> InvalidInputException.of("provider",
                definition.displayName() + " is connected with its form, not by signing in"));
        if (!tokens.configured(grant.client())) {
            Flash.error(redirect, definition.displayName() + " cannot be connected yet: whoever runs Ridgeline must "
                    + "register an OAuth client with " + vendor(grant.client()) + " first (see docs/email.md).");
            return "redirect:/settings/connections";
        }
        ClientRegistration registration = tokens.registration(grant);
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(
                id -> id.equals(registration.getRegistrationId()) ? registration : null,
                "/settings/connections/oauth/start");
        resolver.setAuthorizationRequestCustomizer(b -> b
                .additionalParameters(p -> {
                    if ("google".equals(grant.client())) {
                        p.put("access_type", "offline"); // a refresh token
                        p.put("prompt", "consent"); // a new refresh token on every connect
                        p.put("include_granted_scopes", "true");
                    } else {
                        p.put("prompt", "select_account");
                        p.put("response_mode", "query");
                    }
                })
                .attributes(a -> {
                    a.put(TYPE, type.name());
                    a.put(PROVIDER, provider);
                    a.put(TENANT, actor.tenantId().toString());
                }));
        OAuth2AuthorizationRequest authorization = resolver.resolve(request, registration.getRegistrationId());
        requests.saveAuthorizationRequest(authorization, request, response);
        return "redirect:" + authorization.getAuthorizationRequestUri();
    }

    /** The redirect address registered with Google. */
    @GetMapping("/settings/connections/oauth/google/callback")
    String google(Actor actor, @RequestParam(required = false) @Nullable String code,
            @RequestParam(required = false) @Nullable String state, @RequestParam(required = false) @Nullable String error,
            @RequestParam(name = "error_description", required = false) @Nullable String errorDescription,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return callback("google", actor, code, state, error, errorDescription, request, response, redirect);
    }

    /** The redirect address registered with Microsoft. */
    @GetMapping("/settings/connections/oauth/microsoft/callback")
    String microsoft(Actor actor, @RequestParam(required = false) @Nullable String code,
            @RequestParam(required = false) @Nullable String state, @RequestParam(required = false) @Nullable String error,
            @RequestParam(name = "error_description", required = false) @Nullable String errorDescription,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return callback("microsoft", actor, code, state, error, errorDescription, request, response, redirect);
    }

    private String callback(String client, Actor actor, @Nullable String code, @Nullable String state,
            @Nullable String error, @Nullable String errorDescription, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        connections.list(actor);
        OAuth2AuthorizationRequest authorization = state == null ? null
                : requests.removeAuthorizationRequest(request, response);
        if (authorization == null || !client.equals(authorization.getAttribute(OAuth2ParameterNames.REGISTRATION_ID))
                || !actor.tenantId().toString().equals(authorization.getAttribute(TENANT))) {
            Flash.error(redirect, "That answer from " + vendor(client) + " does not belong to a connection started in "
                    + "this browser (it expired, or was opened elsewhere). Start again from Connect.");
            return "redirect:/settings/connections";
        }
        if (error != null || code == null) {
            Flash.error(redirect, vendor(client) + " did not grant access: " + (error == null ? "no code" : error)
                    + (errorDescription == null ? "" : " (" + errorDescription.lines().findFirst().orElse("") + ")")
                    + ". Nothing was connected.");
            return "redirect:/settings/connections";
        }
        ConnectionType type = ConnectionType.valueOf(authorization.getAttribute(TYPE));
        ProviderDefinition definition = connections.getProvider(type, authorization.getAttribute(PROVIDER));
        OAuthGrant grant = definition.oauth().orElseThrow();
        try {
            ClientRegistration registration = tokens.registration(grant);
            OAuth2AuthorizationResponse answer = OAuth2AuthorizationResponse.success(code)
                    .redirectUri(authorization.getRedirectUri()).state(state).build();
            OAuth2AccessTokenResponse granted = tokens.exchange(registration,
                    new OAuth2AuthorizationExchange(authorization, answer));
            List<String> missing = missingScopes(grant, granted.getAccessToken().getScopes());
            if (!missing.isEmpty()) {
                Flash.error(redirect, "Ridgeline was not given every permission it needs (" + String.join(", ", missing)
                        + "). Connect again and leave every box ticked on " + vendor(client) + "'s page.");
                return "redirect:/settings/connections";
            }
            if (granted.getRefreshToken() == null) {
                Flash.error(redirect, vendor(client) + " gave no refresh token, so the mailbox would stop after an "
                        + "hour. Remove Ridgeline from the account's third-party access, then connect again.");
                return "redirect:/settings/connections";
            }
            String address = tokens.emailOf(granted).orElse(null);
            if (address == null) {
                Flash.error(redirect, vendor(client) + " did not say which address was signed in (no verified email "
                        + "in the id_token). Nothing was connected.");
                return "redirect:/settings/connections";
            }
            connections.connectGranted(actor, type, definition.providerId(), address, granted);
            Flash.notice(redirect, definition.displayName() + " mailbox " + address + " connected and sending.");
        } catch (OAuthException e) {
            Flash.error(redirect, "Connecting " + definition.displayName() + " failed: " + e.getMessage());
        }
        return "redirect:/settings/connections";
    }

    /** The required scopes not granted; Microsoft answers short names (Mail.Send) for Graph's full ones. */
    static List<String> missingScopes(OAuthGrant grant, Set<String> granted) {
        if (granted.isEmpty()) {
            return List.of(); // no scope in the answer means the ones asked for (RFC 6749, 5.1)
        }
        Set<String> have = granted.stream().map(OAuthConnectController::shortScope).collect(Collectors.toSet());
        return grant.requiredScopes().stream().filter(s -> !have.contains(shortScope(s))).toList();
    }

    private static String shortScope(String scope) {
        return scope.replaceFirst("^https://graph\\.microsoft\\.com/", "").toLowerCase(Locale.ROOT);
    }

    private static String vendor(String client) {
        return "google".equals(client) ? "Google" : "Microsoft";
    }
}

package dev.ridgeline.connections;

import java.util.List;

/**
 * How a provider's connection is made by OAuth 2.0 instead of a form: which of the installation's clients
 * ({@code google}, {@code microsoft}), the scopes asked for, and the ones without which the connection is useless
 * (a person can untick scopes on Google's consent screen).
 */
public record OAuthGrant(String client, List<String> scopes, List<String> requiredScopes) {
}

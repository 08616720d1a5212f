package dev.ridgeline.identity.internal;

import java.util.UUID;

import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.ott.OneTimeTokenAuthenticationConverter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the one-time token from a sign-in form: a magic-link form posts {@code token}; the SMS code form posts
 * {@code challenge} and {@code code}, joined here into one token.
 */
class CodeAwareTokenConverter implements AuthenticationConverter {

    private final OneTimeTokenAuthenticationConverter links = new OneTimeTokenAuthenticationConverter();

    @Override
    public Authentication convert(HttpServletRequest request) {
        String challenge = request.getParameter("challenge");
        String code = request.getParameter("code");
        if (challenge != null && code != null) {
            String digits = code.replaceAll("\\D", "");
            try {
                return OneTimeTokenAuthenticationToken.unauthenticated(
                        LoginChallenges.codeToken(UUID.fromString(challenge.trim()), digits));
            } catch (IllegalArgumentException e) {
                return OneTimeTokenAuthenticationToken.unauthenticated("invalid");
            }
        }
        return links.convert(request);
    }
}

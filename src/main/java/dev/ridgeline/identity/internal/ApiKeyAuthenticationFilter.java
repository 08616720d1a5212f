package dev.ridgeline.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Role;

/**
 * Authenticates {@code /api/v1} calls by {@code Authorization: Bearer rl_<prefix>_<secret>}. The key is found by
 * its prefix and checked against the stored SHA-256 in constant time; revoked keys fail. READ grants
 * {@code SCOPE_READ}; WRITE grants both scopes.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeyRepository keys;
    private final Clock clock;

    ApiKeyAuthenticationFilter(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            authenticate(header.substring(7).trim());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void authenticate(String token) {
        ApiKeyTokens.prefixOf(token).flatMap(keys::findByPrefix)
                .filter(stored -> !stored.key().revoked())
                .filter(stored -> Secrets.equal(Secrets.sha256(token), stored.secretHash()))
                .ifPresent(stored -> {
                    keys.touch(stored.tenantId(), stored.key().id(), clock.instant());
                    Actor actor = new Actor(stored.tenantId(), stored.key().createdBy(), Role.OWNER,
                            stored.key().id().toString());
                    var principal = new ApiKeyPrincipal(actor, stored.key().prefix(), stored.key().scope());
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(new ApiKeyAuthentication(principal));
                    SecurityContextHolder.setContext(context);
                });
    }

    static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

        private final ApiKeyPrincipal principal;

        ApiKeyAuthentication(ApiKeyPrincipal principal) {
            super(authorities(principal.scope()));
            this.principal = principal;
            setAuthenticated(true);
        }

        private static List<GrantedAuthority> authorities(ApiKeyScope scope) {
            List<GrantedAuthority> list = new ArrayList<>();
            list.add(new SimpleGrantedAuthority("SCOPE_READ"));
            if (scope == ApiKeyScope.WRITE) {
                list.add(new SimpleGrantedAuthority("SCOPE_WRITE"));
            }
            return list;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public ApiKeyPrincipal getPrincipal() {
            return principal;
        }
    }
}

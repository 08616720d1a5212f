package dev.ridgeline.identity.internal;

import java.io.IOException;
import java.util.Set;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * In front of every sign-in form: per-IP limit on all of them, and the account lockout on password sign-in. A
 * locked account gets the same answer whether it exists or not.
 */
class SignInRequestFilter extends OncePerRequestFilter {

    static final Set<String> SIGN_IN_POSTS = Set.of("/login", "/login/link", "/login/code", "/login/ott",
            "/login/totp", "/setup");

    private final SignInThrottle throttle;

    SignInRequestFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !SIGN_IN_POSTS.contains(path(request));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!throttle.allowRequest(request.getRemoteAddr())) {
            response.setStatus(429);
            response.setHeader("Retry-After", "600");
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!doctype html><title>Too many attempts</title><main style=\"font-family:"
                    + "system-ui;max-width:32rem;margin:4rem auto\"><h1>Too many sign-in attempts</h1><p>Too many "
                    + "sign-in attempts came from your network. Wait ten minutes, then <a href=\"/login\">try "
                    + "again</a>.</p></main>");
            return;
        }
        if ("/login".equals(path(request))) {
            String email = request.getParameter("email");
            if (email != null && throttle.locked(email)) {
                response.sendRedirect(request.getContextPath() + "/login?locked");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

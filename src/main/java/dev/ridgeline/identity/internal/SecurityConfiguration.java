package dev.ridgeline.identity.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.ott.DefaultGenerateOneTimeTokenRequestResolver;
import org.springframework.security.web.authentication.ott.OneTimeTokenGenerationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.session.web.http.DefaultCookieSerializer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.ridgeline.platform.Permission;

/**
 * Two filter chains. {@code /api/v1/**}: stateless, API keys only, READ scope for GET and WRITE for the rest,
 * errors as RFC 9457 problem JSON. Everything else: the web app, with password, magic-link, SMS-code and TOTP
 * sign-in, CSRF, role rules per settings page, and the optional second factor on every request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final String CSP = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /**
     * No Micrometer observation around every security filter: it cost a sixth of the CPU of a webhook request under
     * load (bench/sms-callbacks.sh), and the HTTP server's own request metrics stay.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthenticationManager authenticationManager(AccountDetailsService accounts, Passwords passwords,
            LoginChallenges challenges, UserRepository users, AuthenticationEventPublisher publisher) {
        DaoAuthenticationProvider password = new DaoAuthenticationProvider(accounts);
        password.setPasswordEncoder(passwords.encoder());
        ProviderManager manager = new ProviderManager(List.of(password, new ChallengeAuthenticationProvider(challenges, users)));
        manager.setAuthenticationEventPublisher(publisher);
        return manager;
    }

    /** The session cookie: HttpOnly, Secure, SameSite=Lax, set on every kind of run (server, tests). */
    @Bean
    DefaultCookieSerializer cookieSerializer(IdentityProperties properties) {
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        cookies.setCookieName("RIDGELINE_SESSION");
        cookies.setUseHttpOnlyCookie(true);
        cookies.setUseSecureCookie(properties.secureCookies());
        cookies.setSameSite("Lax");
        cookies.setCookiePath("/");
        return cookies;
    }

    /** Spring Security 7's multi-factor hook: every "authenticated" rule also checks the TOTP factor. */
    @Bean
    DefaultAuthorizationManagerFactory<Object> authorizationManagerFactory() {
        DefaultAuthorizationManagerFactory<Object> factory = new DefaultAuthorizationManagerFactory<>();
        factory.setAdditionalAuthorization(new TotpFactorAuthorization());
        return factory;
    }

    /**
     * What a recipient reaches from an email (the unsubscribe page and its one-click POST) and what vendors call
     * (webhooks): no session, no cookies, no CSRF token, as mailbox providers and vendors send none; the token in
     * the address, or the request's signature, is the key.
     */
    @Bean
    @Order(0)
    SecurityFilterChain recipients(HttpSecurity http) throws Exception {
        http.securityMatcher("/u/**", "/hooks/**", "/t/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                .securityContext(s -> s.requireExplicitSave(true))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeyRepository keys, Clock clock) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.securityMatcher("/api/v1/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                .securityContext(s -> s.requireExplicitSave(true))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, clock), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAuthority("SCOPE_READ")
                        .requestMatchers(HttpMethod.HEAD, "/api/v1/**").hasAuthority("SCOPE_READ")
                        .anyRequest().hasAuthority("SCOPE_WRITE"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, HttpStatus.UNAUTHORIZED,
                                "Send a valid API key as 'Authorization: Bearer rl_...'"))
                        .accessDeniedHandler((req, res, ex) -> problems.write(res, HttpStatus.FORBIDDEN,
                                "This API key's scope does not allow " + req.getMethod() + " requests")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, AuthenticationManager authenticationManager,
            UserRepository users, LoginChallenges challenges, SignInService signIn,
            SignInThrottle throttle, IdentityProperties properties) throws Exception {
        DefaultGenerateOneTimeTokenRequestResolver linkLifetime = new DefaultGenerateOneTimeTokenRequestResolver();
        linkLifetime.setExpiresIn(properties.magicLinkLifetime());
        OneTimeTokenGenerationSuccessHandler linkSent = (request, response, token) -> {
            signIn.sendMagicLink((IssuedToken) token);
            response.sendRedirect(request.getContextPath() + "/login/link-sent");
        };
        http.authenticationManager(authenticationManager)
                .addFilterAfter(new SignInRequestFilter(throttle), CsrfFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/login/**", "/setup", "/logout", "/css/**", "/js/**", "/img/**",
                                "/webjars/**", "/favicon.ico", "/error", "/actuator/health", "/actuator/health/**",
                                "/v3/api-docs", "/v3/api-docs/**", "/api/docs", "/api/docs/**", "/swagger-ui/**",
                                "/outbox/sign-in")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus").access(loopbackOnly())
                        .requestMatchers(HttpMethod.GET, "/settings/users", "/settings/users/*")
                        .hasAuthority(Permission.TEAM_VIEW.authority())
                        .requestMatchers("/settings/users/**").hasAuthority(Permission.USERS_MANAGE.authority())
                        .requestMatchers("/settings/roof/**", "/settings/roof")
                        .hasAuthority(Permission.COMPANY_MANAGE.authority())
                        .requestMatchers("/settings/imagery/**", "/settings/imagery")
                        .hasAuthority(Permission.CONNECTIONS_MANAGE.authority())
                        .requestMatchers("/settings/connections/**", "/settings/connections")
                        .hasAuthority(Permission.CONNECTIONS_MANAGE.authority())
                        .requestMatchers("/settings/api-keys/**", "/settings/api-keys")
                        .hasAuthority(Permission.API_KEYS_MANAGE.authority())
                        .requestMatchers("/settings/audit/**", "/settings/audit")
                        .hasAuthority(Permission.AUDIT_VIEW.authority())
                        .requestMatchers("/settings/company/**", "/settings/company")
                        .hasAuthority(Permission.COMPANY_MANAGE.authority())
                        .requestMatchers("/imports/**", "/imports").hasAuthority(Permission.DATA_IMPORT.authority())
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").loginProcessingUrl("/login").usernameParameter("email")
                        .failureHandler(passwordFailure(throttle)).permitAll())
                .oneTimeTokenLogin(o -> o.loginPage("/login")
                        .tokenGeneratingUrl("/login/link")
                        .loginProcessingUrl("/login/ott")
                        .showDefaultSubmitPage(false)
                        .tokenService(challenges)
                        .generateRequestResolver(linkLifetime)
                        .tokenGenerationSuccessHandler(linkSent)
                        .authenticationConverter(new CodeAwareTokenConverter())
                        .authenticationProvider(new ChallengeAuthenticationProvider(challenges, users))
                        .authenticationFailureHandler(challengeFailure()))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
                .exceptionHandling(e -> e.authenticationEntryPoint(loginEntryPoint()).accessDeniedHandler(accessDenied()))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static AuthenticationFailureHandler passwordFailure(SignInThrottle throttle) {
        return (request, response, exception) -> {
            String email = request.getParameter("email");
            boolean locked = email != null && throttle.locked(email);
            response.sendRedirect(request.getContextPath() + (locked ? "/login?locked" : "/login?error"));
        };
    }

    private static AuthenticationFailureHandler challengeFailure() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            ChallengeRejected.Reason reason = exception instanceof ChallengeRejected r ? r.reason()
                    : ChallengeRejected.Reason.UNKNOWN;
            String challenge = request.getParameter("challenge");
            String base = request.getContextPath();
            if (challenge != null && challenge.matches("[0-9a-f-]{36}")) {
                response.sendRedirect(base + "/login/code/verify?c=" + challenge + "&error=" + reason.name().toLowerCase());
            } else {
                response.sendRedirect(base + "/login?link=" + reason.name().toLowerCase());
            }
        };
    }

    /** htmx requests get a 401 with HX-Redirect, so a fragment swap does not paint the login page into a div. */
    private static AuthenticationEntryPoint loginEntryPoint() {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, exception) -> {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                return;
            }
            login.commence(request, response, exception);
        };
    }

    /** Missing TOTP factor: go to the authenticator step. Missing permission: the 403 page. */
    private static AccessDeniedHandler accessDenied() {
        return (request, response, exception) -> {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            if (TotpFactorAuthorization.needsTotp(auth)) {
                response.sendRedirect(request.getContextPath() + "/login/totp");
                return;
            }
            request.setAttribute("jakarta.servlet.error.message", "Your role does not allow this page.");
            try {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "Your role does not allow this page.");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static AuthorizationManager<RequestAuthorizationContext> loopbackOnly() {
        return (authentication, context) -> new AuthorizationDecision(isLoopback(context.getRequest().getRemoteAddr()));
    }

    static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

package dev.ridgeline.test;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * One WireMock server per test run standing in for Google (OAuth endpoints under /google, the Gmail API under
 * /gmail) and Microsoft (/microsoft, Graph under /graph), with the installation's OAuth clients pointed at it, so
 * every test context can connect and use Gmail and Outlook mailboxes without the network.
 */
public final class MailboxApiStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static WireMockServer server;

    /** The running server, started on first use. */
    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static String url() {
        return "http://localhost:" + server().port();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String base = url();
        Map<String, Object> p = new HashMap<>();
        p.put("ridgeline.oauth.google.client-id", "test-google-client.apps.googleusercontent.com");
        p.put("ridgeline.oauth.google.client-secret", "test-google-secret");
        p.put("ridgeline.oauth.google.authorization-uri", base + "/google/auth");
        p.put("ridgeline.oauth.google.token-uri", base + "/google/token");
        p.put("ridgeline.oauth.google.revocation-uri", base + "/google/revoke");
        p.put("ridgeline.oauth.google.api-url", base + "/gmail");
        p.put("ridgeline.oauth.microsoft.client-id", "00000000-test-microsoft-client");
        p.put("ridgeline.oauth.microsoft.client-secret", "test-microsoft-secret");
        p.put("ridgeline.oauth.microsoft.authorization-uri", base + "/microsoft/authorize");
        p.put("ridgeline.oauth.microsoft.token-uri", base + "/microsoft/token");
        p.put("ridgeline.oauth.microsoft.api-url", base + "/graph");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("mailboxApiStub", p));
    }
}

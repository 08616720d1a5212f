package dev.ridgeline.web;

import java.net.ServerSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;

/**
 * Base of the browser tests: one Playwright with one Chromium per test class (starting Playwright takes seconds).
 * Each test class runs the real server on a port of its own, chosen up front because emailed links carry it:
 * declare {@code static final int PORT = freePort()} and register it with {@link #serveOn}.
 */
abstract class BrowserTest {

    static Playwright playwright;
    static Browser browser;

    static void serveOn(int port, DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> port);
        registry.add("ridgeline.public-url", () -> "http://localhost:" + port);
    }

    @BeforeAll
    static void startBrowser() {
        playwright = BrowserSupport.playwright();
        browser = BrowserSupport.launch(playwright);
    }

    @AfterAll
    static void stopBrowser() {
        if (playwright != null) {
            playwright.close();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

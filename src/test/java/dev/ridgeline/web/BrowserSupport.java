package dev.ridgeline.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Playwright for Java on the system Chromium (Debian's {@code chromium}); Playwright's own browser download does
 * not work on these machines. Without Chromium the browser tests are skipped, unless
 * {@code RIDGELINE_REQUIRE_BROWSER=1} (set by CI) makes that a failure.
 */
final class BrowserSupport {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("RIDGELINE_CHROMIUM", "/usr/bin/chromium"));
    static final Path ARTIFACTS = Path.of("target", "browser-artifacts");

    private BrowserSupport() {
    }

    static Playwright playwright() {
        boolean required = "1".equals(System.getenv("RIDGELINE_REQUIRE_BROWSER"));
        if (!Files.isExecutable(CHROMIUM)) {
            if (required) {
                throw new IllegalStateException("Chromium not found at " + CHROMIUM + "; install Debian's chromium package");
            }
            Assumptions.abort("Chromium not installed at " + CHROMIUM + ": browser tests skipped (apt-get install chromium)");
        }
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                        "--disable-dev-shm-usage")));
    }

    /** Signs in on the login page, already open, with a password (the fixtures' one). */
    static void signInWithPassword(Page page, String email) {
        page.getByText("Sign in with a password").click();
        page.locator("#pw-email").fill(email);
        page.locator("#pw-password").fill(dev.ridgeline.test.Fixtures.PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
    }

    static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(ARTIFACTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve(name + ".png")).setFullPage(true));
        } catch (Exception e) {
            System.err.println("Could not save screenshot " + name + ": " + e.getMessage());
        }
    }
}

package dev.ridgeline.imagery.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.ridgeline.imagery.ImageryException;
import dev.ridgeline.imagery.ImageryProperties;
import dev.ridgeline.platform.PlatformProperties;

/**
 * The HTTP client imagery sources share: the JDK's, with a timeout and a User-Agent that names the application and
 * where it runs (OpenStreetMap's tile policy asks for one that identifies the app).
 */
@Component
public class ImageryHttp {

    /** A response: status, body, content type and the caching it allows. */
    public record Answer(int status, byte[] body, String contentType, Optional<String> cacheControl) {

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final String userAgent;

    @org.springframework.beans.factory.annotation.Autowired
    public ImageryHttp(ImageryProperties settings, PlatformProperties platform) {
        this(settings.timeout(), "Ridgeline/" + version() + " (+" + platform.publicUrl() + ")");
    }

    public ImageryHttp(Duration timeout, String userAgent) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
        this.userAgent = userAgent;
    }

    private static String version() {
        String v = ImageryHttp.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public String userAgent() {
        return userAgent;
    }

    /** GETs a URL; a network failure or timeout is {@link ImageryException.Kind#UNAVAILABLE}. */
    public Answer get(String source, String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("User-Agent", userAgent)
                .GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Cache-Control"));
        } catch (HttpTimeoutException e) {
            throw new ImageryException(source, ImageryException.Kind.UNAVAILABLE, "no answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new ImageryException(source, ImageryException.Kind.UNAVAILABLE, "could not be reached (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageryException(source, ImageryException.Kind.UNAVAILABLE, "interrupted", e);
        }
    }

    /** Throws the matching {@link ImageryException} unless the status is 2xx. */
    public static Answer ok(String source, Answer a) {
        if (a.status() / 100 != 2) {
            throw new ImageryException(source, ImageryException.ofStatus(a.status()),
                    "answered HTTP " + a.status() + snippet(a));
        }
        return a;
    }

    private static String snippet(Answer a) {
        if (!a.contentType().contains("json") && !a.contentType().contains("text")) {
            return "";
        }
        String t = a.text().strip();
        return t.isEmpty() ? "" : ": " + (t.length() > 160 ? t.substring(0, 160) + "…" : t);
    }

    /** The max-age a Cache-Control header allows, else the fallback. */
    public static Duration maxAge(Optional<String> cacheControl, Duration fallback) {
        if (cacheControl.isEmpty()) {
            return fallback;
        }
        for (String part : cacheControl.get().split(",")) {
            String p = part.strip().toLowerCase(java.util.Locale.ROOT);
            if (p.equals("no-store") || p.equals("no-cache")) {
                return Duration.ZERO;
            }
            if (p.startsWith("max-age=")) {
                try {
                    return Duration.ofSeconds(Long.parseLong(p.substring(8).strip()));
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }
}

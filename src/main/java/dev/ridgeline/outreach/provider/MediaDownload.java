package dev.ridgeline.outreach.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.outreach.SmsProvider.FetchedMedia;

/**
 * Downloads a media file an inbound text announced. The first request may carry the vendor's credentials; a
 * redirect (Twilio answers with one to its content store) is followed without them, so they never leave the
 * vendor's host. The body is read up to a limit and no further.
 */
public final class MediaDownload {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final int MAX_REDIRECTS = 3;

    private MediaDownload() {
    }

    /**
     * GETs {@code url} ({@code authorization} sent to that address only) and returns its bytes and content type, or
     * {@code announcedType} when the answer names none.
     */
    public static FetchedMedia get(String vendor, String url, @Nullable String authorization, String announcedType,
            int maxBytes) {
        URI uri = uri(vendor, url);
        String auth = authorization;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
            if (auth != null) {
                request.header("Authorization", auth);
            }
            HttpResponse<InputStream> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new ProviderException(FailureClass.RETRYABLE, "unreachable", vendor + " media could not be "
                        + "fetched: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(FailureClass.RETRYABLE, "interrupted", "interrupted fetching media", e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                close(response);
                uri = uri(vendor, uri.resolve(response.headers().firstValue("Location").get()).toString());
                auth = null;
                continue;
            }
            if (status != 200) {
                close(response);
                boolean passing = status == 429 || status >= 500;
                throw new ProviderException(passing ? FailureClass.RETRYABLE : FailureClass.PERMANENT,
                        String.valueOf(status), vendor + " answered " + status + " for the media file");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                close(response);
                throw tooLarge(vendor, maxBytes);
            }
            String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip())
                    .filter(t -> !t.isEmpty()).orElse(announcedType).toLowerCase(Locale.ROOT);
            return new FetchedMedia(type, read(response.body(), vendor, maxBytes));
        }
        throw new ProviderException(FailureClass.PERMANENT, "redirects", vendor + " media redirected more than "
                + MAX_REDIRECTS + " times");
    }

    private static URI uri(String vendor, String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("not a web address");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ProviderException(FailureClass.PERMANENT, "bad-url", vendor + " media address '" + url
                    + "' is unusable: " + e.getMessage());
        }
    }

    private static byte[] read(InputStream in, String vendor, int maxBytes) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16_384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > maxBytes) {
                    throw tooLarge(vendor, maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ProviderException(FailureClass.RETRYABLE, "unreachable", vendor + " media download broke off: "
                    + e.getMessage(), e);
        }
    }

    private static ProviderException tooLarge(String vendor, int maxBytes) {
        return new ProviderException(FailureClass.PERMANENT, "too-large", vendor + " media file is larger than "
                + (maxBytes / 1_048_576) + " MB");
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing to keep
        }
    }
}

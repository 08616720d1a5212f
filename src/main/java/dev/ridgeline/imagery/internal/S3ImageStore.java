package dev.ridgeline.imagery.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.ridgeline.imagery.ImageryProperties;

/**
 * Images in an S3-compatible bucket, path-style ({@code endpoint/bucket/images/ab/abcd…}), signed with SigV4. A
 * PUT of bytes already there is skipped after a HEAD.
 */
public class S3ImageStore implements ImageStore {

    private final URI endpoint;
    private final String bucket;
    private final SigV4 signer;
    private final HttpClient http;
    private final Clock clock;

    public S3ImageStore(ImageryProperties.S3 s3, Clock clock) {
        this.endpoint = URI.create(s3.endpoint().replaceAll("/+$", ""));
        this.bucket = s3.bucket();
        this.signer = new SigV4(s3.accessKey() == null ? "" : s3.accessKey(), s3.secretKey() == null ? "" : s3.secretKey(),
                s3.region(), "s3");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.clock = clock;
    }

    @Override
    public String put(byte[] bytes, String contentType) {
        String hash = ImageStore.hash(bytes);
        if (send("HEAD", hash, null, null).statusCode() == 200) {
            return hash;
        }
        HttpResponse<byte[]> r = send("PUT", hash, bytes, contentType);
        if (r.statusCode() / 100 != 2) {
            throw new UncheckedIOException(new IOException("S3 PUT of image " + hash + " answered HTTP " + r.statusCode()));
        }
        return hash;
    }

    @Override
    public Optional<byte[]> get(String hash) {
        if (!ImageStore.valid(hash)) {
            return Optional.empty();
        }
        HttpResponse<byte[]> r = send("GET", hash, null, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new UncheckedIOException(new IOException("S3 GET of image " + hash + " answered HTTP " + r.statusCode()));
        }
        return Optional.of(r.body());
    }

    @Override
    public void delete(String hash) {
        if (ImageStore.valid(hash)) {
            send("DELETE", hash, null, null);
        }
    }

    @Override
    public String kind() {
        return "s3";
    }

    private HttpResponse<byte[]> send(String method, String hash, byte[] body, String contentType) {
        String path = "/" + bucket + "/images/" + hash.substring(0, 2) + "/" + hash;
        String payload = body == null ? SigV4.EMPTY_SHA256 : SigV4.sha256Hex(body);
        String host = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("x-amz-content-sha256", payload);
        headers.put("x-amz-date", SigV4.stamp(clock.instant()));
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!k.equals("host")) {
                b.header(k, v);
            }
        });
        b.header("Authorization", signer.authorization(method, path, "", headers, payload));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("S3 store at " + endpoint + " could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }
}

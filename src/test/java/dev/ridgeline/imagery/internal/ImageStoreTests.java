package dev.ridgeline.imagery.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.ridgeline.imagery.ImageryProperties;

/** The content-addressed stores: on disk, and S3-compatible with SigV4-signed requests. */
class ImageStoreTests {

    static final WireMockServer wire = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static {
        wire.start();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @TempDir
    Path dir;

    @Test
    void onDiskTheSameBytesAreStoredOnceUnderTheirHash() throws Exception {
        DiskImageStore store = new DiskImageStore(dir);
        byte[] bytes = "roof".getBytes(StandardCharsets.UTF_8);
        String hash = store.put(bytes, "image/png");
        assertThat(hash).hasSize(64).isEqualTo(SigV4.sha256Hex(bytes));
        assertThat(store.put(bytes, "image/png")).isEqualTo(hash);
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1)
                    .allMatch(p -> p.getFileName().toString().equals(hash) && p.getParent().getFileName().toString()
                            .equals(hash.substring(2, 4)));
        }
        assertThat(store.get(hash)).contains(bytes);
        assertThat(store.get("../../etc/passwd")).isEmpty();
        store.delete(hash);
        assertThat(store.get(hash)).isEmpty();
    }

    @Test
    void inS3EachRequestIsSignedAndAPutOfKnownBytesIsSkipped() {
        byte[] bytes = "shingles".getBytes(StandardCharsets.UTF_8);
        String hash = ImageStore.hash(bytes);
        String key = "/roofs/images/" + hash.substring(0, 2) + "/" + hash;
        wire.stubFor(head(urlEqualTo(key)).willReturn(aResponse().withStatus(404)));
        wire.stubFor(put(urlEqualTo(key)).willReturn(aResponse().withStatus(200)));
        wire.stubFor(get(urlEqualTo(key)).willReturn(aResponse().withStatus(200).withBody(bytes)));
        wire.stubFor(get(urlMatching("/roofs/images/00/.*")).willReturn(aResponse().withStatus(404)));
        wire.stubFor(any(urlMatching("/roofs/images/.*")).atPriority(10).willReturn(aResponse().withStatus(500)));
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
        S3ImageStore store = new S3ImageStore(new ImageryProperties.S3(wire.baseUrl(), "us-east-1", "roofs",
                "AKIDEXAMPLE", "secret"), clock);
        assertThat(store.put(bytes, "image/jpeg")).isEqualTo(hash);
        wire.verify(putRequestedFor(urlEqualTo(key)).withHeader("x-amz-date", equalTo("20261127T080000Z"))
                .withHeader("x-amz-content-sha256", equalTo(SigV4.sha256Hex(bytes)))
                .withHeader("Content-Type", equalTo("image/jpeg"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261127/us-east-1/s3/"
                        + "aws4_request,SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}")));
        assertThat(store.get(hash)).contains(bytes);
        assertThat(store.get("00" + hash.substring(2))).isEmpty();
        // Known bytes: the HEAD finds them and nothing is written again.
        wire.stubFor(head(urlEqualTo(key)).willReturn(aResponse().withStatus(200)));
        store.put(bytes, "image/jpeg");
        wire.verify(1, putRequestedFor(urlEqualTo(key)));
    }
}

package dev.ridgeline.outreach.web;

import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ridgeline.outreach.EmailTracking;

/** The open pixel and the click redirect of tracked emails: no sign-in, the signature is the key. */
@RestController
class TrackingController {

    /** A transparent 1x1 GIF. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final EmailTracking tracking;

    TrackingController(EmailTracking tracking) {
        this.tracking = tracking;
    }

    @GetMapping("/t/o/{messageId}.gif")
    ResponseEntity<byte[]> open(@PathVariable UUID messageId, @RequestParam(name = "s", defaultValue = "") String s,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) @Nullable String userAgent) {
        tracking.opened(messageId, s, userAgent);
        // The image is the same whatever happened: a pixel tells a stranger nothing.
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
    }

    @GetMapping("/t/c/{messageId}")
    ResponseEntity<String> click(@PathVariable UUID messageId, @RequestParam(name = "u", defaultValue = "") String u,
            @RequestParam(name = "s", defaultValue = "") String s,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) @Nullable String userAgent) {
        return tracking.clicked(messageId, u, s, userAgent)
                .map(url -> ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, url)
                        .cacheControl(CacheControl.noStore()).<String>build())
                .orElseGet(() -> ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN)
                        .body("This link is damaged and leads nowhere. Open the email again and use its link.\n"));
    }
}

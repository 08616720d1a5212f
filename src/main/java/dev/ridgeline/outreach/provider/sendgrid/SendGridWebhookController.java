package dev.ridgeline.outreach.provider.sendgrid;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.ridgeline.platform.TenantId;

/**
 * Where SendGrid posts its events: {@code /hooks/sendgrid/{company id}}. The body is taken as raw bytes, as the
 * signature covers them exactly.
 */
@RestController
class SendGridWebhookController {

    private final SendGridEvents events;

    SendGridWebhookController(SendGridEvents events) {
        this.events = events;
    }

    @PostMapping(value = "/hooks/sendgrid/{tenant}", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> receive(@PathVariable String tenant,
            @RequestHeader(name = "X-Twilio-Email-Event-Webhook-Timestamp", required = false) @Nullable String timestamp,
            @RequestHeader(name = "X-Twilio-Email-Event-Webhook-Signature", required = false) @Nullable String signature,
            @RequestBody(required = false) byte @Nullable [] body) {
        TenantId id;
        try {
            id = new TenantId(UUID.fromString(tenant));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("unknown company\n");
        }
        SendGridEvents.Outcome outcome = events.receive(id, timestamp, signature, body == null ? new byte[0] : body);
        return ResponseEntity.status(outcome.status()).contentType(MediaType.TEXT_PLAIN)
                .body(outcome.status() == 200 ? "applied " + outcome.applied() + ", duplicates " + outcome.duplicates()
                        + ", ignored " + outcome.ignored() + "\n" : outcome.message() + "\n");
    }
}

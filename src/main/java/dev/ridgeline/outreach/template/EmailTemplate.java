package dev.ridgeline.outreach.template;

import java.time.Instant;
import java.util.UUID;

/** A saved email template. The body is HTML; the plain-text part is generated from it when it is sent. */
public record EmailTemplate(UUID id, String name, String subject, String bodyHtml, boolean trackOpens,
        boolean trackClicks, Instant updatedAt) {
}

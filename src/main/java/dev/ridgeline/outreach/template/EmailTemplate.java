package dev.ridgeline.outreach.template;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A saved email template. The body is HTML; the plain-text part is generated from it when it is sent. */
public record EmailTemplate(UUID id, String name, String subject, String bodyHtml, boolean trackOpens,
        boolean trackClicks, Instant updatedAt, @Nullable String subjectB, @Nullable String bodyHtmlB) {

    public TemplateDraft draft() {
        return new TemplateDraft(name, subject, bodyHtml, trackOpens, trackClicks, subjectB, bodyHtmlB);
    }

    /**
     * The variant a recipient gets: always the same for the same template and address (a hash of both), half of
     * recipients each way; "A" when there is no B.
     */
    public String variantFor(String address) {
        if (subjectB == null && bodyHtmlB == null) {
            return "A";
        }
        byte[] key = (id + "|" + address.strip().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(key);
            return (d[0] & 1) == 0 ? "A" : "B";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.ridgeline.outreach.template;

import org.jspecify.annotations.Nullable;

/**
 * What the template form submits. A B variant (subject, body or both) splits the recipients in two, each always
 * getting the same variant, so that reply rates can be compared.
 */
public record TemplateDraft(String name, String subject, String bodyHtml, boolean trackOpens, boolean trackClicks,
        @Nullable String subjectB, @Nullable String bodyHtmlB) {

    /** A template without a B variant. */
    public TemplateDraft(String name, String subject, String bodyHtml, boolean trackOpens, boolean trackClicks) {
        this(name, subject, bodyHtml, trackOpens, trackClicks, null, null);
    }

    public TemplateDraft {
        subjectB = subjectB == null || subjectB.isBlank() ? null : subjectB;
        bodyHtmlB = bodyHtmlB == null || bodyHtmlB.isBlank() ? null : bodyHtmlB;
    }

    public boolean hasVariantB() {
        return subjectB != null || bodyHtmlB != null;
    }

    /** The draft a recipient of variant B gets: B's subject and body where given, A's otherwise. */
    public TemplateDraft variantB() {
        return new TemplateDraft(name, subjectB == null ? subject : subjectB, bodyHtmlB == null ? bodyHtml : bodyHtmlB,
                trackOpens, trackClicks);
    }
}

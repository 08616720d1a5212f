package dev.ridgeline.outreach.template;

/** What the template form submits. */
public record TemplateDraft(String name, String subject, String bodyHtml, boolean trackOpens, boolean trackClicks) {
}

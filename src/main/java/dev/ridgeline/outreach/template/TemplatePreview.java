package dev.ridgeline.outreach.template;

import java.util.List;

/**
 * A template rendered for one lead, as it would be sent (before the compliance footer).
 *
 * @param missing the labels of fields the lead has no value for and the template gives no fallback: sending is
 *     refused until the lead has them or the template says what to write instead
 */
public record TemplatePreview(String leadLabel, String subject, String html, String text, List<String> missing) {
}

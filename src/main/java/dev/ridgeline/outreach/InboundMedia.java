package dev.ridgeline.outreach;

/** A picture or file that came with an inbound text (MMS), as the provider announced it. */
public record InboundMedia(String contentType, String url) {
}

package dev.ridgeline.outreach;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;

/**
 * An outbound call ready for a provider: who, from which number, what the call should say, and where the call's
 * flow and callbacks are served ({@code hooksUrl}: {@code /start} gives the call's instructions, {@code /status},
 * {@code /amd} and {@code /recording} take the provider's reports; the voice module serves them). With
 * {@code dialFirst} the provider rings that number first and the flow connects it to {@code to}.
 */
public record CallEnvelope(UUID messageId, @Nullable String from, String to, String script, String hooksUrl,
        @Nullable String dialFirst) {

    /** A call straight to the recipient. */
    public CallEnvelope(UUID messageId, @Nullable String from, String to, String script, String hooksUrl) {
        this(messageId, from, to, script, hooksUrl, null);
    }

    /** Where a call's flow and callbacks are served on this server. */
    public static String hooks(String publicUrl, TenantId tenant, UUID messageId) {
        return publicUrl.replaceAll("/+$", "") + "/hooks/voice/" + tenant.value() + "/" + messageId;
    }
}

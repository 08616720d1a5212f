package dev.ridgeline.outreach;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outreach settings.
 *
 * @param sandboxStepDelay the pause between the sandbox's simulated status callbacks (sent, delivered, ...)
 * @param sandboxInbox who may read sign-in messages delivered by the sandbox without being signed in:
 *     {@code loopback} (requests from this machine only, the default) or {@code off}
 */
@ConfigurationProperties("ridgeline.outreach")
public record OutreachProperties(
        @DefaultValue("1s") Duration sandboxStepDelay,
        @DefaultValue("loopback") String sandboxInbox) {

    public boolean sandboxInboxEnabled() {
        return "loopback".equalsIgnoreCase(sandboxInbox);
    }
}

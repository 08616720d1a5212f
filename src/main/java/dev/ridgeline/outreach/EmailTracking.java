package dev.ridgeline.outreach;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.outreach.internal.EmailEventRepository;
import dev.ridgeline.outreach.internal.MessageRepository;
import dev.ridgeline.outreach.internal.TrackingLinks;
import dev.ridgeline.platform.IdGenerator;

/**
 * Opens and clicks of tracked emails. An open is flagged as a machine's when the fetch is plainly not a person
 * reading: Apple Mail Privacy Protection's bare "Mozilla/5.0" prefetch, link scanners and security gateways, or a
 * fetch within seconds of the hand-over. Counted apart, so open rates are about people.
 */
@Service
public class EmailTracking {

    /** Sooner than this after the provider took it, an "open" is a proxy's prefetch, not a reader. */
    static final Duration TOO_SOON = Duration.ofSeconds(3);
    private static final Pattern MACHINES = Pattern.compile("(?i)bot|crawler|spider|preview|scanner|proofpoint|"
            + "mimecast|barracuda|safelinks|urldefense|symantec|messagelabs|fortiguard|python|curl|java/|go-http|"
            + "headless");

    private final MessageRepository messages;
    private final EmailEventRepository events;
    private final TrackingLinks links;
    private final IdGenerator ids;
    private final Clock clock;

    public EmailTracking(MessageRepository messages, EmailEventRepository events, TrackingLinks links,
            IdGenerator ids, Clock clock) {
        this.messages = messages;
        this.events = events;
        this.links = links;
        this.ids = ids;
        this.clock = clock;
    }

    /** Records an open when the pixel's signature is good; false for a forged or broken one. */
    @Transactional
    public boolean opened(UUID messageId, String signature, @Nullable String userAgent) {
        if (!links.verify(messageId, "open", signature)) {
            return false;
        }
        Optional<OutboundMessage> m = messages.findAnyTenant(messageId);
        m.ifPresent(message -> events.insert(message.tenantId(), ids.next(), messageId, "OPEN",
                machine(userAgent, message), null, userAgent, "pixel", clock.instant()));
        return m.isPresent();
    }

    /**
     * Records a click and answers where to send the reader: only the destination the link was signed for; empty for
     * a forged or altered link, which is never redirected.
     */
    @Transactional
    public Optional<String> clicked(UUID messageId, String url, String signature, @Nullable String userAgent) {
        if (url == null || !links.verify(messageId, url, signature) || !url.matches("(?i)https?://.+")) {
            return Optional.empty();
        }
        Optional<OutboundMessage> m = messages.findAnyTenant(messageId);
        m.ifPresent(message -> events.insert(message.tenantId(), ids.next(), messageId, "CLICK", false, url,
                userAgent, "redirect", clock.instant()));
        return m.map(x -> url);
    }

    boolean machine(@Nullable String userAgent, OutboundMessage m) {
        if (userAgent == null || userAgent.isBlank() || userAgent.strip().equals("Mozilla/5.0")
                || MACHINES.matcher(userAgent).find()) {
            return true;
        }
        return m.status() == MessageStatus.SENT && !clock.instant().isAfter(m.updatedAt().plus(TOO_SOON));
    }
}

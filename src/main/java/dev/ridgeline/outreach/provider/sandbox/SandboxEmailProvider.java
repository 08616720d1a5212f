package dev.ridgeline.outreach.provider.sandbox;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.EmailProvider;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderReceipt;

/** Delivers email into the Outbox: stable ids, delayed status callbacks, failures for reserved addresses. */
@Component
class SandboxEmailProvider implements EmailProvider, dev.ridgeline.outreach.HandOverLookup {

    private final SandboxTimeline timeline;
    private final SandboxLedger ledger;

    SandboxEmailProvider(SandboxTimeline timeline, SandboxLedger ledger) {
        this.timeline = timeline;
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return "sandbox";
    }

    @Override
    public ProviderReceipt send(EmailEnvelope email, ProviderAccount account) {
        var steps = SandboxRules.email(email.to());
        // Shaped like an RFC 5322 Message-ID, derived from our id so a retried send gets the same one.
        String vendorId = "<" + email.messageId() + "@sandbox.ridgeline.test>";
        ledger.accepted(account, email.messageId(), "EMAIL");
        timeline.play(account.tenantId(), vendorId, steps);
        return new ProviderReceipt(vendorId, MessageStatus.SENDING, null);
    }

    /** A batch: the ledger and the callbacks of every email it takes in a statement each. */
    @Override
    public java.util.List<dev.ridgeline.outreach.Handover> sendAll(java.util.List<EmailEnvelope> emails,
            ProviderAccount account) {
        return SandboxLedger.batch(emails, EmailEnvelope::messageId, e -> SandboxRules.email(e.to()),
                SandboxEmailProvider::vendorId, MessageStatus.SENDING, "EMAIL", account, ledger, timeline);
    }

    private static String vendorId(java.util.UUID messageId) {
        return "<" + messageId + "@sandbox.ridgeline.test>";
    }

    /** The sandbox keeps a ledger of what it accepted, so it can say whether it holds a message. */
    @Override
    public java.util.Optional<ProviderReceipt> handedOver(java.util.UUID messageId, ProviderAccount account) {
        return ledger.has(messageId) ? java.util.Optional.of(new ProviderReceipt("<" + messageId + "@sandbox.ridgeline.test>", MessageStatus.SENDING, null))
                : java.util.Optional.empty();
    }
}

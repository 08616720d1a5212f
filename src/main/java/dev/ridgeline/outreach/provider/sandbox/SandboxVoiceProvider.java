package dev.ridgeline.outreach.provider.sandbox;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.CallEnvelope;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderReceipt;
import dev.ridgeline.outreach.VoiceProvider;

/** Places pretend calls: ringing, answered, completed (or busy, no answer) as timed callbacks. */
@Component
class SandboxVoiceProvider implements VoiceProvider, dev.ridgeline.outreach.HandOverLookup {

    private final SandboxTimeline timeline;
    private final SandboxLedger ledger;

    SandboxVoiceProvider(SandboxTimeline timeline, SandboxLedger ledger) {
        this.timeline = timeline;
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return "sandbox";
    }

    @Override
    public ProviderReceipt placeCall(CallEnvelope call, ProviderAccount account) {
        var steps = SandboxRules.call(call.to());
        String vendorId = "CA" + call.messageId().toString().replace("-", "");
        ledger.accepted(account, call.messageId(), "VOICE");
        timeline.play(account.tenantId(), vendorId, steps);
        return new ProviderReceipt(vendorId, MessageStatus.QUEUED, null);
    }

    /** The sandbox's calls have no audio to change: what the call says next is shown on the call's page. */
    @Override
    public void updateCall(String vendorId, String instructions, ProviderAccount account) {
        // Nothing is playing: the voice module records what was said.
    }

    /** The sandbox keeps a ledger of what it accepted, so it can say whether it holds a message. */
    @Override
    public java.util.Optional<ProviderReceipt> handedOver(java.util.UUID messageId, ProviderAccount account) {
        return ledger.has(messageId) ? java.util.Optional.of(new ProviderReceipt(
                "CA" + messageId.toString().replace("-", ""), MessageStatus.QUEUED, null)) : java.util.Optional.empty();
    }
}

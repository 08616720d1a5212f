package dev.ridgeline.outreach.provider.sandbox;

import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderReceipt;
import dev.ridgeline.outreach.SmsEnvelope;
import dev.ridgeline.outreach.SmsProvider;

/** Delivers texts into the Outbox with Twilio-shaped ids (SM + 32 hex) and Twilio's test-number behaviour. */
@Component
class SandboxSmsProvider implements SmsProvider {

    private final SandboxTimeline timeline;

    SandboxSmsProvider(SandboxTimeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public String id() {
        return "sandbox";
    }

    @Override
    public ProviderReceipt send(SmsEnvelope sms, ProviderAccount account) {
        var steps = SandboxRules.sms(sms.to());
        String vendorId = "SM" + sms.messageId().toString().replace("-", "");
        timeline.play(vendorId, steps);
        return new ProviderReceipt(vendorId, MessageStatus.SENDING, null);
    }
}

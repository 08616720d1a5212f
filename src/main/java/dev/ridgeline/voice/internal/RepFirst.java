package dev.ridgeline.voice.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.ridgeline.outreach.CallFirst;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.voice.ClickToCall;

/** Click-to-call rings the rep before the homeowner. */
@Component
class RepFirst implements CallFirst {

    private final ClickToCall clickToCall;

    RepFirst(ClickToCall clickToCall) {
        this.clickToCall = clickToCall;
    }

    @Override
    public Optional<String> dialFirst(TenantId tenant, UUID messageId) {
        return clickToCall.repFirst(tenant, messageId);
    }
}

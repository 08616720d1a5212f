package dev.ridgeline.voice.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.ridgeline.outreach.CallFirst;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.voice.VoiceService;

/** Click-to-call rings the rep before the homeowner. */
@Component
class RepFirst implements CallFirst {

    private final VoiceService voice;

    RepFirst(VoiceService voice) {
        this.voice = voice;
    }

    @Override
    public Optional<String> dialFirst(TenantId tenant, UUID messageId) {
        return voice.repFirst(tenant, messageId);
    }
}

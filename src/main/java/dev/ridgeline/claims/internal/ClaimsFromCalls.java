package dev.ridgeline.claims.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.ridgeline.claims.ClaimDraft;
import dev.ridgeline.claims.ClaimStatus;
import dev.ridgeline.claims.ClaimsService;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.voice.CallCompleted;
import dev.ridgeline.voice.VoiceService;

/**
 * "We already filed a claim", said on an AI call, opens the lead's claim as filed (for the person who asked for the
 * call), unless the lead has one; the rep fills in the carrier and numbers later.
 */
@Component
class ClaimsFromCalls {

    private static final Logger log = LoggerFactory.getLogger(ClaimsFromCalls.class);

    private final ClaimsService claims;
    private final VoiceService voice;

    ClaimsFromCalls(ClaimsService claims, VoiceService voice) {
        this.claims = claims;
        this.voice = voice;
    }

    @ApplicationModuleListener
    void on(CallCompleted e) {
        if (!Boolean.TRUE.equals(e.claimFiled())) {
            return;
        }
        Actor actor = voice.requester(e.tenantId(), e.callId());
        if (claims.forLead(actor, e.leadId()).isPresent()) {
            return;
        }
        try {
            claims.open(actor, e.leadId(), ClaimDraft.filed(), ClaimStatus.FILED, "AI call");
        } catch (InvalidInputException ex) {
            log.info("Call {}: no claim opened ({})", e.callId(), ex.getMessage());
        }
    }
}

package dev.ridgeline.voice.internal;

import java.util.Locale;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.MessageStatusChanged;
import dev.ridgeline.voice.VoiceService;

/**
 * The voice channel's view of an AI call (ringing, answered, busy, no answer, failed) moves the call along. Its
 * "completed" is not taken: the dialogue (or Twilio's own report to the call's hooks) ends a call, not the channel,
 * whose sandbox ends its calls on a timer.
 */
@Component
class CallProgress {

    private final VoiceService voice;

    CallProgress(VoiceService voice) {
        this.voice = voice;
    }

    /**
     * Only calls: the condition is weighed before the event is written to the publication registry, so the texts
     * and emails of a busy day (several status changes each) cost it nothing.
     */
    @ApplicationModuleListener(condition = "#p0.channel() == T(dev.ridgeline.outreach.Channel).VOICE")
    void on(MessageStatusChanged e) {
        if (e.channel() != Channel.VOICE || e.status() == MessageStatus.COMPLETED) {
            return;
        }
        voice.byMessage(e.tenantId(), e.messageId()).ifPresent(call -> voice.progress(e.tenantId(), call.id(),
                e.status().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    }
}

package dev.ridgeline.voice.internal;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.ridgeline.voice.CallCompleted;
import dev.ridgeline.voice.VoiceCall;
import dev.ridgeline.voice.VoiceService;
import dev.ridgeline.voice.agent.QualificationAgent;
import dev.ridgeline.voice.speech.Audio;
import dev.ridgeline.voice.speech.SpeechException;
import dev.ridgeline.voice.speech.TextToSpeech;

/**
 * A sandbox AI call has no provider to record it, so once it ends its transcript is spoken with local speech (the
 * assistant's lines with the company's voice, the homeowner's with the sandbox caller's) and kept as the call's
 * recording: the page plays it like a real one. Where this server has no local speech, the call has no recording.
 */
@Component
class SandboxRecorder {

    private static final Logger log = LoggerFactory.getLogger(SandboxRecorder.class);

    private final VoiceService voice;
    private final LiveSpeech speech;

    SandboxRecorder(VoiceService voice, LiveSpeech speech) {
        this.voice = voice;
        this.speech = speech;
    }

    @ApplicationModuleListener
    void on(CallCompleted e) {
        Optional<VoiceCall> call = voice.find(e.tenantId(), e.callId());
        if (call.isEmpty() || !call.get().provider().equals("sandbox") || call.get().kind().equals("click_to_call")
                || call.get().transcript().isEmpty()) {
            return;
        }
        Optional<TextToSpeech> assistant = speech.voice(e.tenantId());
        Optional<TextToSpeech> caller = speech.sandboxCaller();
        if (assistant.isEmpty() || caller.isEmpty()) {
            return;
        }
        try {
            Audio all = Audio.silence(300);
            for (QualificationAgent.Line line : call.get().transcript()) {
                TextToSpeech v = line.who().equals("agent") ? assistant.get() : caller.get();
                String text = line.text().replaceFirst("^\\(\\w+\\) ", "");
                all = all.append(text.isBlank() ? Audio.silence(1500) : v.speak(text)).append(Audio.silence(400));
            }
            voice.keepSandboxRecording(e.tenantId(), e.callId(), all.wav(Audio.RATE), (int) Math.round(all.seconds()));
        } catch (SpeechException ex) {
            log.warn("Sandbox call {}: no recording could be made ({})", e.callId(), ex.getMessage());
        }
    }
}

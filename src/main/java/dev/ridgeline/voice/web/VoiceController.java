package dev.ridgeline.voice.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.voice.VoiceCall;
import dev.ridgeline.voice.VoiceService;
import dev.ridgeline.voice.agent.QualificationAgent;
import dev.ridgeline.voice.internal.LiveSpeech;
import dev.ridgeline.voice.speech.Audio;
import dev.ridgeline.voice.speech.SpeechException;
import dev.ridgeline.voice.speech.TextToSpeech;

/**
 * The calls card on the lead page, and the call page: status, transcript, summary and recording; in the sandbox the
 * person at the screen plays the homeowner, typing what they would say.
 */
@Controller
class VoiceController {

    private final VoiceService voice;
    private final LeadsService leads;
    private final dev.ridgeline.voice.CallFigures figures;
    private final LiveSpeech speech;

    private final dev.ridgeline.voice.ClickToCall clickToCall;

    VoiceController(VoiceService voice, LeadsService leads, dev.ridgeline.voice.CallFigures figures, LiveSpeech speech,
            dev.ridgeline.voice.ClickToCall clickToCall) {
        this.clickToCall = clickToCall;
        this.speech = speech;
        this.figures = figures;
        this.voice = voice;
        this.leads = leads;
    }

    @GetMapping("/voice/leads/{leadId}/panel")
    String panel(Actor actor, @PathVariable UUID leadId, Model model) {
        return panel(actor, leadId, model, null);
    }

    @PostMapping("/voice/leads/{leadId}/calls")
    String call(Actor actor, @PathVariable UUID leadId, Model model) {
        try {
            voice.callLead(actor, leadId);
            return panel(actor, leadId, model, null);
        } catch (InvalidInputException e) {
            return panel(actor, leadId, model, String.join("; ", e.fieldErrors().values()));
        }
    }

    @PostMapping("/voice/leads/{leadId}/click-to-call")
    String clickToCall(Actor actor, @PathVariable UUID leadId, Model model) {
        try {
            clickToCall.clickToCall(actor, leadId);
            return panel(actor, leadId, model, null);
        } catch (InvalidInputException e) {
            return panel(actor, leadId, model, String.join("; ", e.fieldErrors().values()));
        }
    }

    /** Sandbox click-to-call: the rep picks up; then the homeowner answers (and they talk) or does not. */
    @PostMapping("/voice/calls/{callId}/bridge")
    String bridge(Actor actor, @PathVariable UUID callId, @RequestParam(defaultValue = "answers") String homeowner,
            Model model) {
        VoiceCall c = sandbox(actor, callId);
        if (c.turn() == 0) {
            clickToCall.repAnswered(actor.tenantId(), c.id());
        } else {
            clickToCall.bridged(actor.tenantId(), c.id(), homeowner.equals("answers") ? "completed" : "no-answer",
                    homeowner.equals("answers") ? -1 : 0);
        }
        return body(actor, callId, model);
    }

    @GetMapping("/voice/analytics")
    String analytics(Actor actor, @RequestParam(defaultValue = "30") int days, Model model) {
        int d = java.util.List.of(7, 30, 90, 365).contains(days) ? days : 30;
        model.addAttribute("days", d);
        model.addAttribute("stats", figures.analytics(actor, d));
        return "voice/analytics";
    }

    @GetMapping("/voice/calls/{callId}")
    String page(Actor actor, @PathVariable UUID callId, Model model) {
        VoiceCall c = voice.call(actor, callId);
        model.addAttribute("call", c);
        model.addAttribute("lead", leads.get(actor, c.leadId()));
        model.addAttribute("speech", speech.ready(actor.tenantId()));
        return "voice/call";
    }

    @GetMapping("/voice/calls/{callId}/body")
    String body(Actor actor, @PathVariable UUID callId, Model model) {
        model.addAttribute("call", voice.call(actor, callId));
        model.addAttribute("speech", speech.ready(actor.tenantId()));
        if (!model.containsAttribute("heard")) {
            model.addAttribute("heard", null);
        }
        return "voice/body";
    }

    /**
     * The assistant's last words as audio (WAV, 8 kHz: as a call carries it), made with the company's voice: what the
     * homeowner hears in the sandbox.
     */
    @GetMapping("/voice/calls/{callId}/speech")
    org.springframework.http.ResponseEntity<byte[]> speech(Actor actor, @PathVariable UUID callId) {
        VoiceCall c = voice.call(actor, callId);
        String last = c.transcript().reversed().stream().filter(l -> l.who().equals("agent")).findFirst()
                .map(QualificationAgent.Line::text).orElseThrow(() -> new NotFoundException("speech", callId));
        TextToSpeech tts = speech.voice(actor.tenantId()).orElseThrow(() -> new NotFoundException("speech", callId));
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType
                .parseMediaType("audio/wav")).cacheControl(org.springframework.http.CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff").body(tts.speak(last.replaceFirst("^\\(\\w+\\) ", ""))
                        .wav(Audio.RATE));
    }

    @PostMapping("/voice/calls/{callId}/answer")
    String answer(Actor actor, @PathVariable UUID callId, Model model) {
        VoiceCall c = sandbox(actor, callId);
        voice.progress(actor.tenantId(), c.id(), "in-progress");
        voice.open(actor.tenantId(), c.id());
        return body(actor, callId, model);
    }

    @PostMapping("/voice/calls/{callId}/say")
    String say(Actor actor, @PathVariable UUID callId, @RequestParam(defaultValue = "0") int turn,
            @RequestParam(defaultValue = "") String said, @RequestParam(defaultValue = "false") boolean interrupt,
            @RequestParam(defaultValue = "false") boolean spoken, Model model) {
        VoiceCall c = sandbox(actor, callId);
        String heard = said;
        if (spoken && !said.isBlank()) {
            // The typed words go through the air as on a call: spoken, sent as 8 kHz µ-law, and heard.
            var caller = speech.sandboxCaller();
            var ears = speech.ears(actor.tenantId());
            if (caller.isPresent() && ears.isPresent()) {
                try {
                    heard = ears.get().transcribe(Audio.ofMuLaw(caller.get().speak(said).muLaw()));
                    model.addAttribute("heard", new Heard(said, heard, ears.get().name()));
                } catch (SpeechException e) {
                    model.addAttribute("heard", new Heard(said, "(not heard: " + e.getMessage() + ")", ears.get().name()));
                    heard = "";
                }
            }
        }
        try {
            voice.hear(actor.tenantId(), c.id(), turn, heard, interrupt);
        } catch (InvalidInputException e) {
            // A double submit or a stale page: the call as it stands is shown.
        }
        return body(actor, callId, model);
    }

    @PostMapping("/voice/calls/{callId}/voicemail")
    String voicemail(Actor actor, @PathVariable UUID callId, Model model) {
        VoiceCall c = sandbox(actor, callId);
        voice.progress(actor.tenantId(), c.id(), "in-progress");
        voice.answeredBy(actor.tenantId(), c.id(), "machine_end_beep");
        return body(actor, callId, model);
    }

    @PostMapping("/voice/calls/{callId}/hangup")
    String hangUp(Actor actor, @PathVariable UUID callId, Model model) {
        VoiceCall c = sandbox(actor, callId);
        voice.hangUp(actor.tenantId(), c.id());
        return body(actor, callId, model);
    }

    @GetMapping("/voice/calls/{callId}/recording")
    org.springframework.http.ResponseEntity<byte[]> recording(Actor actor, @PathVariable UUID callId) {
        VoiceService.Recording r = voice.recording(actor, callId);
        return org.springframework.http.ResponseEntity.ok().contentType(org.springframework.http.MediaType
                .parseMediaType(r.contentType())).cacheControl(org.springframework.http.CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff").body(r.audio());
    }

    /** Playing the homeowner is the sandbox's: a real call's callee is on the phone. */
    private VoiceCall sandbox(Actor actor, UUID callId) {
        VoiceCall c = voice.call(actor, callId);
        if (!c.provider().equals("sandbox")) {
            throw InvalidInputException.of("call", "only a sandbox call can be answered from this page");
        }
        return c;
    }

    private String panel(Actor actor, UUID leadId, Model model, @Nullable String error) {
        model.addAttribute("leadId", leadId);
        model.addAttribute("calls", voice.calls(actor, leadId));
        model.addAttribute("error", error);
        return "voice/panel";
    }
}

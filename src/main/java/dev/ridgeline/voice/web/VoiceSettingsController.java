package dev.ridgeline.voice.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.voice.InboundCalls;
import dev.ridgeline.voice.VoiceService;
import dev.ridgeline.voice.internal.LiveSpeech;
import dev.ridgeline.voice.VoiceSettings;

/** Settings, AI assistant: its name and tone, the inspection times it offers, and its voicemail message. */
@Controller
class VoiceSettingsController {

    private final VoiceService voice;
    private final LiveSpeech speech;
    private final InboundCalls inbound;

    VoiceSettingsController(VoiceService voice, LiveSpeech speech, InboundCalls inbound) {
        this.voice = voice;
        this.speech = speech;
        this.inbound = inbound;
    }

    @GetMapping("/settings/voice")
    String page(Actor actor, Model model) {
        actor.require(Permission.COMPANY_MANAGE);
        model.addAttribute("settings", voice.settings(actor.tenantId()));
        model.addAttribute("liveReady", speech.ready(actor.tenantId()));
        model.addAttribute("inboundUrl", inbound.url(actor.tenantId()));
        return "voice/settings";
    }

    @PostMapping("/settings/voice")
    String save(Actor actor, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        actor.require(Permission.COMPANY_MANAGE);
        try {
            List<Integer> hours = new ArrayList<>();
            for (String h : form.getOrDefault("inspectionHours", "").split("[,;\\s]+")) {
                if (!h.isBlank()) {
                    hours.add(number(h, "inspectionHours", "inspection hours: '" + h + "' is not a whole hour"));
                }
            }
            int minutes = number(form.getOrDefault("inspectionMinutes", ""), "inspectionMinutes",
                    "an inspection's length: '" + form.getOrDefault("inspectionMinutes", "") + "' is not a number");
            voice.saveSettings(actor, new VoiceSettings(form.getOrDefault("agentName", ""), form.getOrDefault("tone", ""),
                    hours, minutes, form.get("voicemail"), "on".equals(form.get("live")), form.get("inbound"),
                    form.get("forwardTo")));
            Flash.notice(redirect, "Saved: the next calls use it.");
        } catch (InvalidInputException e) {
            Flash.error(redirect, String.join("; ", e.fieldErrors().values()) + ". Nothing was changed.");
        }
        return "redirect:/settings/voice";
    }

    private static int number(String raw, String field, String message) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(field, message);
        }
    }
}

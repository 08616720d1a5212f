package dev.ridgeline.outreach.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.outreach.PhoneBlocks;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.web.Flash;

/** "Do not text": numbers that opted out or cannot take texts, and replies waiting for a person to read them. */
@Controller
class OptOutsController {

    private final PhoneBlocks blocks;
    private final dev.ridgeline.outreach.DoNotCall doNotCall;
    private final dev.ridgeline.outreach.TextingRules rules;

    OptOutsController(PhoneBlocks blocks, dev.ridgeline.outreach.DoNotCall doNotCall,
            dev.ridgeline.outreach.TextingRules rules) {
        this.rules = rules;
        this.blocks = blocks;
        this.doNotCall = doNotCall;
    }

    @GetMapping("/outbox/opt-outs")
    String list(Actor actor, Model model) {
        model.addAttribute("reviews", blocks.reviews(actor));
        model.addAttribute("blocks", blocks.list(actor, 500));
        model.addAttribute("rules", rules.of(actor.tenantId()));
        model.addAttribute("national", doNotCall.size(actor.tenantId(), dev.ridgeline.outreach.DoNotCall.Source.NATIONAL));
        model.addAttribute("internal", doNotCall.size(actor.tenantId(), dev.ridgeline.outreach.DoNotCall.Source.INTERNAL));
        return "outreach/opt-outs";
    }

    /** The company's own hours and whether one opt-out stops every channel. */
    @PostMapping("/outbox/opt-outs/rules")
    String rules(Actor actor, @RequestParam(defaultValue = "") String opens, @RequestParam(defaultValue = "") String closes,
            @RequestParam(defaultValue = "false") boolean allChannels, RedirectAttributes redirect) {
        try {
            var saved = rules.save(actor, opens, closes, allChannels);
            Flash.notice(redirect, "Saved: " + (saved.hours() == null ? "the law's hours" : "texts and calls between "
                    + saved.hours().opens() + " and " + saved.hours().closes() + " in the recipient's time")
                    + (saved.optOutAllChannels() ? "; a stop on one channel stops them all." : "; a stop by text stops "
                            + "texts only."));
        } catch (dev.ridgeline.platform.InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
        }
        return "redirect:/outbox/opt-outs";
    }

    /** A person asked, on the phone or at the door, not to be called or texted again. */
    @PostMapping("/outbox/opt-outs/do-not-call")
    String doNotCall(Actor actor, @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        try {
            boolean added = doNotCall.add(actor, phone, note.isBlank() ? null : note.strip());
            Flash.notice(redirect, added ? phone.strip() + " is on your do-not-call list: no marketing calls or texts."
                    : phone.strip() + " was already on your do-not-call list.");
        } catch (dev.ridgeline.platform.InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
        }
        return "redirect:/outbox/opt-outs";
    }

    @PostMapping("/outbox/opt-outs/decide")
    String decide(Actor actor, @RequestParam UUID reviewId, @RequestParam boolean optOut, RedirectAttributes redirect) {
        blocks.decide(actor, reviewId, optOut);
        Flash.notice(redirect, optOut ? "Recorded as an opt-out: no more marketing to that number on any channel."
                : "Not an opt-out: texts to that number may go again.");
        return "redirect:/outbox/opt-outs";
    }
}

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

    OptOutsController(PhoneBlocks blocks) {
        this.blocks = blocks;
    }

    @GetMapping("/outbox/opt-outs")
    String list(Actor actor, Model model) {
        model.addAttribute("reviews", blocks.reviews(actor));
        model.addAttribute("blocks", blocks.list(actor, 500));
        return "outreach/opt-outs";
    }

    @PostMapping("/outbox/opt-outs/decide")
    String decide(Actor actor, @RequestParam UUID reviewId, @RequestParam boolean optOut, RedirectAttributes redirect) {
        blocks.decide(actor, reviewId, optOut);
        Flash.notice(redirect, optOut ? "Recorded as an opt-out: no more marketing to that number on any channel."
                : "Not an opt-out: texts to that number may go again.");
        return "redirect:/outbox/opt-outs";
    }
}

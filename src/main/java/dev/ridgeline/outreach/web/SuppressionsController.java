package dev.ridgeline.outreach.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.outreach.EmailSuppressions;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.ForbiddenException;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.web.Flash;

/** The company's do-not-email list: who, why, since when; add someone who asked by phone; take an address off. */
@Controller
class SuppressionsController {

    private final EmailSuppressions suppressions;

    SuppressionsController(EmailSuppressions suppressions) {
        this.suppressions = suppressions;
    }

    @GetMapping("/outbox/suppressions")
    String list(Actor actor, Model model) {
        model.addAttribute("suppressions", suppressions.list(actor, 500));
        return "outreach/suppressions";
    }

    @PostMapping("/outbox/suppressions")
    String add(Actor actor, @RequestParam(defaultValue = "") String address,
            @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        try {
            boolean added = suppressions.add(actor, address, note.isBlank() ? null : note.strip());
            Flash.notice(redirect, added ? address.strip() + " will get no more email." : address.strip()
                    + " was already on the list.");
        } catch (InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
        }
        return "redirect:/outbox/suppressions";
    }

    @PostMapping("/outbox/suppressions/remove")
    String remove(Actor actor, @RequestParam String address, RedirectAttributes redirect) {
        try {
            suppressions.remove(actor, address);
            Flash.notice(redirect, address + " can be emailed again.");
        } catch (InvalidInputException | ForbiddenException | NotFoundException e) {
            Flash.error(redirect, e instanceof InvalidInputException i ? String.join(" ", i.fieldErrors().values())
                    : e.getMessage());
        }
        return "redirect:/outbox/suppressions";
    }
}

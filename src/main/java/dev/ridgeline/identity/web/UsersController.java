package dev.ridgeline.identity.web;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.User;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.ConflictException;
import dev.ridgeline.platform.ForbiddenException;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.platform.web.FormState;

/** Settings → Users: managers see the team; owners invite, change roles and disable accounts. */
@Controller
class UsersController {

    private final IdentityService identity;

    UsersController(IdentityService identity) {
        this.identity = identity;
    }

    @GetMapping("/settings/users")
    String list(Actor actor, Model model) {
        model.addAttribute("users", identity.users(actor));
        model.addAttribute("form", FormState.empty().with("role", "REP"));
        model.addAttribute("me", actor.userId());
        return "identity/users";
    }

    @PostMapping("/settings/users")
    String invite(Actor actor, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        try {
            User u = identity.invite(actor, new NewUser(p.get("email"), p.get("name"), p.get("phone"),
                    Role.parse(p.getOrDefault("role", "rep"))));
            Flash.notice(redirect, "Invitation sent to " + u.email() + ".");
            return "redirect:/settings/users";
        } catch (InvalidInputException e) {
            model.addAttribute("users", identity.users(actor));
            model.addAttribute("form", FormState.failed(p, e));
            model.addAttribute("me", actor.userId());
            return "identity/users";
        }
    }

    @PostMapping("/settings/users/{userId}/role")
    String role(Actor actor, @PathVariable UserId userId, @RequestParam Role role, RedirectAttributes redirect) {
        return act(redirect, () -> {
            User u = identity.changeRole(actor, userId, role);
            return u.name() + " is now " + u.role().label().toLowerCase() + ".";
        });
    }

    @PostMapping("/settings/users/{userId}/disable")
    String disable(Actor actor, @PathVariable UserId userId, RedirectAttributes redirect) {
        return act(redirect, () -> identity.disable(actor, userId).name() + " can no longer sign in and was signed out.");
    }

    @PostMapping("/settings/users/{userId}/enable")
    String enable(Actor actor, @PathVariable UserId userId, RedirectAttributes redirect) {
        return act(redirect, () -> identity.enable(actor, userId).name() + " can sign in again.");
    }

    @PostMapping("/settings/users/{userId}/resend")
    String resend(Actor actor, @PathVariable UserId userId, RedirectAttributes redirect) {
        return act(redirect, () -> "Invitation sent again to " + identity.resendInvitation(actor, userId).email() + ".");
    }

    private static String act(RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            Flash.notice(redirect, action.get());
        } catch (ConflictException | ForbiddenException e) {
            Flash.error(redirect, e.getMessage());
        }
        return "redirect:/settings/users";
    }
}

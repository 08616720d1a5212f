package dev.ridgeline.identity.web;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.TotpEnrollment;
import dev.ridgeline.identity.User;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.platform.web.FormState;

/** Settings → My profile: name, mobile number, password, authenticator app. */
@Controller
class ProfileController {

    private final IdentityService identity;

    ProfileController(IdentityService identity) {
        this.identity = identity;
    }

    @GetMapping("/settings/profile")
    String profile(Actor actor, Model model) {
        User me = identity.getUser(actor, actor.userId());
        return render(model, me, FormState.of(Map.of("name", me.name(), "phone", me.phone() == null ? "" : me.phone())),
                FormState.empty(), null, FormState.empty());
    }

    @PostMapping("/settings/profile")
    String save(Actor actor, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        try {
            identity.updateProfile(actor, p.get("name"), p.get("phone"));
            Flash.notice(redirect, "Profile saved.");
            return "redirect:/settings/profile";
        } catch (InvalidInputException e) {
            return render(model, identity.getUser(actor, actor.userId()), FormState.failed(p, e), FormState.empty(),
                    null, FormState.empty());
        }
    }

    @PostMapping("/settings/profile/password")
    String password(Actor actor, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        User me = identity.getUser(actor, actor.userId());
        try {
            identity.changePassword(actor, p.get("currentPassword"), p.getOrDefault("newPassword", ""));
            Flash.notice(redirect, me.hasPassword() ? "Password changed." : "Password set: you can now also sign in with it.");
            return "redirect:/settings/profile";
        } catch (InvalidInputException e) {
            return render(model, me, profileForm(me), FormState.failed(Map.of(), e), null, FormState.empty());
        }
    }

    @PostMapping("/settings/profile/totp/start")
    String startTotp(Actor actor, Model model) {
        User me = identity.getUser(actor, actor.userId());
        return render(model, me, profileForm(me), FormState.empty(), identity.startTotp(actor), FormState.empty());
    }

    @PostMapping("/settings/profile/totp")
    String enableTotp(Actor actor, @RequestParam String secret, @RequestParam(defaultValue = "") String code,
            @RequestParam String uri, Model model, RedirectAttributes redirect) {
        try {
            identity.enableTotp(actor, secret, code);
            Flash.notice(redirect, "Authenticator app turned on: sign-ins now ask for its code.");
            return "redirect:/settings/profile";
        } catch (InvalidInputException e) {
            User me = identity.getUser(actor, actor.userId());
            return render(model, me, profileForm(me), FormState.empty(), new TotpEnrollment(secret, uri),
                    FormState.failed(Map.of(), e));
        }
    }

    @PostMapping("/settings/profile/totp/disable")
    String disableTotp(Actor actor, @RequestParam(defaultValue = "") String code, Model model,
            RedirectAttributes redirect) {
        try {
            identity.disableTotp(actor, code);
            Flash.notice(redirect, "Authenticator app turned off.");
            return "redirect:/settings/profile";
        } catch (InvalidInputException e) {
            User me = identity.getUser(actor, actor.userId());
            return render(model, me, profileForm(me), FormState.empty(), null, FormState.failed(Map.of(), e));
        }
    }

    private static FormState profileForm(User me) {
        return FormState.of(Map.of("name", me.name(), "phone", me.phone() == null ? "" : me.phone()));
    }

    private static String render(Model model, User me, FormState profile, FormState password, TotpEnrollment enrollment,
            FormState totp) {
        model.addAttribute("me", me);
        model.addAttribute("form", profile);
        model.addAttribute("passwordForm", password);
        model.addAttribute("enrollment", enrollment);
        model.addAttribute("qrSvg", enrollment == null ? "" : QrCodes.svg(enrollment.uri()));
        model.addAttribute("totpForm", totp);
        return "identity/profile";
    }
}

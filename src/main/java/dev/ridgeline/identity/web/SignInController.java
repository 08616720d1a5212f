package dev.ridgeline.identity.web;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.internal.SignInService;
import dev.ridgeline.outreach.OutreachProperties;
import dev.ridgeline.platform.web.Requests;

/**
 * The sign-in pages. Spring Security processes the posts (password at {@code /login}, link requests at
 * {@code /login/link}, links and codes at {@code /login/ott}); this controller renders the pages and handles the
 * code request and the authenticator step.
 */
@Controller
class SignInController {

    private final IdentityService identity;
    private final SignInService signIn;
    private final OutreachProperties outreach;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInController(IdentityService identity, SignInService signIn, OutreachProperties outreach) {
        this.identity = identity;
        this.signIn = signIn;
        this.outreach = outreach;
    }

    @GetMapping("/login")
    String login(@RequestParam Map<String, String> params, HttpServletRequest request,
            org.springframework.ui.Model model) {
        if (identity.needsSetup()) {
            return "redirect:/setup";
        }
        String message = null;
        String error = null;
        if (params.containsKey("error")) {
            error = "That email and password do not match an account. Try again, or use a sign-in link.";
        } else if (params.containsKey("locked")) {
            error = "Too many failed attempts. Password sign-in is paused for 15 minutes; a sign-in link still works.";
        } else if ("expired".equals(params.get("link"))) {
            error = "That sign-in link has expired. Ask for a new one below.";
        } else if ("used".equals(params.get("link"))) {
            error = "That sign-in link was already used. Each link works once: ask for a new one below.";
        } else if (params.containsKey("link")) {
            error = "That sign-in link is not valid. Ask for a new one below.";
        } else if (params.containsKey("signed-out")) {
            message = "You are signed out.";
        }
        model.addAttribute("message", message);
        model.addAttribute("error", error);
        model.addAttribute("sandboxHint", sandboxHint(request));
        return "identity/login";
    }

    @GetMapping("/login/link-sent")
    String linkSent(HttpServletRequest request, org.springframework.ui.Model model) {
        model.addAttribute("sandboxHint", sandboxHint(request));
        return "identity/link-sent";
    }

    @PostMapping("/login/code")
    String requestCode(@RequestParam(defaultValue = "") String username, HttpServletRequest request) {
        UUID challenge = signIn.requestSmsCode(username, request.getRemoteAddr());
        return "redirect:/login/code/verify?c=" + challenge;
    }

    @GetMapping("/login/code/verify")
    String verifyCode(@RequestParam("c") UUID challenge, @RequestParam(required = false) @Nullable String error,
            HttpServletRequest request, org.springframework.ui.Model model) {
        model.addAttribute("challenge", challenge);
        model.addAttribute("error", switch (error == null ? "" : error) {
            case "wrong_code" -> "That code is not right. Check the text message and try again.";
            case "expired" -> "That code has expired. Ask for a new one.";
            case "too_many_attempts" -> "Too many wrong codes: this one no longer works. Ask for a new one.";
            case "used" -> "That code was already used. Ask for a new one.";
            case "" -> null;
            default -> "That code did not work. Ask for a new one.";
        });
        model.addAttribute("sandboxHint", sandboxHint(request));
        return "identity/code-verify";
    }

    /** Opening the link only shows a button: mail scanners that follow links must not use up the token. */
    @GetMapping("/login/ott")
    String confirmLink(@RequestParam(defaultValue = "") String token, org.springframework.ui.Model model) {
        model.addAttribute("token", token);
        model.addAttribute("invitation", false);
        return "identity/link-confirm";
    }

    @GetMapping("/login/invite")
    String acceptInvitation(@RequestParam(defaultValue = "") String token, org.springframework.ui.Model model) {
        model.addAttribute("token", token);
        model.addAttribute("invitation", true);
        return "identity/link-confirm";
    }

    @GetMapping("/login/totp")
    String totp(@RequestParam(required = false) @Nullable String error, org.springframework.ui.Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !signIn.needsTotp(auth)) {
            return "redirect:/";
        }
        model.addAttribute("error", error == null ? null : "That code is not right. Use the newest code in your app.");
        return "identity/totp";
    }

    @PostMapping("/login/totp")
    String verifyTotp(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !signIn.needsTotp(auth)) {
            return "redirect:/";
        }
        SignInService.TotpResult result = signIn.verifyTotp(auth, code);
        if (result.upgraded() != null) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(result.upgraded());
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            return "redirect:/";
        }
        if (result.locked()) {
            new SecurityContextLogoutHandler().logout(request, response, auth);
            return "redirect:/login?locked";
        }
        return "redirect:/login/totp?error";
    }

    private boolean sandboxHint(HttpServletRequest request) {
        return outreach.sandboxInboxEnabled() && Requests.fromLoopback(request);
    }
}

package dev.ridgeline.outreach.web;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

import dev.ridgeline.outreach.EmailSuppressions;
import dev.ridgeline.outreach.SenderDirectory;
import dev.ridgeline.outreach.UnsubscribeLink;

/**
 * The recipient's side of opting out, reached from the link in every marketing email's footer and from its
 * List-Unsubscribe header. No sign-in, no cookies, no CSRF token: the unguessable token in the address is the only
 * credential. A GET only shows the page (mail scanners follow links); a POST unsubscribes at once, whether it is
 * the mailbox provider's one-click request (RFC 8058: body {@code List-Unsubscribe=One-Click}) or the page's button.
 */
@Controller
class UnsubscribeController {

    private final EmailSuppressions suppressions;
    private final SenderDirectory senders;

    UnsubscribeController(EmailSuppressions suppressions, SenderDirectory senders) {
        this.suppressions = suppressions;
        this.senders = senders;
    }

    @GetMapping("/u/{token}")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<UnsubscribeLink> link = suppressions.link(token);
        if (link.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return invalid(model);
        }
        boolean already = suppressions.find(link.get().tenantId(), link.get().address()).isPresent();
        return show(model, link.get(), token, already ? "done" : "confirm");
    }

    /** The mailbox provider's one-click request: answered with a plain 200, no page and no redirect. */
    @PostMapping(value = "/u/{token}", params = "List-Unsubscribe=One-Click")
    ResponseEntity<String> oneClick(@PathVariable String token) {
        return suppressions.unsubscribe(token, "one-click")
                .map(l -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("Unsubscribed.\n"))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                        .body("This unsubscribe link is not valid.\n"));
    }

    /** The page's button. */
    @PostMapping("/u/{token}")
    String confirm(@PathVariable String token, @RequestParam(required = false) String scope, Model model,
            HttpServletResponse response) {
        Optional<UnsubscribeLink> link = suppressions.unsubscribe(token, "preference page");
        if (link.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return invalid(model);
        }
        return show(model, link.get(), token, "done");
    }

    private String show(Model model, UnsubscribeLink link, String token, String state) {
        model.addAttribute("company", senders.companyName(link.tenantId()).orElse("this company"));
        model.addAttribute("address", masked(link.address()));
        model.addAttribute("token", token);
        model.addAttribute("state", state);
        return "outreach/unsubscribe";
    }

    private static String invalid(Model model) {
        model.addAttribute("company", "");
        model.addAttribute("address", "");
        model.addAttribute("token", "");
        model.addAttribute("state", "invalid");
        return "outreach/unsubscribe";
    }

    /** "p***@example.com": enough for the person to recognise, not enough to harvest from a forwarded link. */
    static String masked(String address) {
        int at = address.indexOf('@');
        if (at <= 0) {
            return "your address";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }
}

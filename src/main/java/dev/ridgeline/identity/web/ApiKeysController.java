package dev.ridgeline.identity.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.identity.ApiKey;
import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.identity.ApiKeyService;
import dev.ridgeline.identity.CreatedApiKey;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.web.Flash;

/** Settings → API keys. A new key is rendered once, in the response to its creation, and never again. */
@Controller
class ApiKeysController {

    private final ApiKeyService keys;

    ApiKeysController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping("/settings/api-keys")
    String list(Actor actor, Model model) {
        model.addAttribute("keys", keys.list(actor));
        model.addAttribute("created", null);
        model.addAttribute("error", null);
        return "identity/api-keys";
    }

    @PostMapping("/settings/api-keys")
    String create(Actor actor, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "READ") ApiKeyScope scope, Model model) {
        CreatedApiKey created = null;
        String error = null;
        try {
            created = keys.create(actor, name, scope);
        } catch (InvalidInputException e) {
            error = "Name " + e.fieldErrors().getOrDefault("name", e.getMessage());
        }
        model.addAttribute("keys", keys.list(actor));
        model.addAttribute("created", created);
        model.addAttribute("error", error);
        return "identity/api-keys";
    }

    @PostMapping("/settings/api-keys/{keyId}/revoke")
    String revoke(Actor actor, @PathVariable UUID keyId, RedirectAttributes redirect) {
        ApiKey key = keys.revoke(actor, keyId);
        Flash.notice(redirect, "Key \"" + key.name() + "\" revoked: calls with it now get 401.");
        return "redirect:/settings/api-keys";
    }
}

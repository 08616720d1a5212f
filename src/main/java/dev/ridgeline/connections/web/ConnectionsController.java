package dev.ridgeline.connections.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ridgeline.connections.CheckResult;
import dev.ridgeline.connections.Connection;
import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderDefinition;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.platform.web.FormState;

/** Settings → Connections: owners connect providers. Secret fields are write-only: never filled in, never shown. */
@Controller
class ConnectionsController {

    private final ConnectionsService connections;
    private final dev.ridgeline.connections.OAuthTokens oauth;

    ConnectionsController(ConnectionsService connections, dev.ridgeline.connections.OAuthTokens oauth) {
        this.connections = connections;
        this.oauth = oauth;
    }

    @GetMapping("/settings/connections")
    String list(Actor actor, Model model) {
        model.addAttribute("connections", connections.list(actor));
        model.addAttribute("providers", connections.providers());
        model.addAttribute("types", ConnectionType.values());
        // Providers connected by consent, and whether this installation has the OAuth client they need.
        Map<String, Boolean> oauthReady = new LinkedHashMap<>();
        connections.providers().forEach(p -> p.oauth().ifPresent(g -> oauthReady.put(p.type() + "/" + p.providerId(),
                oauth.configured(g.client()))));
        model.addAttribute("oauthReady", oauthReady);
        return "connections/list";
    }

    @GetMapping("/settings/connections/new")
    String newForm(Actor actor, @RequestParam ConnectionType type, @RequestParam String provider, Model model) {
        connections.list(actor); // permission check before showing the form
        if (connections.getProvider(type, provider).oauth().isPresent()) {
            return "redirect:/settings/connections/oauth/start?type=" + type.name() + "&provider=" + provider;
        }
        model.addAttribute("provider", connections.getProvider(type, provider));
        model.addAttribute("connection", null);
        model.addAttribute("form", FormState.empty());
        return "connections/form";
    }

    @PostMapping("/settings/connections")
    String create(Actor actor, @RequestParam ConnectionType type, @RequestParam String provider,
            @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        ProviderDefinition definition = connections.getProvider(type, provider);
        try {
            Connection c = connections.create(actor, draft(type, provider, params));
            Flash.notice(redirect, c.name() + " connected." + (c.status().name().equals("ACTIVE") ? ""
                    : " Another " + type.label().toLowerCase() + " connection is active: switch over when ready."));
            return "redirect:/settings/connections";
        } catch (InvalidInputException e) {
            model.addAttribute("provider", definition);
            model.addAttribute("connection", null);
            model.addAttribute("form", FormState.failed(withoutSecrets(params), e));
            return "connections/form";
        }
    }

    @GetMapping("/settings/connections/{connectionId}")
    String edit(Actor actor, @PathVariable UUID connectionId, Model model) {
        Connection c = connections.get(actor, connectionId);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", c.name());
        c.settings().forEach((k, v) -> values.put("settings." + k, v));
        model.addAttribute("provider", connections.getProvider(c.type(), c.providerId()));
        model.addAttribute("connection", c);
        model.addAttribute("form", FormState.of(values));
        return "connections/form";
    }

    @PostMapping("/settings/connections/{connectionId}")
    String update(Actor actor, @PathVariable UUID connectionId, @RequestParam Map<String, String> params, Model model,
            RedirectAttributes redirect) {
        Connection c = connections.get(actor, connectionId);
        try {
            connections.update(actor, connectionId, draft(c.type(), c.providerId(), params));
            Flash.notice(redirect, c.name() + " saved.");
            return "redirect:/settings/connections";
        } catch (InvalidInputException e) {
            model.addAttribute("provider", connections.getProvider(c.type(), c.providerId()));
            model.addAttribute("connection", c);
            model.addAttribute("form", FormState.failed(withoutSecrets(params), e));
            return "connections/form";
        }
    }

    @PostMapping("/settings/connections/{connectionId}/activate")
    String activate(Actor actor, @PathVariable UUID connectionId, RedirectAttributes redirect) {
        Connection c = connections.activate(actor, connectionId);
        Flash.notice(redirect, c.type().several() ? c.name() + (c.type() == ConnectionType.EMAIL
                ? " is switched on and shares the sending." : " is switched on.")
                : c.name() + " is now used for " + c.type().label().toLowerCase() + ".");
        return "redirect:/settings/connections";
    }

    @PostMapping("/settings/connections/{connectionId}/disable")
    String disable(Actor actor, @PathVariable UUID connectionId, RedirectAttributes redirect) {
        Connection c = connections.disable(actor, connectionId);
        Flash.notice(redirect, c.type().several() ? c.name() + " switched off."
                : c.name() + " switched off; " + c.type().label().toLowerCase() + " uses the sandbox.");
        return "redirect:/settings/connections";
    }

    @PostMapping("/settings/connections/{connectionId}/delete")
    String delete(Actor actor, @PathVariable UUID connectionId, RedirectAttributes redirect) {
        Connection c = connections.get(actor, connectionId);
        var note = connections.delete(actor, connectionId);
        Flash.notice(redirect, c.name() + " removed, with its stored secrets." + note.map(n -> " Note: " + n + ".")
                .orElse(""));
        return "redirect:/settings/connections";
    }

    @PostMapping("/settings/connections/{connectionId}/check")
    String check(Actor actor, @PathVariable UUID connectionId, RedirectAttributes redirect) {
        CheckResult result = connections.check(actor, connectionId);
        if (result.ok()) {
            Flash.notice(redirect, "Test passed: " + result.message());
        } else {
            Flash.error(redirect, "Test failed: " + result.message());
        }
        return "redirect:/settings/connections";
    }

    private static ConnectionDraft draft(ConnectionType type, String provider, Map<String, String> params) {
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("settings.")) {
                settings.put(k.substring("settings.".length()), v);
            } else if (k.startsWith("secrets.")) {
                secrets.put(k.substring("secrets.".length()), v);
            }
        });
        return new ConnectionDraft(type, provider, params.get("name"), settings, secrets);
    }

    private static Map<String, String> withoutSecrets(Map<String, String> params) {
        Map<String, String> shown = new LinkedHashMap<>(params);
        shown.keySet().removeIf(k -> k.startsWith("secrets."));
        return shown;
    }
}

package dev.ridgeline.identity.web;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.ridgeline.identity.AuditService;
import dev.ridgeline.platform.Actor;

@Controller
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping("/settings/audit")
    String list(Actor actor, @RequestParam(required = false) @Nullable String filter,
            @RequestParam(defaultValue = "0") int page, Model model) {
        String prefix = filter == null || filter.isBlank() ? null : filter;
        var entries = audit.page(actor, prefix, page);
        model.addAttribute("entries", entries);
        model.addAttribute("filter", prefix == null ? "" : prefix);
        model.addAttribute("pageNumber", Math.max(page, 0));
        model.addAttribute("hasMore", entries.size() == AuditService.PAGE_SIZE);
        return "identity/audit";
    }
}

package dev.ridgeline.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page and the sections whose modules come later (analytics): each says what it will hold
 * and what to do first.
 */
@Controller
class ShellController {

    @GetMapping("/")
    String home() {
        return "redirect:/map";
    }

    @GetMapping("/analytics")
    String analytics(Model model) {
        return section(model, "Analytics", "chart", "Nothing to measure yet",
                "Once leads move through the pipeline, this page shows which storm, sequence and channel brought "
                        + "each signed job, and what it cost in imagery and messages.",
                "Go to the leads", "/leads");
    }

    private static String section(Model model, String title, String icon, String heading, String text,
            String actionLabel, String actionHref) {
        model.addAttribute("title", title);
        model.addAttribute("icon", icon);
        model.addAttribute("heading", heading);
        model.addAttribute("text", text);
        model.addAttribute("actionLabel", actionLabel);
        model.addAttribute("actionHref", actionHref);
        return "platform/empty-section";
    }
}

package dev.ridgeline.platform.web;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One-line messages shown once on the next page after a redirect. */
public final class Flash {

    private Flash() {
    }

    public static void notice(RedirectAttributes attributes, String message) {
        attributes.addFlashAttribute(PageContextAdvice.NOTICE, message);
    }

    public static void error(RedirectAttributes attributes, String message) {
        attributes.addFlashAttribute(PageContextAdvice.ERROR, message);
    }
}

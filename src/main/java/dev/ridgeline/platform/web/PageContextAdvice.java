package dev.ridgeline.platform.web;

import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.ActorPrincipal;

/** Puts the {@link PageContext} into every page's model as {@code page}. */
@ControllerAdvice(annotations = Controller.class)
class PageContextAdvice {

    static final String NOTICE = "notice";
    static final String ERROR = "error";

    private final ShellDetails shell;

    PageContextAdvice(ShellDetails shell) {
        this.shell = shell;
    }

    @ModelAttribute("page")
    PageContext page(HttpServletRequest request) {
        return build(request, shell);
    }

    static PageContext build(HttpServletRequest request, ShellDetails shell) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String param = csrf == null ? "_csrf" : csrf.getParameterName();
        String header = csrf == null ? "X-CSRF-TOKEN" : csrf.getHeaderName();
        String token = csrf == null ? "" : csrf.getToken();
        var flash = RequestContextUtils.getInputFlashMap(request);
        List<String> notices = flash != null && flash.get(NOTICE) instanceof String s ? List.of(s) : List.of();
        List<String> errors = flash != null && flash.get(ERROR) instanceof String s ? List.of(s) : List.of();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (auth != null && auth.getPrincipal() instanceof ActorPrincipal p) {
            Actor actor = p.actor();
            return new PageContext(true, shell.userName(actor), shell.companyName(actor), actor.role(),
                    actor.role().permissions(), param, header, token, path, notices, errors);
        }
        return new PageContext(false, "", "", null, Set.of(), param, header, token, path, notices, errors);
    }
}

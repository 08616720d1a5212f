package dev.ridgeline.platform.web;

import java.util.Map;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;

/** Errors raised outside controllers (404 for unknown paths, 403 from security) render the same error page. */
@Component
class ErrorPages implements ErrorViewResolver {

    private final ShellDetails shell;

    ErrorPages(ShellDetails shell) {
        this.shell = shell;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String title = switch (status) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Not allowed";
            case UNAUTHORIZED -> "Please sign in";
            default -> status.is5xxServerError() ? "Something went wrong" : status.getReasonPhrase();
        };
        String message = switch (status) {
            case NOT_FOUND -> "There is nothing here, or it belongs to someone else. Check the link, or go back.";
            case FORBIDDEN -> "Your role does not allow this page. Ask an owner of your company if you need it.";
            default -> status.is5xxServerError()
                    ? "The server could not finish this request. It was logged; try again in a moment."
                    : "The request could not be handled.";
        };
        return new ModelAndView("platform/error", Map.of("page", PageContextAdvice.build(request, shell),
                "status", status.value(), "title", title, "message", message), status);
    }
}

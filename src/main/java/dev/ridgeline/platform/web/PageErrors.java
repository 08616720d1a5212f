package dev.ridgeline.platform.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;

import dev.ridgeline.platform.ConflictException;
import dev.ridgeline.platform.ForbiddenException;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;

/** The facade exceptions as friendly pages (never a stack trace) for every page controller. */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

    private final ShellDetails shell;

    PageErrors(ShellDetails shell) {
        this.shell = shell;
    }

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    ModelAndView notFound(HttpServletRequest request) {
        return page(request, HttpStatus.NOT_FOUND, "Not found",
                "There is nothing here, or it belongs to someone else. Check the link, or go back.");
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(HttpServletRequest request, ForbiddenException e) {
        return page(request, HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(HttpServletRequest request, ConflictException e) {
        return page(request, HttpStatus.CONFLICT, "That did not work", e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalid(HttpServletRequest request, InvalidInputException e) {
        return page(request, HttpStatus.BAD_REQUEST, "Please check your input", e.getMessage());
    }

    ModelAndView page(HttpServletRequest request, HttpStatus status, String title, String message) {
        ModelAndView mav = new ModelAndView("platform/error", Map.of("page", PageContextAdvice.build(request, shell),
                "status", status.value(), "title", title, "message", message));
        mav.setStatus(status);
        return mav;
    }
}

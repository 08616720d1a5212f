package dev.ridgeline.identity.internal;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem JSON from security filters, where no controller advice runs. */
final class ProblemResponses {

    private final JsonMapper json = JsonMapper.builder().build();

    void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}

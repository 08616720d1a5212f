package dev.ridgeline.outreach.provider.twilio;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.TwilioSignature;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where Twilio posts: {@code /hooks/twilio/{company id}/status} (delivery reports, set on every text sent: stored
 * in the callback journal before the 2xx, applied just after) and {@code .../inbound} (the number's "A message
 * comes in" webhook, applied at once). The signature is checked over the address as
 * Twilio requested it (this server's public URL, the path and the query) and the form parameters of the body.
 */
@RestController
class TwilioWebhookController {

    private final TwilioWebhooks webhooks;
    private final dev.ridgeline.outreach.internal.CallbackJournal journal;
    private final tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
    private final String publicUrl;

    TwilioWebhookController(TwilioWebhooks webhooks, dev.ridgeline.outreach.internal.CallbackJournal journal,
            PlatformProperties platform) {
        this.webhooks = webhooks;
        this.journal = journal;
        this.publicUrl = platform.publicUrl().replaceAll("/+$", "");
    }

    @PostMapping(value = "/hooks/twilio/{tenant}/status", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> status(@PathVariable String tenant, HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        return handle(tenant, request, signature, false);
    }

    /**
     * The address texts are sent with: the company in the query, which the signature covers like the path. A
     * functional route (see {@link Routes}) rather than an annotated method: it comes by the thousand after a
     * campaign, and skips the page model, argument resolvers and content negotiation that pages need.
     */
    ServerResponse status(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        ResponseEntity<String> answer = handle(String.valueOf(servlet.getParameter("company")), servlet,
                servlet.getHeader("X-Twilio-Signature"), false);
        return ServerResponse.status(answer.getStatusCode()).contentType(MediaType.TEXT_PLAIN)
                .body(String.valueOf(answer.getBody()));
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Routes {

        @org.springframework.context.annotation.Bean
        RouterFunction<ServerResponse> twilioStatusRoute(TwilioWebhookController hooks) {
            return RouterFunctions.route().POST("/hooks/twilio/status", hooks::status).build();
        }
    }

    @PostMapping(value = "/hooks/twilio/{tenant}/inbound", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> inbound(@PathVariable String tenant, HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        return handle(tenant, request, signature, true);
    }

    private ResponseEntity<String> handle(String tenantText, HttpServletRequest request, String signature,
            boolean inbound) {
        TenantId tenant;
        try {
            tenant = new TenantId(UUID.fromString(tenantText));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("unknown company\n");
        }
        String url = publicUrl + request.getRequestURI() + (request.getQueryString() == null ? ""
                : "?" + request.getQueryString());
        Map<String, List<String>> params = bodyParameters(request);
        TwilioWebhooks.Outcome refused = webhooks.verify(tenant, url, params, signature);
        if (refused != null) {
            return ResponseEntity.status(refused.status()).contentType(MediaType.TEXT_PLAIN).body(refused.message() + "\n");
        }
        if (!inbound) {
            // Stored before the answer, applied just after (see CallbackJournal).
            try {
                journal.append(TwilioSmsProvider.ID, tenant, json.writeValueAsString(params));
            } catch (IllegalStateException e) {
                return ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body("busy, try again\n");
            }
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("stored\n");
        }
        TwilioWebhooks.Outcome outcome = webhooks.inbound(tenant, params);
        if (outcome.status() == 200) {
            // No reply in TwiML: confirmations go out through the API, so the Outbox keeps them.
            return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Response/>");
        }
        return ResponseEntity.status(outcome.status()).contentType(MediaType.TEXT_PLAIN).body(outcome.message() + "\n");
    }

    /** The form parameters of the body: the request's parameters less those of the query string. */
    static Map<String, List<String>> bodyParameters(HttpServletRequest request) {
        return TwilioSignature.bodyParameters(request);
    }
}

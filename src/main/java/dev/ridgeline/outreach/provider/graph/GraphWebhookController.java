package dev.ridgeline.outreach.provider.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.platform.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where Microsoft Graph posts change notifications ({@code /hooks/graph/{company id}}) and lifecycle events
 * ({@code .../lifecycle}). A POST with {@code validationToken} is Graph checking the address: the token goes back as
 * plain text within its 10 seconds. A notification is believed only when it names one of the company's
 * subscriptions and carries that mailbox's client state; then the mailbox is read in the background and Graph gets
 * its 202 at once.
 */
@RestController
class GraphWebhookController {

    private static final Logger log = LoggerFactory.getLogger(GraphWebhookController.class);
    private static final dev.ridgeline.platform.ThrottledWarnings refusals =
            new dev.ridgeline.platform.ThrottledWarnings(log);

    private final GraphSubscriptions subscriptions;
    private final GraphMailboxReader reader;
    private final ConnectionsService connections;
    private final TaskExecutor executor;
    private final JsonMapper json = JsonMapper.builder().build();

    GraphWebhookController(GraphSubscriptions subscriptions, GraphMailboxReader reader, ConnectionsService connections,
            TaskExecutor executor) {
        this.subscriptions = subscriptions;
        this.reader = reader;
        this.connections = connections;
        this.executor = executor;
    }

    @PostMapping(value = "/hooks/graph/{tenant}", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> notification(@PathVariable String tenant,
            HttpServletRequest request, @RequestBody(required = false) byte @Nullable [] body) {
        return handle(tenant, validationToken(request), body, false);
    }

    @PostMapping(value = "/hooks/graph/{tenant}/lifecycle", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> lifecycle(@PathVariable String tenant,
            HttpServletRequest request, @RequestBody(required = false) byte @Nullable [] body) {
        return handle(tenant, validationToken(request), body, true);
    }

    /** The validation token, URL-decoded from the raw query as Graph asks ('+' is a space, "%3a" a colon). */
    static @Nullable String validationToken(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("validationToken=")) {
                return URLDecoder.decode(pair.substring("validationToken=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private ResponseEntity<String> handle(String tenantText, @Nullable String validationToken, byte @Nullable [] body,
            boolean lifecycle) {
        if (validationToken != null) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(validationToken);
        }
        TenantId tenant;
        try {
            tenant = new TenantId(UUID.fromString(tenantText));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("unknown company\n");
        }
        JsonNode notifications;
        try {
            notifications = json.readTree(body == null ? "{}" : new String(body, StandardCharsets.UTF_8)).path("value");
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("not JSON\n");
        }
        int accepted = 0;
        int refused = 0;
        for (JsonNode n : notifications) {
            var subscription = subscriptions.bySubscriptionId(tenant, n.path("subscriptionId").asString(""));
            ProviderAccount account = subscription.flatMap(s -> connections.account(tenant, s.connectionId()))
                    .orElse(null);
            if (account == null || !subscriptions.clientStateMatches(account, n.path("clientState").asString(""))) {
                refused++;
                continue;
            }
            accepted++;
            String event = lifecycle ? n.path("lifecycleEvent").asString("") : "created";
            String subscriptionId = subscription.get().id();
            executor.execute(() -> act(tenant, account, event, subscriptionId));
        }
        if (refused > 0) {
            refusals.warn(tenant, "Refused {} Graph notification(s) for {}: unknown subscription or wrong client state", refused,
                    tenant);
        }
        return ResponseEntity.accepted().contentType(MediaType.TEXT_PLAIN)
                .body("accepted " + accepted + ", refused " + refused + "\n");
    }

    private void act(TenantId tenant, ProviderAccount account, String event, String subscriptionId) {
        try {
            switch (event) {
                case "reauthorizationRequired" -> subscriptions.reauthorize(account, subscriptionId);
                case "subscriptionRemoved" -> {
                    subscriptions.remove(tenant, account.connectionId());
                    subscriptions.ensure(tenant, account);
                }
                default -> reader.poll(tenant, account); // a new message, or "missed": read the delta
            }
        } catch (RuntimeException e) {
            log.warn("Acting on Graph {} for mailbox {} of {} failed: {}", event, account.connectionId(), tenant,
                    e.getMessage());
        }
    }
}

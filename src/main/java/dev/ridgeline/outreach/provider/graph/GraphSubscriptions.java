package dev.ridgeline.outreach.provider.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.platform.TenantId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft Graph change notifications for each Outlook mailbox's inbox, so a reply is read within seconds rather
 * than at the next poll. A subscription lives under 7 days for messages; it is made for 3 days and renewed when
 * less than one is left. Graph first checks the notification address (the validation-token handshake, answered by
 * {@link GraphWebhookController}); every notification carries the client state, a random secret sealed in the vault
 * with the connection, compared in constant time. Graph only calls HTTPS addresses: on a server without a public
 * HTTPS address there are no subscriptions and the two-minute delta poll does the work alone.
 */
@Component
class GraphSubscriptions {

    static final String CLIENT_STATE = "clientState";
    static final Duration LIFETIME = Duration.ofDays(3);
    static final Duration RENEW_BEFORE = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(GraphSubscriptions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GraphEmailProvider graph;
    /** Lazily: the connections service lists the provider definitions, one of which needs this class. */
    private final ObjectProvider<ConnectionsService> connections;
    private final JdbcClient jdbc;
    private final String publicUrl;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    GraphSubscriptions(GraphEmailProvider graph, ObjectProvider<ConnectionsService> connections, JdbcClient jdbc,
            PlatformProperties platform, Clock clock) {
        this.graph = graph;
        this.connections = connections;
        this.jdbc = jdbc;
        this.publicUrl = platform.publicUrl().replaceAll("/+$", "");
        this.clock = clock;
    }

    /** A subscription as stored: its id at Graph and when it expires. */
    record Subscription(TenantId tenantId, UUID connectionId, String id, Instant expiresAt) {
    }

    /** Whether Graph can reach this server at all (HTTPS only). */
    boolean reachable() {
        return publicUrl.startsWith("https://");
    }

    /** Makes or renews the mailbox's subscription when it is missing or close to expiry. */
    void ensure(TenantId tenant, ProviderAccount account) {
        if (!reachable()) {
            return;
        }
        Optional<Subscription> current = find(tenant, account.connectionId());
        Instant now = clock.instant();
        if (current.isPresent() && current.get().expiresAt().isAfter(now.plus(RENEW_BEFORE))) {
            return;
        }
        Instant expires = now.plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        if (current.isPresent()) {
            try {
                graph.api().call(account, "PATCH", "/v1.0/subscriptions/" + current.get().id(), "application/json",
                        json.writeValueAsBytes(Map.of("expirationDateTime", expires.toString())));
                save(tenant, account.connectionId(), current.get().id(), expires);
                return;
            } catch (ProviderException e) {
                if (!e.code().equals("rejected-404")) {
                    throw e;
                }
                remove(tenant, account.connectionId()); // gone at Graph: made again below
            }
        }
        create(tenant, account, expires);
    }

    private void create(TenantId tenant, ProviderAccount account, Instant expires) {
        byte[] state = new byte[32];
        RANDOM.nextBytes(state);
        String clientState = Base64.getUrlEncoder().withoutPadding().encodeToString(state);
        connections.getObject().storeSecret(tenant, account.connectionId(), CLIENT_STATE, clientState);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeType", "created");
        body.put("notificationUrl", publicUrl + "/hooks/graph/" + tenant);
        body.put("lifecycleNotificationUrl", publicUrl + "/hooks/graph/" + tenant + "/lifecycle");
        body.put("resource", "me/mailFolders('Inbox')/messages");
        body.put("expirationDateTime", expires.toString());
        body.put("clientState", clientState);
        var response = graph.api().call(account, "POST", "/v1.0/subscriptions", "application/json",
                json.writeValueAsBytes(body));
        String id = json.readTree(GraphEmailProvider.text(response.body())).path("id").asString("");
        if (id.isEmpty()) {
            throw new ProviderException(dev.ridgeline.outreach.FailureClass.RETRYABLE, "bad-answer",
                    "Microsoft Graph made a subscription but answered no id");
        }
        save(tenant, account.connectionId(), id, expires);
        log.info("Graph subscription {} for mailbox {} of {} until {}", id, account.connectionId(), tenant, expires);
    }

    /** Asks Graph to keep sending after it asked for reauthorization (lifecycle event reauthorizationRequired). */
    void reauthorize(ProviderAccount account, String subscriptionId) {
        graph.api().call(account, "POST", "/v1.0/subscriptions/" + subscriptionId + "/reauthorize", null, null);
    }

    /** Deletes the mailbox's subscription at Graph and here (disconnect); a missing one is fine. */
    void delete(ProviderAccount account) {
        Optional<Subscription> current = find(account.tenantId(), account.connectionId());
        if (current.isEmpty()) {
            return;
        }
        try {
            graph.api().call(account, "DELETE", "/v1.0/subscriptions/" + current.get().id(), null, null);
        } catch (ProviderException e) {
            if (!e.code().equals("rejected-404")) {
                throw e;
            }
        } finally {
            remove(account.tenantId(), account.connectionId());
        }
    }

    /** The subscription a notification names, if it is this company's. */
    Optional<Subscription> bySubscriptionId(TenantId tenant, String subscriptionId) {
        return jdbc.sql("""
                select tenant_id, connection_id, subscription_id, expires_at from outreach.mailbox_subscription
                where tenant_id = :t and subscription_id = :s""")
                .param("t", tenant.value()).param("s", subscriptionId).query(GraphSubscriptions::map).optional();
    }

    /** Whether a notification's client state is the one sealed with the mailbox, compared in constant time. */
    boolean clientStateMatches(ProviderAccount account, String given) {
        return account.secret(CLIENT_STATE).map(s -> MessageDigest.isEqual(
                s.reveal().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))).orElse(false);
    }

    Optional<Subscription> find(TenantId tenant, UUID connectionId) {
        return jdbc.sql("""
                select tenant_id, connection_id, subscription_id, expires_at from outreach.mailbox_subscription
                where tenant_id = :t and connection_id = :c""")
                .param("t", tenant.value()).param("c", connectionId).query(GraphSubscriptions::map).optional();
    }

    void remove(TenantId tenant, UUID connectionId) {
        jdbc.sql("delete from outreach.mailbox_subscription where tenant_id = :t and connection_id = :c")
                .param("t", tenant.value()).param("c", connectionId).update();
    }

    private void save(TenantId tenant, UUID connectionId, String id, Instant expires) {
        jdbc.sql("""
                insert into outreach.mailbox_subscription (tenant_id, connection_id, subscription_id, expires_at,
                  created_at)
                values (:t, :c, :s, :e, :now)
                on conflict (tenant_id, connection_id) do update set subscription_id = :s, expires_at = :e""")
                .param("t", tenant.value()).param("c", connectionId).param("s", id).param("e", Timestamp.from(expires))
                .param("now", Timestamp.from(clock.instant())).update();
    }

    private static Subscription map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Subscription(new TenantId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class),
                rs.getString(3), rs.getTimestamp(4).toInstant());
    }
}

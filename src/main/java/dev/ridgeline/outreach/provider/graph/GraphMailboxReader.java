package dev.ridgeline.outreach.provider.graph;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.InboundMail;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.platform.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads each Outlook mailbox's inbox with Microsoft Graph delta queries: the stored delta link answers only what
 * changed since, each new message is fetched as MIME ({@code /messages/{id}/$value}) and handed to
 * {@link InboundMail}. A new mailbox starts from now (the first round only finds the delta link); a delta link Graph
 * no longer honours (410) starts again the same way. Runs every two minutes, and at once when a change notification
 * arrives; one read at a time per mailbox.
 */
@Configuration(proxyBeanMethods = false)
public class GraphMailboxReader {

    private static final Logger log = LoggerFactory.getLogger(GraphMailboxReader.class);
    static final String DELTA = "/v1.0/me/mailFolders('inbox')/messages/delta?$select="
            + URLEncoder.encode("id,receivedDateTime", StandardCharsets.UTF_8);
    static final int BATCH = 500;

    private final ConnectionsService connections;
    private final GraphEmailProvider graph;
    private final GraphSubscriptions subscriptions;
    private final InboundMail inbound;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ConcurrentMap<UUID, Object> locks = new ConcurrentHashMap<>();

    GraphMailboxReader(ConnectionsService connections, GraphEmailProvider graph, GraphSubscriptions subscriptions,
            InboundMail inbound, JdbcClient jdbc, Clock clock) {
        this.connections = connections;
        this.graph = graph;
        this.subscriptions = subscriptions;
        this.inbound = inbound;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> outlookMailboxes() {
        return Tasks.recurring("email-outlook-mailboxes", FixedDelay.of(Duration.ofMinutes(2)))
                .execute((instance, ctx) -> {
                    for (TenantId tenant : connections.tenantsUsing(ConnectionType.EMAIL, GraphEmailProvider.ID)) {
                        for (ProviderAccount account : accounts(tenant)) {
                            try {
                                subscriptions.ensure(tenant, account);
                            } catch (RuntimeException e) {
                                log.warn("Graph subscription of mailbox {} of {} failed: {}", account.connectionId(),
                                        tenant, e.getMessage());
                            }
                            try {
                                poll(tenant, account);
                            } catch (RuntimeException e) {
                                // One mailbox must not stop the others.
                                log.warn("Reading Outlook mailbox {} of {} failed: {}", account.connectionId(), tenant,
                                        e.getMessage());
                            }
                        }
                    }
                });
    }

    /** Every Outlook mailbox of the company sending now. */
    List<ProviderAccount> accounts(TenantId tenant) {
        return connections.activeAccounts(tenant, ConnectionType.EMAIL).stream()
                .filter(a -> GraphEmailProvider.ID.equals(a.providerId())).toList();
    }

    /** Reads every Outlook mailbox of the company; what the messages turned out to be. */
    public InboundMail.Tally poll(TenantId tenant) {
        InboundMail.Tally tally = InboundMail.Tally.NONE;
        for (ProviderAccount account : accounts(tenant)) {
            InboundMail.Tally t = poll(tenant, account);
            tally = new InboundMail.Tally(tally.read() + t.read(), tally.bounces() + t.bounces(),
                    tally.complaints() + t.complaints(), tally.unsubscribes() + t.unsubscribes(),
                    tally.suppressed() + t.suppressed(), tally.replies() + t.replies());
        }
        return tally;
    }

    InboundMail.Tally poll(TenantId tenant, ProviderAccount account) {
        synchronized (locks.computeIfAbsent(account.connectionId(), id -> new Object())) {
            String mailbox = "outlook:" + account.connectionId();
            Optional<String> link = deltaLink(tenant, mailbox);
            if (link.isEmpty()) {
                saveDeltaLink(tenant, mailbox, round(account, DELTA, null));
                return InboundMail.Tally.NONE;
            }
            List<String> added = new ArrayList<>();
            String next;
            try {
                next = round(account, link.get(), added);
            } catch (ProviderException e) {
                if (!e.code().equals("rejected-410")) {
                    throw e;
                }
                log.info("Graph reset the delta of {}: reading from now", mailbox);
                saveDeltaLink(tenant, mailbox, round(account, DELTA, null));
                return InboundMail.Tally.NONE;
            }
            String address = account.setting("fromAddress").orElse(mailbox);
            InboundMail.Tally tally = InboundMail.Tally.NONE;
            for (String id : added) {
                byte[] mime;
                try {
                    mime = graph.api().call(account, "GET", "/v1.0/me/messages/" + id + "/$value", null, null).body();
                } catch (ProviderException e) {
                    if (e.code().equals("rejected-404")) {
                        continue; // deleted since
                    }
                    throw e;
                }
                tally = inbound.process(tenant, mime, "outlook " + address, null, tally);
            }
            saveDeltaLink(tenant, mailbox, next);
            if (!added.isEmpty()) {
                log.info("Outlook mailbox {} of {} read: {}", address, tenant, tally);
            }
            return tally;
        }
    }

    /**
     * Follows one delta round from {@code start} to its delta link, collecting the ids of messages added (not
     * removed) into {@code added}, or only finding the link when {@code added} is null.
     */
    private String round(ProviderAccount account, String start, @Nullable List<String> added) {
        String url = start;
        while (true) {
            JsonNode page = json.readTree(GraphEmailProvider.text(graph.api().call(account, "GET", url, null, null)
                    .body()));
            if (added != null) {
                for (JsonNode m : page.path("value")) {
                    if (!m.has("@removed") && added.size() < BATCH) {
                        added.add(m.path("id").asString());
                    }
                }
            }
            String delta = page.path("@odata.deltaLink").asString(null);
            if (delta != null) {
                return delta;
            }
            String nextLink = page.path("@odata.nextLink").asString(null);
            if (nextLink == null) {
                throw new ProviderException(dev.ridgeline.outreach.FailureClass.RETRYABLE, "bad-answer",
                        "Microsoft Graph answered a delta page with neither a next nor a delta link");
            }
            url = nextLink;
        }
    }

    private Optional<String> deltaLink(TenantId tenant, String mailbox) {
        return jdbc.sql("select delta_link from outreach.mailbox_cursor where tenant_id = :t and mailbox = :m")
                .param("t", tenant.value()).param("m", mailbox).query(String.class).optional()
                .filter(s -> !s.isBlank());
    }

    private void saveDeltaLink(TenantId tenant, String mailbox, String link) {
        jdbc.sql("""
                insert into outreach.mailbox_cursor (tenant_id, mailbox, uid_validity, last_uid, polled_at, delta_link)
                values (:t, :m, 0, 0, :now, :l)
                on conflict (tenant_id, mailbox) do update set delta_link = :l, polled_at = :now""")
                .param("t", tenant.value()).param("m", mailbox).param("l", link)
                .param("now", Timestamp.from(clock.instant())).update();
    }
}

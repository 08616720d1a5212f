package dev.ridgeline.outreach.provider.gmail;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
import dev.ridgeline.outreach.InboundEmail;
import dev.ridgeline.outreach.InboundMail;
import dev.ridgeline.outreach.ProviderException;
import dev.ridgeline.platform.TenantId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads each Gmail mailbox's inbox through the history API: what was added to INBOX since the stored historyId,
 * each message fetched raw and handed to {@link InboundMail} (replies, bounces, complaints, mailto unsubscribes),
 * with its threadId to match replies in our conversations. A new mailbox starts from now. When Google no longer
 * has the stored point (HTTP 404, history is kept about a week) the last two days are read again instead; what was
 * taken before is recognised and taken once.
 */
@Configuration(proxyBeanMethods = false)
public class GmailMailboxReader {

    private static final Logger log = LoggerFactory.getLogger(GmailMailboxReader.class);
    static final int BATCH = 500;

    private final ConnectionsService connections;
    private final GmailEmailProvider gmail;
    private final InboundMail inbound;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    GmailMailboxReader(ConnectionsService connections, GmailEmailProvider gmail, InboundMail inbound, JdbcClient jdbc,
            Clock clock) {
        this.connections = connections;
        this.gmail = gmail;
        this.inbound = inbound;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> gmailMailboxes() {
        return Tasks.recurring("email-gmail-mailboxes", FixedDelay.of(Duration.ofMinutes(2)))
                .execute((instance, ctx) -> {
                    for (TenantId tenant : connections.tenantsUsing(ConnectionType.EMAIL, GmailEmailProvider.ID)) {
                        try {
                            poll(tenant);
                        } catch (RuntimeException e) {
                            // One company's mailbox must not stop the others.
                            log.warn("Reading the Gmail mailboxes of {} failed: {}", tenant, e.getMessage());
                        }
                    }
                });
    }

    /** Reads every Gmail mailbox of the company sending now; what the messages turned out to be. */
    public InboundMail.Tally poll(TenantId tenant) {
        InboundMail.Tally tally = InboundMail.Tally.NONE;
        for (ProviderAccount account : connections.activeAccounts(tenant, ConnectionType.EMAIL)) {
            if (GmailEmailProvider.ID.equals(account.providerId())) {
                tally = poll(tenant, account, tally);
            }
        }
        return tally;
    }

    private InboundMail.Tally poll(TenantId tenant, ProviderAccount account, InboundMail.Tally tally) {
        String mailbox = "gmail:" + account.connectionId();
        Optional<Long> cursor = cursor(tenant, mailbox);
        if (cursor.isEmpty()) {
            saveCursor(tenant, mailbox, profileHistoryId(account));
            return tally;
        }
        Map<String, Boolean> ids = new LinkedHashMap<>();
        long newest = cursor.get();
        String page = null;
        try {
            do {
                JsonNode history = get(account, "/gmail/v1/users/me/history?startHistoryId=" + cursor.get()
                        + "&historyTypes=messageAdded&labelId=INBOX&maxResults=500"
                        + (page == null ? "" : "&pageToken=" + page));
                for (JsonNode h : history.path("history")) {
                    for (JsonNode added : h.path("messagesAdded")) {
                        ids.put(added.path("message").path("id").asString(), true);
                    }
                }
                newest = Math.max(newest, history.path("historyId").asLong(newest));
                page = history.path("nextPageToken").asString(null);
            } while (page != null && ids.size() < BATCH);
        } catch (ProviderException e) {
            if (!e.code().equals("rejected-404")) {
                throw e;
            }
            log.info("Gmail no longer has history point {} of {}: reading the last two days again", cursor.get(),
                    mailbox);
            ids.clear();
            JsonNode recent = get(account, "/gmail/v1/users/me/messages?q=newer_than:2d&labelIds=INBOX&maxResults=500");
            for (JsonNode m : recent.path("messages")) {
                ids.put(m.path("id").asString(), true);
            }
            newest = profileHistoryId(account);
        }
        String address = account.setting("fromAddress").orElse(mailbox);
        for (String id : ids.keySet()) {
            JsonNode message;
            try {
                message = get(account, "/gmail/v1/users/me/messages/" + id + "?format=raw");
            } catch (ProviderException e) {
                if (e.code().equals("rejected-404")) {
                    continue; // deleted since it was added
                }
                throw e;
            }
            byte[] raw = Base64.getUrlDecoder().decode(message.path("raw").asString(""));
            String thread = message.path("threadId").asString(null);
            tally = inbound.process(tenant, raw, "gmail " + address,
                    thread == null ? null : new InboundEmail.VendorThread(GmailEmailProvider.ID, thread), tally);
        }
        saveCursor(tenant, mailbox, newest);
        if (!ids.isEmpty()) {
            log.info("Gmail mailbox {} of {} read: {}", address, tenant, tally);
        }
        return tally;
    }

    private long profileHistoryId(ProviderAccount account) {
        return get(account, "/gmail/v1/users/me/profile").path("historyId").asLong();
    }

    private JsonNode get(ProviderAccount account, String path) {
        var response = gmail.api().call(account, "GET", path, null, null);
        return json.readTree(new String(response.body(), StandardCharsets.UTF_8));
    }

    private Optional<Long> cursor(TenantId tenant, String mailbox) {
        return jdbc.sql("select last_uid from outreach.mailbox_cursor where tenant_id = :t and mailbox = :m")
                .param("t", tenant.value()).param("m", mailbox).query(Long.class).optional();
    }

    private void saveCursor(TenantId tenant, String mailbox, long historyId) {
        jdbc.sql("""
                insert into outreach.mailbox_cursor (tenant_id, mailbox, uid_validity, last_uid, polled_at)
                values (:t, :m, 0, :h, :now)
                on conflict (tenant_id, mailbox) do update set last_uid = :h, polled_at = :now""")
                .param("t", tenant.value()).param("m", mailbox).param("h", historyId)
                .param("now", Timestamp.from(clock.instant())).update();
    }
}

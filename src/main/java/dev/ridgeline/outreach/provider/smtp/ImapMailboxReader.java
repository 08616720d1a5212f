package dev.ridgeline.outreach.provider.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.outreach.InboundMail;
import dev.ridgeline.platform.TenantId;

/**
 * Reads each SMTP sending mailbox over IMAP (the connection's IMAP host, same username and password) for what came
 * back, and hands every message to {@link InboundMail}: bounces, complaints, mailto unsubscribes, replies. Opened
 * read-only, so nothing is marked read; a cursor of IMAP UIDs per mailbox means each message is looked at once.
 */
@Component
public class ImapMailboxReader {

    private static final Logger log = LoggerFactory.getLogger(ImapMailboxReader.class);
    /** At most this many messages a poll, oldest first: a backlog drains over several polls. */
    static final int BATCH = 500;

    private final ConnectionsService connections;
    private final InboundMail inbound;
    private final JdbcClient jdbc;
    private final Clock clock;

    ImapMailboxReader(ConnectionsService connections, InboundMail inbound, JdbcClient jdbc, Clock clock) {
        this.connections = connections;
        this.inbound = inbound;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The companies sending through at least one SMTP mailbox. */
    public List<TenantId> tenantsToPoll() {
        return connections.tenantsUsing(ConnectionType.EMAIL, SmtpEmailProvider.ID);
    }

    /**
     * Reads what arrived since the last poll in each of the company's SMTP mailboxes that has an IMAP host. Empty
     * when none is set up for reading.
     */
    public Optional<InboundMail.Tally> poll(TenantId tenant) throws MessagingException {
        List<ProviderAccount> readable = connections.activeAccounts(tenant, ConnectionType.EMAIL).stream()
                .filter(a -> SmtpEmailProvider.ID.equals(a.providerId()) && a.setting("imapHost").isPresent())
                .toList();
        if (readable.isEmpty()) {
            return Optional.empty();
        }
        InboundMail.Tally total = InboundMail.Tally.NONE;
        for (ProviderAccount account : readable) {
            InboundMail.Tally t = poll(tenant, account);
            total = new InboundMail.Tally(total.read() + t.read(), total.bounces() + t.bounces(),
                    total.complaints() + t.complaints(), total.unsubscribes() + t.unsubscribes(),
                    total.suppressed() + t.suppressed(), total.replies() + t.replies());
        }
        return Optional.of(total);
    }

    private InboundMail.Tally poll(TenantId tenant, ProviderAccount account) throws MessagingException {
        String host = account.setting("imapHost").orElseThrow();
        String security = account.setting("imapSecurity").orElse("SSL").toUpperCase(Locale.ROOT);
        String protocol = "SSL".equals(security) ? "imaps" : "imap";
        int port = Integer.parseInt(account.setting("imapPort").orElse("SSL".equals(security) ? "993" : "143"));
        String user = account.setting("username").orElse("");
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "20000");
        if ("STARTTLS".equals(security)) {
            props.put("mail.imap.starttls.enable", "true");
            props.put("mail.imap.starttls.required", "true");
        }
        String mailbox = user + "@" + host + ":" + port;
        InboundMail.Tally tally = InboundMail.Tally.NONE;
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(host, port, user, account.secret("password").map(p -> p.reveal()).orElse(""));
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) inbox;
                long validity = uids.getUIDValidity();
                long last = cursor(tenant, mailbox, validity);
                Message[] messages = uids.getMessagesByUID(last + 1, UIDFolder.MAXUID);
                long highest = last;
                for (Message m : messages) {
                    long uid = uids.getUID(m);
                    if (uid <= last || tally.read() >= BATCH) {
                        continue;
                    }
                    highest = Math.max(highest, uid);
                    tally = inbound.process(tenant, raw(m), "imap " + host, tally);
                }
                saveCursor(tenant, mailbox, validity, highest);
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
        if (tally.read() > 0) {
            log.info("Mailbox {} of {} read: {}", mailbox, tenant, tally);
        }
        return tally;
    }

    private static byte[] raw(Message m) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            m.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("reading a message failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The last UID read; 0 when never read or when the server renumbered the folder (new UIDVALIDITY). */
    private long cursor(TenantId tenant, String mailbox, long validity) {
        return jdbc.sql("select uid_validity, last_uid from outreach.mailbox_cursor where tenant_id = :t and mailbox = :m")
                .param("t", tenant.value()).param("m", mailbox)
                .query((rs, n) -> rs.getLong(1) == validity ? rs.getLong(2) : 0L).optional().orElse(0L);
    }

    private void saveCursor(TenantId tenant, String mailbox, long validity, long lastUid) {
        jdbc.sql("""
                insert into outreach.mailbox_cursor (tenant_id, mailbox, uid_validity, last_uid, polled_at)
                values (:t, :m, :v, :u, :now)
                on conflict (tenant_id, mailbox) do update set uid_validity = :v, last_uid = :u, polled_at = :now""")
                .param("t", tenant.value()).param("m", mailbox).param("v", validity).param("u", lastUid)
                .param("now", Timestamp.from(clock.instant())).update();
    }
}

package dev.ridgeline.outreach.provider.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import dev.ridgeline.outreach.EmailSuppressions;
import dev.ridgeline.outreach.bounce.BounceClassifier;
import dev.ridgeline.outreach.bounce.BounceReport;
import dev.ridgeline.platform.TenantId;

/**
 * Reads the sending mailbox over IMAP (the SMTP connection's IMAP host, same username and password) for what came
 * back: bounces and complaint reports are classified and recorded (hard ones suppressed), a mailto unsubscribe
 * ("unsubscribe-TOKEN" in the subject) suppresses its sender's address. Opened read-only, so nothing is marked
 * read; a cursor of IMAP UIDs per mailbox means each message is looked at once.
 */
@Component
public class ImapMailboxReader {

    private static final Logger log = LoggerFactory.getLogger(ImapMailboxReader.class);
    private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)unsubscribe-([A-Za-z0-9_-]{20,64})");
    /** At most this many messages a poll, oldest first: a backlog drains over several polls. */
    static final int BATCH = 500;

    /** What one poll found. */
    public record Poll(int read, int bounces, int complaints, int unsubscribes, int suppressed, int replies) {
    }

    private final ConnectionsService connections;
    private final EmailSuppressions suppressions;
    private final dev.ridgeline.outreach.EmailReplies replies;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final BounceClassifier classifier = new BounceClassifier();

    ImapMailboxReader(ConnectionsService connections, EmailSuppressions suppressions,
            dev.ridgeline.outreach.EmailReplies replies, JdbcClient jdbc, Clock clock) {
        this.replies = replies;
        this.connections = connections;
        this.suppressions = suppressions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The companies whose active email connection is SMTP with an IMAP host set. */
    public java.util.List<TenantId> tenantsToPoll() {
        return connections.tenantsUsing(ConnectionType.EMAIL, SmtpEmailProvider.ID).stream()
                .filter(t -> connections.activeAccount(t, ConnectionType.EMAIL).setting("imapHost").isPresent())
                .toList();
    }

    /** Reads what arrived since the last poll. Empty when the company's mailbox is not set up for reading. */
    public Optional<Poll> poll(TenantId tenant) throws MessagingException {
        ProviderAccount account = connections.activeAccount(tenant, ConnectionType.EMAIL);
        if (!SmtpEmailProvider.ID.equals(account.providerId()) || account.setting("imapHost").isEmpty()) {
            return Optional.empty();
        }
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
        int read = 0;
        int bounces = 0;
        int complaints = 0;
        int unsubscribes = 0;
        int suppressed = 0;
        int answered = 0;
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
                    if (uid <= last || read >= BATCH) {
                        continue;
                    }
                    read++;
                    highest = Math.max(highest, uid);
                    byte[] raw = raw(m);
                    String subject = Optional.ofNullable(m.getSubject()).orElse("");
                    Matcher unsubscribe = UNSUBSCRIBE.matcher(subject);
                    if (unsubscribe.find()) {
                        var link = suppressions.link(unsubscribe.group(1));
                        if (link.isPresent() && link.get().tenantId().equals(tenant)) {
                            suppressions.unsubscribe(unsubscribe.group(1), "mailto");
                            unsubscribes++;
                        }
                        continue;
                    }
                    BounceReport report = classifier.classify(raw);
                    if (report.kind() == BounceReport.Kind.BOUNCE || report.kind() == BounceReport.Kind.COMPLAINT) {
                        var outcome = suppressions.record(tenant, report, "imap " + host);
                        bounces += report.kind() == BounceReport.Kind.BOUNCE ? 1 : 0;
                        complaints += report.kind() == BounceReport.Kind.COMPLAINT ? 1 : 0;
                        suppressed += outcome.suppressed();
                    } else if (report.kind() == BounceReport.Kind.NOT_A_REPORT
                            && replies.receive(tenant, inbound(m, host)).isPresent()) {
                        // An auto-reply is neither a bounce nor a reply: it is left alone.
                        answered++;
                    }
                }
                saveCursor(tenant, mailbox, validity, highest);
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
        Poll poll = new Poll(read, bounces, complaints, unsubscribes, suppressed, answered);
        if (read > 0) {
            log.info("Mailbox of {} read: {}", tenant, poll);
        }
        return Optional.of(poll);
    }

    /** A person's message as the reply matcher needs it. */
    private dev.ridgeline.outreach.InboundEmail inbound(Message m, String host) throws MessagingException {
        String from = m.getFrom() == null || m.getFrom().length == 0 ? "" : m.getFrom()[0].toString();
        String[] inReplyTo = m.getHeader("In-Reply-To");
        String[] references = m.getHeader("References");
        String[] messageId = m.getHeader("Message-ID");
        java.util.Date received = m.getReceivedDate() != null ? m.getReceivedDate() : m.getSentDate();
        return new dev.ridgeline.outreach.InboundEmail(from, m.getSubject(), text(m),
                messageId == null ? null : messageId[0].strip(), inReplyTo == null ? null : inReplyTo[0].strip(),
                references == null ? java.util.List.of()
                        : java.util.Arrays.asList(String.join(" ", references).strip().split("\\s+")),
                received == null ? clock.instant() : received.toInstant(), "imap " + host);
    }

    /** The plain text of a message: its text/plain part, else its HTML without tags. */
    static String text(jakarta.mail.Part p) {
        try {
            if (p.isMimeType("text/plain")) {
                return String.valueOf(p.getContent());
            }
            if (p.isMimeType("multipart/*") && p.getContent() instanceof jakarta.mail.Multipart mp) {
                String html = null;
                for (int i = 0; i < mp.getCount(); i++) {
                    var part = mp.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        return String.valueOf(part.getContent());
                    }
                    if (html == null && (part.isMimeType("text/html") || part.isMimeType("multipart/*"))) {
                        html = text(part);
                    }
                }
                return html == null ? "" : html;
            }
            if (p.isMimeType("text/html")) {
                return dev.ridgeline.outreach.template.HtmlText.of(String.valueOf(p.getContent()));
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // Unreadable: an empty body, the headers still match the reply.
        }
        return "";
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

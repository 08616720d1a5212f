package dev.ridgeline.outreach;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import dev.ridgeline.outreach.bounce.BounceClassifier;
import dev.ridgeline.outreach.bounce.BounceReport;
import dev.ridgeline.outreach.template.HtmlText;
import dev.ridgeline.platform.TenantId;

/**
 * What every mailbox reader (IMAP, the Gmail history API, Microsoft Graph) does with a message that arrived in a
 * sending mailbox: a mailto unsubscribe ("unsubscribe-TOKEN" in the subject) suppresses its sender; a bounce or
 * complaint report is classified and recorded (hard bounces and complaints suppressed); anything else that answers
 * one of our messages is a reply. Auto-replies are neither and are left alone.
 */
@Service
public class InboundMail {

    private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)unsubscribe-([A-Za-z0-9_-]{20,64})");
    private static final Session SESSION = Session.getInstance(new Properties());

    /** What one message turned out to be. */
    public enum Outcome {
        UNSUBSCRIBE, BOUNCE, COMPLAINT, REPLY, OTHER
    }

    /** What a batch of messages turned out to be. */
    public record Tally(int read, int bounces, int complaints, int unsubscribes, int suppressed, int replies) {

        public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0);

        public Tally plus(Outcome outcome, int suppressedNow) {
            return new Tally(read + 1, bounces + (outcome == Outcome.BOUNCE ? 1 : 0),
                    complaints + (outcome == Outcome.COMPLAINT ? 1 : 0),
                    unsubscribes + (outcome == Outcome.UNSUBSCRIBE ? 1 : 0), suppressed + suppressedNow,
                    replies + (outcome == Outcome.REPLY ? 1 : 0));
        }
    }

    private final EmailSuppressions suppressions;
    private final EmailReplies replies;
    private final Clock clock;
    private final BounceClassifier classifier = new BounceClassifier();

    public InboundMail(EmailSuppressions suppressions, EmailReplies replies, Clock clock) {
        this.suppressions = suppressions;
        this.replies = replies;
        this.clock = clock;
    }

    /**
     * Acts on one raw RFC 5322 message found in {@code tenant}'s mailbox; {@code source} names the mailbox for the
     * records ("imap mail.example.com", "gmail pat@example.com").
     */
    public Tally process(TenantId tenant, byte[] raw, String source, Tally tally) {
        return process(tenant, raw, source, null, tally);
    }

    /** The same for a message read through a mailbox API, which names the conversation it arrived in. */
    public Tally process(TenantId tenant, byte[] raw, String source, InboundEmail.@Nullable VendorThread thread,
            Tally tally) {
        MimeMessage m;
        String subject;
        try {
            m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            subject = Optional.ofNullable(m.getSubject()).orElse("");
        } catch (MessagingException e) {
            return tally.plus(Outcome.OTHER, 0);
        }
        Matcher unsubscribe = UNSUBSCRIBE.matcher(subject);
        if (unsubscribe.find()) {
            var link = suppressions.link(unsubscribe.group(1));
            if (link.isPresent() && link.get().tenantId().equals(tenant)) {
                suppressions.unsubscribe(unsubscribe.group(1), "mailto");
                return tally.plus(Outcome.UNSUBSCRIBE, 1);
            }
            return tally.plus(Outcome.OTHER, 0);
        }
        BounceReport report = classifier.classify(raw);
        if (report.kind() == BounceReport.Kind.BOUNCE || report.kind() == BounceReport.Kind.COMPLAINT) {
            var outcome = suppressions.record(tenant, report, source);
            return tally.plus(report.kind() == BounceReport.Kind.BOUNCE ? Outcome.BOUNCE : Outcome.COMPLAINT,
                    outcome.suppressed());
        }
        if (report.kind() == BounceReport.Kind.NOT_A_REPORT
                && replies.receive(tenant, inbound(m, source, thread)).isPresent()) {
            return tally.plus(Outcome.REPLY, 0);
        }
        return tally.plus(Outcome.OTHER, 0);
    }

    /** A person's message as the reply matcher needs it. */
    private InboundEmail inbound(MimeMessage m, String source, InboundEmail.@Nullable VendorThread thread) {
        try {
            String from = m.getFrom() == null || m.getFrom().length == 0 ? "" : m.getFrom()[0].toString();
            java.util.Date sent = m.getSentDate();
            return new InboundEmail(from, m.getSubject(), text(m), first(m, "Message-ID"), first(m, "In-Reply-To"),
                    references(m), sent == null ? clock.instant() : Instant.ofEpochMilli(sent.getTime()), source, thread);
        } catch (MessagingException e) {
            return new InboundEmail("", null, "", null, null, List.of(), clock.instant(), source);
        }
    }

    private static @Nullable String first(MimeMessage m, String header) throws MessagingException {
        String[] values = m.getHeader(header);
        return values == null ? null : values[0].strip();
    }

    private static List<String> references(MimeMessage m) throws MessagingException {
        String[] values = m.getHeader("References");
        return values == null ? List.of() : Arrays.asList(String.join(" ", values).strip().split("\\s+"));
    }

    /** The plain text of a message: its text/plain part, else its HTML without tags. */
    public static String text(Part p) {
        try {
            if (p.isMimeType("text/plain")) {
                return String.valueOf(p.getContent());
            }
            if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
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
                return HtmlText.of(String.valueOf(p.getContent()));
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // Unreadable: an empty body, the headers still match the reply.
        }
        return "";
    }
}

package dev.ridgeline.outreach.bounce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads a returned message: a delivery status notification (RFC 3464) recipient by recipient; failing that, the
 * free-text notice many mail systems send (qmail, Exim without DSNs, old Sendmail, webmail providers), by the
 * addresses it names that are not the sender's; an auto-reply (RFC 3834 and the common vacation headers and
 * subjects); or a complaint report (ARF, RFC 5965). Thread-safe and pure: it reads bytes and answers a report.
 */
public final class BounceClassifier {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int MAX_DIAGNOSTIC = 300;

    static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._%+!#$&'*/=?^`{|}~-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![.\\d])");
    private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\d.#-])([45][0-5]\\d)(?=[ \\-]|$)",
            Pattern.MULTILINE);

    /** Where a quoted copy of the original message begins inside the notice's text. */
    private static final Pattern ORIGINAL_FOLLOWS = Pattern.compile("(?im)^[ \\t>]*(?:-{2,}[ \\t]*|={2,}[ \\t]*)?"
            + "(?:this is a copy of|below this line|original message(?! was received)|returned message|"
            + "original mail|message headers? follows?|undelivered message|headers of the|a copy of the|copy of "
            + "(?:the |your )?message|returned mail|unsent message|text of the original|"
            + "your message (?:reads|was|follows)|included is a copy|the message you sent|"
            + "original message follows)[^\\n]*$|^(?:received|return-path|dkim-signature|x-received|arc-seal|"
            + "message-id|x-original-to|delivered-to):[ \\t]");

    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)undeliver|undelivered|delivery (status "
            + "notification|failure|failed|has failed|problem|report|notification|error)|failure notice|failed "
            + "delivery|returned mail|mail delivery (failed|failure|system|subsystem)|non.?deliver|could not "
            + "(be )?deliver|unable to deliver|couldn't be delivered|not delivered|delivery incomplete|message not "
            + "delivered|mail system error|warning: could not send|delayed mail|delivery delayed|bounce|"
            + "unzustellbar|nicht zustellbar|non remis|no entregado|non recapitabile|error sending message|"
            + "rejected:|system administrator|mail failure|delivery notification|returned to sender");
    private static final Pattern BOUNCE_BODY = Pattern.compile("(?i)could not be delivered|couldn't be delivered|"
            + "wasn't able to deliver|was not delivered|unable to deliver|delivery (to the following|has failed|"
            + "failed)|permanent (error|fatal)|following address(?:es)? (failed|had)|could not deliver|"
            + "delivery to the following recipients? failed|the following recipients? (could not|cannot|failed)|"
            + "undeliverable|non-delivery|message (was|could not be) (rejected|returned)|returned to sender|"
            + "mail delivery failed|qmail-send program|transcript of session|fatal errors|user unknown|"
            + "rejected your message|rejected by|has been delayed|delivery attempts will continue|"
            + "message delivery has failed|your message (wasn't|was not|could not be) delivered|no such user|"
            + "requested action not taken|final-recipient:");
    private static final Pattern DAEMON = Pattern.compile("(?i)mailer-daemon|post_?master|mail delivery (system|"
            + "subsystem)|mail administrator|mail system|mailer daemon|mail-daemon|mdaemon|bounce");
    private static final Pattern VACATION_SUBJECT = Pattern.compile("(?i)^(auto(matic|matisch)?[ -]?(reply|response|"
            + "antwort|answer)|auto:|out of (the )?office|vacation|away from|abwesen|r[ée]ponse automatique|"
            + "respuesta autom|risposta automatica|on leave|i am away|i'm away|autoreply|auto-reply)");
    private static final Set<String> NOT_RECIPIENTS = Set.of("postmaster", "mailer-daemon", "mailer_daemon",
            "mail-daemon", "double-bounce");

    /** The reason for a failure a provider reported in words and a code (a webhook event rather than a mail). */
    public static BounceReason reasonFor(@Nullable String status, @Nullable String words) {
        return ReasonRules.reason(status, words);
    }

    /** The report for one message as raw bytes (an .eml file, an IMAP message). */
    public BounceReport classify(byte[] raw) {
        try {
            return read(raw);
        } catch (RuntimeException e) {
            // Whatever a stranger's mail holds, reading it answers a report and never throws.
            return new BounceReport(BounceReport.Kind.NOT_A_REPORT, List.of(new FailedRecipient(null, null, null,
                    BounceReason.UNDEFINED, false, "unreadable: " + e.getClass().getSimpleName())), null);
        }
    }

    private BounceReport read(byte[] raw) {
        Collected c = new Collected();
        MimeMessage message = null;
        try {
            message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            c.headers = headers(message);
            collect(message, c, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            // A message too broken for MIME is still read as text.
            c.text.setLength(0);
            c.text.append(new String(raw, StandardCharsets.ISO_8859_1));
            c.headers = c.headers == null ? headersOf(raw) : c.headers;
        }
        if (c.headers == null) {
            c.headers = headersOf(raw);
        }
        return new Reader(c).report();
    }

    // ---- collecting the parts ----

    static final class Collected {
        @Nullable Map<String, String> headers;
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final StringBuilder dsn = new StringBuilder();
        final StringBuilder arf = new StringBuilder();
        @Nullable Map<String, String> original;
        @Nullable String reportType;
    }

    private static void collect(Part p, Collected c, int depth) throws MessagingException, IOException {
        String type = contentType(p);
        if (depth == 0) {
            Matcher m = Pattern.compile("(?i)report-type=\"?([a-z-]+)").matcher(safeHeader(p, "Content-Type"));
            if (m.find()) {
                c.reportType = m.group(1).toLowerCase(Locale.ROOT);
            }
        }
        if (type.startsWith("multipart/") && depth < 8) {
            Object content;
            try {
                content = p.getContent();
            } catch (MessagingException | IOException | RuntimeException e) {
                c.text.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
                return;
            }
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart part = mp.getBodyPart(i);
                    collect(part, c, depth + 1);
                }
                return;
            }
        }
        switch (type) {
            case "message/delivery-status", "message/global-delivery-status" ->
                    c.dsn.append(bytes(p)).append("\n\n");
            case "message/feedback-report" -> c.arf.append(bytes(p)).append('\n');
            case "message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers",
                    "message/partial" -> {
                if (c.original == null) {
                    c.original = headersOf(bytes(p).getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            case "text/html" -> c.html.append(text(p)).append('\n');
            default -> {
                if (type.startsWith("text/") || depth == 0) {
                    c.text.append(text(p)).append('\n');
                }
            }
        }
    }

    private static String contentType(Part p) {
        try {
            String ct = p.getContentType();
            if (ct == null) {
                return "text/plain";
            }
            int semi = ct.indexOf(';');
            return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "text/plain";
        }
    }

    private static String safeHeader(Part p, String name) {
        try {
            String[] v = p.getHeader(name);
            return v == null ? "" : String.join(" ", v);
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String bytes(Part p) throws MessagingException, IOException {
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException | MessagingException | RuntimeException e) {
            // An unknown transfer encoding: the undecoded bytes are still readable.
            if (p instanceof jakarta.mail.internet.MimePart mp) {
                try (InputStream in = mp instanceof MimeMessage mm ? mm.getRawInputStream()
                        : ((jakarta.mail.internet.MimeBodyPart) mp).getRawInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
            }
            throw e;
        }
    }

    private static String text(Part p) throws MessagingException, IOException {
        try {
            Object content = p.getContent();
            if (content instanceof String s) {
                return contentType(p).equals("text/html") ? stripTags(s) : s;
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            // An unknown charset or encoding: fall back to the bytes.
        }
        String s = bytes(p);
        return contentType(p).equals("text/html") ? stripTags(s) : s;
    }

    static String stripTags(String html) {
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>|</li>", "\n")
                .replaceAll("<[^>]+>", " ").replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static Map<String, String> headers(MimeMessage m) throws MessagingException {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e = m.getAllHeaders(); e.hasMoreElements();) {
            var h = e.nextElement();
            out.merge(h.getName().toLowerCase(Locale.ROOT), decode(h.getValue()), (a, b) -> a + ", " + b);
        }
        return out;
    }

    /** The header block at the start of {@code raw}, names in lower case (repeated ones joined). */
    static Map<String, String> headersOf(byte[] raw) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            InternetHeaders h = new InternetHeaders(new ByteArrayInputStream(raw));
            for (var e = h.getAllHeaders(); e.hasMoreElements();) {
                var header = e.nextElement();
                out.merge(header.getName().toLowerCase(Locale.ROOT), decode(header.getValue()), (a, b) -> a + ", " + b);
            }
        } catch (MessagingException | RuntimeException e) {
            // No readable headers.
        }
        return out;
    }

    private static String decode(@Nullable String value) {
        if (value == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (IOException | RuntimeException e) {
            return value;
        }
    }

    // ---- reading what was collected ----

    /** One recipient block of a delivery-status part. */
    record DsnRecipient(String recipient, @Nullable String action, @Nullable String status,
            @Nullable String diagnostic) {
    }

    private static final class Reader {

        private final Collected c;
        private final Map<String, String> h;
        private final String human;
        private final @Nullable Map<String, String> original;
        private final Set<String> senders = new LinkedHashSet<>();

        Reader(Collected c) {
            this.c = c;
            this.h = c.headers == null ? Map.of() : c.headers;
            String all = unquote(c.text.isEmpty() ? c.html.toString() : c.text.toString());
            if (c.dsn.isEmpty() && all.toLowerCase(Locale.ROOT).contains("final-recipient:")) {
                // A report whose MIME structure is broken, or that was forwarded: its status fields are in the text.
                int at = all.toLowerCase(Locale.ROOT).indexOf("reporting-mta:");
                c.dsn.append(all.substring(Math.max(0, at < 0 ? all.toLowerCase(Locale.ROOT).indexOf("final-recipient:")
                        : at)));
            }
            Matcher cut = ORIGINAL_FOLLOWS.matcher(all);
            Map<String, String> quoted = c.original;
            if (cut.find()) {
                if (quoted == null) {
                    String rest = all.substring(cut.start());
                    int nl = rest.indexOf('\n');
                    String headerBlock = cut.group().contains(":") && !cut.group().startsWith("-") ? rest
                            : rest.substring(nl < 0 ? rest.length() : nl + 1).stripLeading();
                    quoted = headersOf(headerBlock.getBytes(StandardCharsets.ISO_8859_1));
                }
                all = all.substring(0, cut.start());
            }
            this.human = all;
            this.original = quoted;
            for (String name : List.of("to", "return-path", "delivered-to", "x-original-to", "envelope-to")) {
                addresses(h.get(name)).forEach(senders::add);
            }
            if (original != null) {
                for (String name : List.of("from", "sender", "return-path", "reply-to")) {
                    addresses(original.get(name)).forEach(senders::add);
                }
            }
        }

        BounceReport report() {
            String messageId = original == null ? null : blankToNull(original.get("message-id"));
            if (!c.arf.isEmpty() || "feedback-report".equals(c.reportType)) {
                return complaint(messageId);
            }
            if (!c.dsn.isEmpty()) {
                List<DsnRecipient> blocks = dsn(c.dsn.toString());
                if (!blocks.isEmpty()) {
                    return fromDsn(blocks, messageId);
                }
            }
            if (isBounce()) {
                List<FailedRecipient> found = fromText();
                return new BounceReport(BounceReport.Kind.BOUNCE, found, messageId);
            }
            if (isAutoReply()) {
                return new BounceReport(BounceReport.Kind.AUTO_REPLY, List.of(new FailedRecipient(null, null, null,
                        BounceReason.VACATION, false, shorten(h.get("subject")))), messageId);
            }
            return new BounceReport(BounceReport.Kind.NOT_A_REPORT, List.of(new FailedRecipient(null, null, null,
                    BounceReason.UNDEFINED, false, null)), messageId);
        }

        private BounceReport complaint(@Nullable String messageId) {
            Map<String, String> fields = fields(c.arf.toString());
            List<String> who = new ArrayList<>(addresses(fields.get("original-rcpt-to")));
            if (who.isEmpty()) {
                who.addAll(addresses(fields.get("removal-recipient")));
            }
            if (who.isEmpty() && original != null) {
                who.addAll(addresses(original.get("to")));
            }
            String kind = fields.getOrDefault("feedback-type", "abuse");
            List<FailedRecipient> out = new ArrayList<>();
            for (String r : who.isEmpty() ? java.util.Collections.<String>singletonList(null) : who) {
                out.add(new FailedRecipient(r, null, null, BounceReason.COMPLAINT, false, "feedback-type: " + kind));
            }
            return new BounceReport(BounceReport.Kind.COMPLAINT, out, messageId);
        }

        private BounceReport fromDsn(List<DsnRecipient> blocks, @Nullable String messageId) {
            List<FailedRecipient> failed = new ArrayList<>();
            List<FailedRecipient> delivered = new ArrayList<>();
            for (DsnRecipient b : blocks) {
                String action = b.action() == null ? "" : b.action().toLowerCase(Locale.ROOT);
                boolean success = action.startsWith("deliver") || action.startsWith("relay")
                        || action.startsWith("expand") || (b.status() != null && b.status().startsWith("2"));
                if (success) {
                    delivered.add(new FailedRecipient(b.recipient(), b.status(), null, BounceReason.DELIVERED, false,
                            shorten(b.diagnostic())));
                    continue;
                }
                String words = b.diagnostic();
                if (words == null || words.isBlank()) {
                    words = paragraphAbout(b.recipient());
                }
                String status = b.status();
                String fromWords = words == null ? null : firstStatus(words);
                // The receiving server's own code is more precise than the one the reporting server filled in.
                if (status == null || (fromWords != null && fromWords.charAt(0) == status.charAt(0)
                        && !fromWords.endsWith(".0.0"))) {
                    status = fromWords == null ? status : fromWords;
                }
                failed.add(recipient(b.recipient(), status, words, action.startsWith("delay")));
            }
            if (!failed.isEmpty()) {
                return new BounceReport(BounceReport.Kind.BOUNCE, failed, messageId);
            }
            return new BounceReport(BounceReport.Kind.DELIVERED, delivered, messageId);
        }

        private FailedRecipient recipient(@Nullable String address, @Nullable String status, @Nullable String words,
                boolean delayed) {
            String code = words == null ? null : firstMatch(REPLY_CODE, words);
            if (status == null) {
                if (code != null) {
                    status = code.charAt(0) + ".0.0";
                } else if (delayed) {
                    status = "4.0.0";
                }
            }
            BounceReason reason = ReasonRules.reason(status, words,
                    words != null && human.contains(words) && words.length() * 2 > human.length() ? null : human);
            if (status == null) {
                status = permanent() ? "5.0.0" : null;
            }
            boolean transientFailure = delayed || (status != null && status.startsWith("4"));
            return new FailedRecipient(address, status, code, reason, reason.hard() && !transientFailure,
                    shorten(words));
        }

        /** The notice says it gave up for good, or a mail system reporting a failure without a code. */
        private boolean permanent() {
            return !Pattern.compile("(?i)will (be )?retr|delayed|temporar|will continue|still trying|warning")
                    .matcher(human + " " + h.getOrDefault("subject", "")).find();
        }

        private boolean isBounce() {
            String subject = h.getOrDefault("subject", "");
            String from = h.getOrDefault("from", "");
            if (h.containsKey("x-failed-recipients")) {
                return true;
            }
            boolean daemon = DAEMON.matcher(from).find() || h.getOrDefault("return-path", "x").matches("\\s*<>\\s*");
            boolean subjectSays = BOUNCE_SUBJECT.matcher(subject).find();
            boolean bodySays = BOUNCE_BODY.matcher(human).find();
            return (daemon && (subjectSays || bodySays)) || (subjectSays && bodySays)
                    || (daemon && original != null);
        }

        private boolean isAutoReply() {
            String auto = h.getOrDefault("auto-submitted", "").toLowerCase(Locale.ROOT);
            if (auto.startsWith("auto-replied") || auto.startsWith("auto-generated")) {
                return true;
            }
            if (h.containsKey("x-autoreply") || h.containsKey("x-autorespond") || h.containsKey("x-autoresponse")
                    || h.containsKey("x-vacation") || h.containsKey("x-ms-exchange-inbox-rules-loop")) {
                return true;
            }
            String precedence = h.getOrDefault("precedence", "").toLowerCase(Locale.ROOT);
            return precedence.contains("auto_reply") || precedence.contains("auto-reply")
                    || VACATION_SUBJECT.matcher(h.getOrDefault("subject", "").strip()).find();
        }

        /** Failed recipients named in a free-text notice, each with the words around it. */
        private List<FailedRecipient> fromText() {
            List<String> who = new ArrayList<>();
            for (String a : addresses(h.get("x-failed-recipients"))) {
                if (!who.contains(a)) {
                    who.add(a);
                }
            }
            if (who.isEmpty()) {
                who.addAll(namedIn(human));
            }
            if (who.isEmpty() && original != null) {
                who.addAll(addresses(original.get("to")).stream().limit(1).toList());
            }
            List<FailedRecipient> out = new ArrayList<>();
            if (who.isEmpty()) {
                out.add(recipient(null, firstStatus(human), human, false));
                return out;
            }
            for (String r : who) {
                String words = who.size() == 1 ? fromFirstMention(r) : paragraphAbout(r);
                if (words == null || words.isBlank()) {
                    words = human;
                }
                out.add(recipient(r, firstStatus(words), words, false));
            }
            return out;
        }

        /** Addresses in the notice's own text, in order, leaving out the sender's and the mail system's. */
        private List<String> namedIn(String text) {
            List<String> out = new ArrayList<>();
            for (String line : text.split("\\R")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.matches("\\s*(from|sender|reply-to|return-path|envelope-from|mail from|message-id|"
                        + "in-reply-to|references|date|subject|x-[a-z0-9-]+)\\s*:.*")) {
                    continue;
                }
                Matcher m = ADDRESS.matcher(line);
                while (m.find()) {
                    String a = m.group().toLowerCase(Locale.ROOT);
                    String before = lower.substring(0, m.start());
                    if (before.endsWith("mail from:<") || before.endsWith("mail from: <") || before.endsWith("from:<")
                            || before.matches(".*\\b(sender|envelope-from|from)\\W{0,3}$")) {
                        continue;
                    }
                    if (!senders.contains(a) && !NOT_RECIPIENTS.contains(a.substring(0, a.indexOf('@')))
                            && !out.contains(a) && !a.matches(".*\\.(png|gif|jpg|jpeg|html?)$")) {
                        out.add(a);
                    }
                }
            }
            return out;
        }

        /** The notice's text from where {@code address} is first named, for a notice about one recipient. */
        private @Nullable String fromFirstMention(String address) {
            int at = human.toLowerCase(Locale.ROOT).indexOf(address);
            if (at < 0) {
                return null;
            }
            int lineStart = human.lastIndexOf('\n', at) + 1;
            String rest = human.substring(lineStart);
            String[] lines = rest.split("\\R");
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < lines.length && i < 12; i++) {
                out.append(lines[i].strip()).append(' ');
            }
            return out.toString().strip();
        }

        /** The lines about {@code address} in the notice: from where it is named up to the next blank line. */
        private @Nullable String paragraphAbout(String address) {
            String lower = human.toLowerCase(Locale.ROOT);
            int at = lower.indexOf(address.toLowerCase(Locale.ROOT));
            if (at < 0) {
                return null;
            }
            int lineStart = human.lastIndexOf('\n', at) + 1;
            String[] lines = human.substring(lineStart).split("\\R");
            StringBuilder out = new StringBuilder(lines[0].strip());
            for (int i = 1; i < lines.length && i < 8; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || (ADDRESS.matcher(line).find() && !line.toLowerCase(Locale.ROOT).contains(address)
                        && namedIn(line).size() > 0)) {
                    break;
                }
                out.append(' ').append(line);
            }
            return out.toString();
        }
    }

    /** A forwarded notice quoted with "> " read as the notice itself. */
    static String unquote(String text) {
        String[] lines = text.split("\\R", -1);
        int quoted = 0;
        int nonEmpty = 0;
        for (String l : lines) {
            if (!l.isBlank()) {
                nonEmpty++;
                quoted += l.startsWith(">") ? 1 : 0;
            }
        }
        if (nonEmpty == 0 || quoted * 3 < nonEmpty) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String l : lines) {
            out.append(l.startsWith("> ") ? l.substring(2) : l.startsWith(">") ? l.substring(1) : l).append('\n');
        }
        return out.toString();
    }

    /** The recipient blocks of a delivery-status body (field names in lower case, folded lines joined). */
    static List<DsnRecipient> dsn(String body) {
        List<DsnRecipient> out = new ArrayList<>();
        for (String block : body.replace("\r", "").split("\\n[ \\t]*\\n")) {
            Map<String, String> f = fields(block);
            String who = first(f, "final-recipient", "original-recipient", "x-actual-recipient");
            if (who == null) {
                continue;
            }
            List<String> found = addresses(who.contains(";") ? who.substring(who.indexOf(';') + 1) : who);
            if (found.isEmpty()) {
                continue;
            }
            String status = f.get("status");
            if (status != null) {
                Matcher m = STATUS.matcher(status);
                status = m.find() ? m.group(1) : null;
            }
            String diagnostic = f.get("diagnostic-code");
            if (diagnostic != null && diagnostic.contains(";")
                    && diagnostic.substring(0, diagnostic.indexOf(';')).matches("\\s*[A-Za-z-]+\\s*")) {
                diagnostic = diagnostic.substring(diagnostic.indexOf(';') + 1).strip();
            }
            out.add(new DsnRecipient(found.getFirst(), f.get("action"), status, blankToNull(diagnostic)));
        }
        return out;
    }

    private static @Nullable String first(Map<String, String> f, String... names) {
        for (String n : names) {
            String v = f.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** "Name: value" lines, continuation lines joined; names in lower case, first occurrence kept. */
    static Map<String, String> fields(String block) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        for (String line : block.replace("\r", "").split("\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                out.put(name, out.get(name) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).matches("[A-Za-z0-9-]+")) {
                name = line.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                if (out.containsKey(name)) {
                    name = null;
                } else {
                    out.put(name, value);
                }
            } else {
                name = null;
            }
        }
        return out;
    }

    static List<String> addresses(@Nullable String text) {
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            String a = m.group().toLowerCase(Locale.ROOT);
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    static @Nullable String firstStatus(String text) {
        return firstMatch(STATUS, text);
    }

    private static @Nullable String firstMatch(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static @Nullable String shorten(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String s = text.replaceAll("\\s+", " ").strip();
        return s.isEmpty() ? null : s.length() <= MAX_DIAGNOSTIC ? s : s.substring(0, MAX_DIAGNOSTIC - 1) + "…";
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

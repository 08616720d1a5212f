package dev.ridgeline.outreach.bounce;

import java.util.Locale;

/**
 * Why a message was not delivered. Only the reasons that say the address itself is gone are hard: the address is
 * suppressed at once. Every other reason is the sender's, the message's or the moment's problem: retried later, and
 * given up on after repeated failures.
 */
public enum BounceReason {
    /** The mailbox does not exist. */
    USER_UNKNOWN(true, "no such mailbox"),
    /** The domain does not exist or has no mail server. */
    HOST_UNKNOWN(true, "no such domain"),
    /** The domain accepts no mail at all (a null MX, RFC 7505). */
    NOT_ACCEPT(true, "the domain accepts no mail"),
    /** The person moved to another address. */
    HAS_MOVED(true, "the address has moved"),
    MAILBOX_FULL(false, "mailbox full"),
    /** The mailbox exists but is disabled or suspended; it may come back. */
    SUSPEND(false, "mailbox disabled or suspended"),
    MESSAGE_TOO_BIG(false, "message too large"),
    EXCEED_LIMIT(false, "over a size or recipient limit"),
    /** Gave up after retrying for days. */
    EXPIRED(false, "delivery time expired"),
    /** The sending server or its IP address is blocked (a block list, a firewall). */
    BLOCKED(false, "sending server blocked"),
    BAD_REPUTATION(false, "sender reputation too low"),
    SPAM_DETECTED(false, "rejected as spam"),
    VIRUS_DETECTED(false, "virus found"),
    /** SPF, DKIM or DMARC did not pass. */
    AUTH_FAILURE(false, "sender authentication (SPF, DKIM, DMARC) failed"),
    SECURITY_ERROR(false, "security requirement not met (TLS, authentication)"),
    REQUIRE_PTR(false, "sending server has no reverse DNS"),
    NO_RELAYING(false, "relaying denied"),
    POLICY_VIOLATION(false, "refused by the receiver's policy"),
    /** The sender address was refused. */
    REJECTED(false, "sender address refused"),
    /** The recipient's filter refused it. */
    FILTERED(false, "refused by the recipient's filter"),
    CONTENT_ERROR(false, "message content refused"),
    SYNTAX_ERROR(false, "SMTP syntax error"),
    TOO_MANY_CONNECTIONS(false, "too many connections"),
    SPEEDING(false, "sending too fast"),
    NETWORK_ERROR(false, "network or routing error"),
    MAILER_ERROR(false, "the receiving mailer failed"),
    SYSTEM_ERROR(false, "the receiving system failed"),
    SYSTEM_FULL(false, "the receiving system is full"),
    ON_HOLD(false, "held for a decision"),
    /** An auto-reply (vacation, out of office): neither a bounce nor a reply. */
    VACATION(false, "auto-reply"),
    /** A complaint (the person marked it as spam): the address is suppressed, though it works. */
    COMPLAINT(false, "spam complaint"),
    /** A delivery status notification that reports success. */
    DELIVERED(false, "delivered"),
    UNDEFINED(false, "undetermined");

    private final boolean hard;
    private final String words;

    BounceReason(boolean hard, String words) {
        this.hard = hard;
        this.words = words;
    }

    /** The address itself is permanently bad. */
    public boolean hard() {
        return hard;
    }

    public String words() {
        return words;
    }

    /** The name in reports and the command line's JSON, lower case without separators: "userunknown". */
    public String code() {
        return switch (this) {
            case MESSAGE_TOO_BIG -> "mesgtoobig";
            case TOO_MANY_CONNECTIONS -> "toomanyconn";
            default -> name().replace("_", "").toLowerCase(Locale.ROOT);
        };
    }
}

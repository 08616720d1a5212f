package dev.ridgeline.outreach.bounce;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a reason from what a receiving system said and the status code it gave. The words are those mail systems
 * use (Postfix, Exim, Sendmail, qmail, Exchange, Gmail, Yahoo and others phrase the same failures in a few stock
 * ways); the codes are RFC 3463's. A precise address code (x.1.1 and its kin) decides alone; otherwise the words
 * decide, the most specific first; otherwise the code's class.
 */
final class ReasonRules {

    private record Rule(BounceReason reason, Pattern words) {
    }

    private static Rule rule(BounceReason reason, String... phrases) {
        return new Rule(reason, Pattern.compile(String.join("|", phrases)));
    }

    /** In order: the first that matches wins, so narrow phrases come before the broad words they contain. */
    private static final List<Rule> RULES = List.of(
            rule(BounceReason.NOT_ACCEPT, "does not accept (e-?)?mail", "null mx", "accepts no mail", "not accept any mail",
                    "indicated no smtp service"),
            rule(BounceReason.NETWORK_ERROR, "name service error.*(try again|malformed|unexpected|timed? ?out|servfail)",
                    "host not found, try again", "temporary (dns|name (server|service)) (error|failure)"),
            rule(BounceReason.HAS_MOVED, "has moved", "address has changed", "no longer (at|with) this", "moved to a new"),
            rule(BounceReason.AUTH_FAILURE, "\\bspf\\b", "\\bdmarc\\b", "sender policy framework",
                    "authentication (check|results?) fail", "not pass(ed)? (the )?(spf|dkim|dmarc|authentication)"),
            rule(BounceReason.REQUIRE_PTR, "reverse dns", "reverse lookup", "reverse (host ?name|mapping)", "\\bptr\\b",
                    "\\brdns\\b", "no reverse", "ip name lookup failed", "name lookup failed", "cannot find your hostname", "hostname (does not|doesn't) resolve",
                    "cannot resolve (your|the) (address|ip|host)", "unresolvable (ip|address|host)"),
            rule(BounceReason.VIRUS_DETECTED, "virus", "malware", "infected", "trojan"),
            rule(BounceReason.BAD_REPUTATION, "reputation", "user complaints", "unexpected volume"),
            rule(BounceReason.MAILBOX_FULL, "mailbox (is )?full", "mail ?box (is )?full", "quota", "over ?quota",
                    "storage (space|limit|quota|full)", "insufficient (storage|disk|system storage)",
                    "exceeded (the )?(storage|mailbox)", "mailbox size limit", "too much mail", "full mailbox",
                    "mailbox has exceeded", "mailbox (size )?exceed", "disk full", "user is over", "out of (disk )?space", "(is|was) full"),
            rule(BounceReason.MESSAGE_TOO_BIG, "too (large|big)", "message size", "size (limit|exceeds)",
                    "exceeds (the )?(maximum|max|allowed) (message )?size", "larger than", "message length exceeds",
                    "message is too long"),
            rule(BounceReason.SUSPEND, "suspended", "disabled", "deactivated", "inactive", "account (has )?expired",
                    "not active", "account (is )?locked", "closed account", "account (has been )?closed",
                    "mailbox (is )?unavailable due to inactivity", "temporarily (blocked|locked)", "frozen"),
            rule(BounceReason.HOST_UNKNOWN, "host (is )?unknown", "unknown host", "domain (is )?not found",
                    "host (or domain name )?not found", "domain (name )?(does not|doesn't) exist", "no such domain",
                    "unknown domain", "unrouteable mail domain", "name or service not known", "name service error",
                    "domain name not found", "no (valid )?mx", "mx (lookup|record)", "dns (error|lookup fail)",
                    "no route to domain", "invalid domain", "domain (is )?invalid", "nxdomain", "couldn't find any host", "mail exchanger", "unrouteable address"),
            rule(BounceReason.USER_UNKNOWN, "recipient address rejected: access denied", "user(name)? (is )?unknown", "unknown (user|recipient|local[- ]part|mailbox|"
                    + "address|account|alias)", "no such (user|mailbox|recipient|account|person|address|local user)",
                    "(recipient|user|mailbox|address|account|addressee) (is )?(not found|unknown|does not exist|"
                    + "doesn't exist|not exist|invalid|unavailable|not listed|not valid|nonexistent)",
                    "invalid (recipient|mailbox|user|address|account)", "does not exist", "doesn't exist",
                    "not a valid (mailbox|user|recipient|address)", "(mailbox|user|recipient|address) not available",
                    "recipnotfound", "not our customer", "no mailbox (here|by that name)", "is not a known user",
                    "bad destination mailbox", "undeliverable address", "(wasn't|was not|not) found at",
                    "no longer (valid|in use|available|exists?)", "not have an account", "isn't a valid",
                    "user not local", "unknown or illegal alias", "no account", "not a known", "invalid address",
                    "mailbox unavailable", "not listed in", "(does not|doesn't) have an? [\\w.-]+ account"),
            rule(BounceReason.NO_RELAYING, "relay(ing)? (access )?(denied|not permitted|not allowed|prohibited)",
                    "not permitted to relay", "unable to relay", "we do not relay", "relay not", "cannot relay",
                    "no relaying", "relaying"),
            rule(BounceReason.REJECTED, "sender (address )?(rejected|refused|denied|blocked|unknown|verify failed|"
                    + "verification)", "(invalid|bad|unknown|unverified) sender", "domain of sender",
                    "sender domain", "mail from (address )?(rejected|refused)", "return path", "envelope sender",
                    "from address", "sender is not", "not accepting mail from", "rejected from"),
            rule(BounceReason.SPAM_DETECTED, "spam", "\\bube\\b", "\\buce\\b", "junk mail", "unsolicited", "bulk (e-?)?mail", "spam score",
                    "content (was )?(rejected|identified|detected) as", "message (looks|classified|considered)",
                    "high probability"),
            rule(BounceReason.BLOCKED, "block ?list", "black ?list", "spamhaus", "\\brbl\\b", "dnsbl", "\\bsbl\\b",
                    "listed (at|in|on|by)", "(ip|address|host|server|client) (address )?(is )?(blocked|banned|"
                    + "rejected|refused|denied)", "client host rejected", "blocked", "access denied", "banned",
                    "connection (rejected|refused) (by|from|due)", "your ip", "please use the smtp server of your isp",
                    "not allowed to send", "dynamic ip", "residential"),
            rule(BounceReason.SECURITY_ERROR, "unauthenticated", "starttls", "\\btls\\b", "encryption (is )?required",
                    "authentication (is )?required", "must (be )?authenticat", "not authorized", "unauthori[sz]ed",
                    "auth(entication)? (failed|error)", "security", "certificate"),
            rule(BounceReason.TOO_MANY_CONNECTIONS, "too many (concurrent )?(connections|sessions|smtp sessions)",
                    "connection limit", "connections? (rate )?limit"),
            rule(BounceReason.SPEEDING, "rate limit", "too many (messages|emails|mails|recipients)", "rate exceeded",
                    "throttl", "sending rate", "slow down", "try again later", "exceeded the rate"),
            rule(BounceReason.EXCEED_LIMIT, "exceeds (the )?(recipient|limit)", "limit exceeded"),
            rule(BounceReason.EXPIRED, "expired", "retry time", "retry timeout", "timeout exceeded", "giving up",
                    "failing for a long time", "will be retried", "failed \\d+ attempts", "for the last \\d+ (seconds|"
                    + "minutes|hours|days)",
                    "could not be delivered (within|for|in)", "gave up", "given up", "too long in (the )?queue",
                    "time limit", "maximum time", "delivery time", "undeliverable for", "have not been able to deliver",
                    "still could not be delivered", "delivery (attempts|was) (will continue|delayed)"),
            rule(BounceReason.POLICY_VIOLATION, "policy", "prohibited", "violat", "not allowed", "not permitted",
                    "administrative prohibition", "terms of service"),
            rule(BounceReason.FILTERED, "filter", "refused by (the )?recipient", "rejected by (the )?recipient",
                    "recipient (has )?(refused|rejected|denied|blocked)", "does not want", "not accepting (mail|messages)",
                    "restricted", "only accept", "permission to post", "not allowed to post", "group"),
            rule(BounceReason.CONTENT_ERROR, "content", "header", "mime", "encoding", "line too long", "8-?bit",
                    "invalid (message|character)", "malformed", "attachment"),
            rule(BounceReason.SYNTAX_ERROR, "syntax", "command unrecognized", "bad command", "unrecognized command",
                    "invalid command", "bad sequence"),
            rule(BounceReason.MAILER_ERROR, "mailer error", "command died", "exit code", "procmail", "pipe to",
                    "unknown mailer", "mail(er)? program", "local delivery failed", "x-unix", "returned (a )?non-?zero"),
            rule(BounceReason.NETWORK_ERROR, "network", "connection (refused|timed out|reset|closed|lost|dropped)",
                    "lost connection", "(could|can)n?o?t connect", "unable to connect", "host unreachable",
                    "no route to host", "timed out", "time-?out", "loop", "hop count", "too many hops",
                    "able to (establish|reach)", "no answer", "unreachable"),
            rule(BounceReason.SYSTEM_FULL, "system (is )?full", "disk (space|full)", "insufficient system"),
            rule(BounceReason.SYSTEM_ERROR, "system error", "local error", "internal (server )?error", "server error",
                    "temporary (failure|error|problem)", "temporarily", "resources", "out of memory",
                    "service (is )?(not )?(unavailable|available)", "try again", "i/o error", "configuration error"),
            rule(BounceReason.ON_HOLD, "on hold", "held for"));

    /**
     * Words that name the sender's problem so plainly that they win over any code: some receivers send x.1.1 with
     * "you are on our block list" or "too many recipients this hour".
     */
    private static final List<Rule> SENDER_SIDE = List.of(
            rule(BounceReason.BLOCKED, "spamhaus", "spamcop", "barracuda ?central", "block ?list", "black ?list",
                    "\\brbl\\b", "dnsbl", "my name was rejected", "(helo|ehlo) (command )?(rejected|refused)",
                    "(invalid|bad) (helo|ehlo)"),
            rule(BounceReason.SPEEDING, "too many (messages|recipients|emails|mails) (this|per|in the last) ",
                    "receiving mail at a rate",
                    "rate limit(ed)?\\b", "throttl"),
            rule(BounceReason.AUTH_FAILURE, "\\b(spf|dkim|dmarc)\\b[^.]{0,40}(fail|not pass|invalid|reject|policy|"
                    + "alignment|align)", "(fail|not pass|did not pass)[^.]{0,40}\\b(spf|dkim|dmarc)\\b",
                    "authentication checks? fail"),
            rule(BounceReason.BLOCKED, "client host rejected", "client host .{0,60} rejected"));

    /** The receiver refused at MAIL FROM: whatever it said is about the sender, not the mailbox. */
    private static final Pattern AT_MAIL_FROM = Pattern.compile("(after|in reply to|at) mail from|\\[?mail_from\\]?");
    /** The receiver refused after DATA: it had accepted the recipient, so the mailbox exists and a filter refused. */
    private static final Pattern AT_DATA = Pattern.compile("(after|in reply to) (the )?(end of )?data\\b|smtp command "
            + "data|\\[data\\]|end of data command");

    private ReasonRules() {
    }

    /** The reason for a recipient, from its diagnostic words and its status code (either may be missing). */
    static BounceReason reason(@Nullable String status, @Nullable String words) {
        return reason(status, words, null);
    }

    /**
     * The same, reading {@code context} (the rest of the notice) when the recipient's own words and a precise code
     * say nothing, before falling back on the code's class.
     */
    static BounceReason reason(@Nullable String status, @Nullable String words, @Nullable String context) {
        String text = words == null ? "" : words.toLowerCase(Locale.ROOT);
        BounceReason found = first(SENDER_SIDE, text);
        if (found != null) {
            return found;
        }
        boolean atMailFrom = AT_MAIL_FROM.matcher(text).find();
        boolean atData = AT_DATA.matcher(text).find();
        found = addressCode(status);
        if (found == null) {
            found = first(RULES, text);
        }
        if (found == null && context != null) {
            found = first(RULES, context.toLowerCase(Locale.ROOT));
        }
        if (found == null) {
            found = byStatus(status);
        }
        if (atMailFrom && (found.hard() || found == BounceReason.UNDEFINED)) {
            return BounceReason.REJECTED;
        }
        if (atData && found.hard()) {
            return BounceReason.FILTERED;
        }
        return found;
    }

    private static @Nullable BounceReason first(List<Rule> rules, String text) {
        if (text.isBlank()) {
            return null;
        }
        for (Rule r : rules) {
            if (r.words().matcher(text).find()) {
                return r.reason();
            }
        }
        return null;
    }

    /** RFC 3463 address codes precise enough to decide alone. */
    private static @Nullable BounceReason addressCode(@Nullable String status) {
        if (status == null) {
            return null;
        }
        return switch (status.substring(1)) {
            case ".1.1", ".1.3" -> BounceReason.USER_UNKNOWN;
            case ".1.2" -> BounceReason.HOST_UNKNOWN;
            case ".1.6" -> BounceReason.HAS_MOVED;
            case ".1.7", ".1.8" -> BounceReason.REJECTED;
            case ".4.7" -> BounceReason.EXPIRED;
            case ".2.2" -> BounceReason.MAILBOX_FULL;
            case ".7.26", ".7.23" -> BounceReason.AUTH_FAILURE;
            case ".7.25" -> BounceReason.REQUIRE_PTR;
            default -> null;
        };
    }

    /** The reason a bare code gives when the words said nothing recognisable. */
    static BounceReason byStatus(@Nullable String status) {
        if (status == null) {
            return BounceReason.UNDEFINED;
        }
        String rest = status.substring(1);
        if (rest.startsWith(".1.")) {
            BounceReason precise = addressCode(status);
            if (precise != null) {
                return precise;
            }
            // x.1.10 is a null MX (RFC 7505); Exchange Online also sends it for a recipient it does not know.
            return rest.equals(".1.10") ? BounceReason.NOT_ACCEPT : BounceReason.UNDEFINED;
        }
        if (rest.startsWith(".2.")) {
            return switch (rest) {
                case ".2.1" -> BounceReason.SUSPEND;
                case ".2.3" -> BounceReason.EXCEED_LIMIT;
                default -> BounceReason.MAILBOX_FULL;
            };
        }
        if (rest.startsWith(".3.")) {
            return switch (rest) {
                case ".3.1" -> BounceReason.SYSTEM_FULL;
                case ".3.4" -> BounceReason.MESSAGE_TOO_BIG;
                default -> BounceReason.SYSTEM_ERROR;
            };
        }
        if (rest.startsWith(".4.")) {
            return switch (rest) {
                case ".4.7" -> BounceReason.EXPIRED;
                // "Unable to route": no mail exchanger or address for the domain.
                case ".4.4" -> BounceReason.HOST_UNKNOWN;
                default -> BounceReason.NETWORK_ERROR;
            };
        }
        if (rest.startsWith(".5.")) {
            return BounceReason.SYNTAX_ERROR;
        }
        if (rest.startsWith(".6.")) {
            return BounceReason.CONTENT_ERROR;
        }
        if (rest.startsWith(".7.")) {
            return switch (rest) {
                case ".7.1" -> BounceReason.BLOCKED;
                case ".7.13" -> BounceReason.SUSPEND;
                case ".7.9", ".7.8", ".7.11", ".7.0" -> BounceReason.SECURITY_ERROR;
                default -> BounceReason.POLICY_VIOLATION;
            };
        }
        return BounceReason.UNDEFINED;
    }
}

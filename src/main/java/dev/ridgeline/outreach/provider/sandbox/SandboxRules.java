package dev.ridgeline.outreach.provider.sandbox;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.outreach.FailureClass;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.ProviderException;

/**
 * How the sandbox treats an address, so every path of the product can be exercised without a vendor. Phone numbers
 * follow Twilio's test-credential numbers and error codes; email uses reserved {@code .test} names.
 * <pre>
 * email   reject...@ or @reject.test   refused at send (550 5.1.1)
 *         defer...@ or @defer.test     deferred at send (421 4.7.0, try again later): the platform retries
 *         bounce...@ or @bounce.test   sent, then bounced (550 5.1.1 mailbox does not exist)
 *         full...@ or @full.test       sent, then bounced softly (452 4.2.2 mailbox full): sent again later
 *         anything else                sent, then delivered
 * SMS     +15005550001  refused 21211 invalid number      +15005550002  refused 21612 cannot route
 *         +15005550004  refused 21610 recipient opted out +15005550009  refused 21614 not a mobile number
 *         +15005550008  refused 20429 too many requests (retryable)
 *         +15005550006  sent, then undelivered 30006 (landline or unreachable)
 *         anything else sent, then delivered
 * voice   +15005550001  refused 21211   +15005550011 rings, busy   +15005550012 rings, no answer
 *         anything else rings, answered, completed after a short call
 * </pre>
 */
final class SandboxRules {

    /** One simulated callback: the status, how many step delays after the send, and failure details if any. */
    record Step(MessageStatus status, int afterSteps, @Nullable FailureClass failureClass, @Nullable String code,
            @Nullable String detail, @Nullable Integer durationSeconds) {

        static Step ok(MessageStatus status, int afterSteps, String detail) {
            return new Step(status, afterSteps, null, null, detail, null);
        }

        static Step failed(MessageStatus status, int afterSteps, FailureClass fc, String code, String detail) {
            return new Step(status, afterSteps, fc, code, detail, null);
        }
    }

    private SandboxRules() {
    }

    static List<Step> email(String to) {
        String address = to.toLowerCase(Locale.ROOT).trim();
        String local = address.contains("@") ? address.substring(0, address.indexOf('@')) : address;
        String domain = address.contains("@") ? address.substring(address.indexOf('@') + 1) : "";
        if (local.startsWith("reject") || domain.equals("reject.test")) {
            throw new ProviderException(FailureClass.PERMANENT, "550",
                    "550 5.1.1 <" + to + ">: recipient address rejected (sandbox)");
        }
        if (local.startsWith("defer") || domain.equals("defer.test")) {
            throw new ProviderException(FailureClass.RETRYABLE, "421",
                    "421 4.7.0 <" + to + ">: try again later (sandbox)");
        }
        if (local.startsWith("bounce") || domain.equals("bounce.test")) {
            return List.of(Step.ok(MessageStatus.SENT, 1, "handed to the recipient's mail server (sandbox)"),
                    Step.failed(MessageStatus.BOUNCED, 2, FailureClass.PERMANENT, "5.1.1",
                            "550 5.1.1 The email account that you tried to reach does not exist (sandbox)"));
        }
        if (local.startsWith("full") || domain.equals("full.test")) {
            return List.of(Step.ok(MessageStatus.SENT, 1, "handed to the recipient's mail server (sandbox)"),
                    Step.failed(MessageStatus.BOUNCED, 2, FailureClass.RETRYABLE, "4.2.2",
                            "452 4.2.2 The email account that you tried to reach is over quota (sandbox)"));
        }
        return List.of(Step.ok(MessageStatus.SENT, 1, "handed to the recipient's mail server (sandbox)"),
                Step.ok(MessageStatus.DELIVERED, 2, "delivered to the mailbox (sandbox)"));
    }

    static List<Step> sms(String to) {
        switch (to) {
            case "+15005550001" -> throw refused(FailureClass.PERMANENT, "21211", "The 'To' number " + to + " is not a valid phone number");
            case "+15005550002" -> throw refused(FailureClass.PERMANENT, "21612", "Cannot route a message to " + to);
            case "+15005550004" -> throw refused(FailureClass.PERMANENT, "21610", "The recipient " + to + " replied STOP to this sender");
            case "+15005550009" -> throw refused(FailureClass.PERMANENT, "21614", to + " is not a mobile number");
            case "+15005550008" -> throw refused(FailureClass.RETRYABLE, "20429", "Too many requests; try again later");
            case "+15005550006" -> {
                return List.of(Step.ok(MessageStatus.SENT, 1, "sent to carrier (sandbox)"),
                        Step.failed(MessageStatus.UNDELIVERED, 2, FailureClass.PERMANENT, "30006",
                                "Landline or unreachable carrier (sandbox)"));
            }
            default -> {
                return List.of(Step.ok(MessageStatus.SENT, 1, "sent to carrier (sandbox)"),
                        Step.ok(MessageStatus.DELIVERED, 2, "delivered to handset (sandbox)"));
            }
        }
    }

    static List<Step> call(String to) {
        switch (to) {
            case "+15005550001" -> throw refused(FailureClass.PERMANENT, "21211", "The 'To' number " + to + " is not a valid phone number");
            case "+15005550011" -> {
                return List.of(Step.ok(MessageStatus.RINGING, 1, "ringing (sandbox)"),
                        Step.failed(MessageStatus.BUSY, 2, FailureClass.RETRYABLE, "busy", "The line was busy (sandbox)"));
            }
            case "+15005550012" -> {
                return List.of(Step.ok(MessageStatus.RINGING, 1, "ringing (sandbox)"),
                        Step.failed(MessageStatus.NO_ANSWER, 4, FailureClass.RETRYABLE, "no-answer", "Nobody answered (sandbox)"));
            }
            default -> {
                return List.of(Step.ok(MessageStatus.RINGING, 1, "ringing (sandbox)"),
                        Step.ok(MessageStatus.IN_PROGRESS, 2, "answered (sandbox)"),
                        new Step(MessageStatus.COMPLETED, 4, null, null, "caller hung up (sandbox)", 14));
            }
        }
    }

    private static ProviderException refused(FailureClass fc, String code, String message) {
        return new ProviderException(fc, code, message + " (sandbox)");
    }
}

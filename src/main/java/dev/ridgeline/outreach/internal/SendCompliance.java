package dev.ridgeline.outreach.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.DoNotCall;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.PhoneBlocks;
import dev.ridgeline.outreach.compliance.CallingHours;
import dev.ridgeline.outreach.compliance.RecipientDirectory;
import dev.ridgeline.outreach.compliance.RecipientDirectory.Consent;
import dev.ridgeline.platform.TenantId;

/**
 * The checks a marketing text or call passes at the moment it is sent, not only when it was planned: the number has
 * not opted out (on any channel) and can take texts, no reply of theirs awaits an opt-out decision, express written
 * consent is on record for texts (any consent for calls), the number is on no do-not-call list (the national one
 * yields to express written consent, the company's own never does), it is inside calling hours in every time zone the person
 * may be in, and a state's limit of attempts in 24 hours is kept. A message outside the hours waits for the next
 * allowed minute; the others are refused with the reason shown in the Outbox.
 */
@Component
class SendCompliance {

    /** Send now, wait until {@code until}, or refuse with a code and a reason. */
    record Verdict(@Nullable Instant until, @Nullable String code, @Nullable String reason) {

        static final Verdict GO = new Verdict(null, null, null);

        boolean go() {
            return until == null && code == null;
        }

        boolean refused() {
            return code != null;
        }
    }

    /** Where nothing is known of a number: both coasts, so a message goes only when it is daytime in both. */
    static final List<ZoneId> UNKNOWN_ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Los_Angeles"));

    private final PhoneBlocks blocks;
    private final DoNotCall doNotCall;
    private final dev.ridgeline.outreach.TextingRules rules;
    private final ObjectProvider<RecipientDirectory> directory;
    private final JdbcClient jdbc;
    private final Clock clock;

    SendCompliance(PhoneBlocks blocks, DoNotCall doNotCall, dev.ridgeline.outreach.TextingRules rules,
            ObjectProvider<RecipientDirectory> directory, JdbcClient jdbc, Clock clock) {
        this.rules = rules;
        this.blocks = blocks;
        this.doNotCall = doNotCall;
        this.directory = directory;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static boolean applies(OutboundMessage m) {
        return m.purpose() == MessagePurpose.OUTREACH && (m.channel() == Channel.SMS || m.channel() == Channel.VOICE);
    }

    Verdict check(TenantId tenant, OutboundMessage m) {
        if (!applies(m)) {
            return Verdict.GO;
        }
        return checkAll(tenant, List.of(m)).get(m.id());
    }

    /**
     * {@link #check} for many messages of a company, with what it reads about their numbers read together: the
     * blocks, the replies under review, the recipients, the do-not-call lists and the company's texting rules.
     */
    java.util.Map<java.util.UUID, Verdict> checkAll(TenantId tenant, List<OutboundMessage> messages) {
        java.util.Map<java.util.UUID, Verdict> out = new java.util.HashMap<>();
        List<String> phones = messages.stream().filter(SendCompliance::applies).map(OutboundMessage::to).distinct()
                .toList();
        if (phones.isEmpty()) {
            messages.forEach(m -> out.put(m.id(), Verdict.GO));
            return out;
        }
        java.util.Map<String, PhoneBlocks.Block> blocked = blocks.findAll(tenant, phones);
        java.util.Set<String> review = blocks.underReview(tenant, phones);
        RecipientDirectory known = directory.getIfAvailable();
        java.util.Map<String, RecipientDirectory.Recipient> recipients = known == null ? java.util.Map.of()
                : known.byPhones(tenant, phones);
        java.util.Map<String, List<DoNotCall.Source>> dnc = doNotCall.listsOf(tenant, phones);
        dev.ridgeline.outreach.TextingRules.Rules companyRules = rules.of(tenant);
        for (OutboundMessage m : messages) {
            out.put(m.id(), !applies(m) ? Verdict.GO : decide(tenant, m, Optional.ofNullable(blocked.get(m.to())),
                    review.contains(m.to()), recipients.getOrDefault(m.to(), new RecipientDirectory.Recipient(
                            UNKNOWN_ZONES, null, Consent.NONE, Consent.NONE)), dnc.getOrDefault(m.to(), List.of()),
                    companyRules));
        }
        return out;
    }

    private Verdict decide(TenantId tenant, OutboundMessage m, Optional<PhoneBlocks.Block> block, boolean underReview,
            RecipientDirectory.Recipient r, List<DoNotCall.Source> dnc, dev.ridgeline.outreach.TextingRules.Rules rules) {
        String to = m.to();
        if (block.isPresent() && block.get().kind() == PhoneBlocks.Kind.OPTED_OUT && m.channel() == Channel.VOICE
                && !rules.optOutAllChannels()) {
            // The company chose that a stop by text stops texts only (every opt-out in this build comes by text).
            block = Optional.empty();
        }
        if (block.isPresent()) {
            return new Verdict(null, block.get().kind() == PhoneBlocks.Kind.OPTED_OUT ? "opted-out" : "unusable",
                    block.get().reason());
        }
        if (underReview) {
            return new Verdict(null, "opt-out-review", "not sent: a reply from " + to + " may be an opt-out; decide "
                    + "it under Outbox, Opt-out review first");
        }
        Consent consent = m.channel() == Channel.SMS ? r.sms() : r.calls();
        if (consent == Consent.REFUSED) {
            return new Verdict(null, "consent-refused", "not sent: the contact at " + to + " refused "
                    + (m.channel() == Channel.SMS ? "texts" : "calls") + " (consent ledger)");
        }
        if (m.channel() == Channel.SMS && consent != Consent.EXPRESS_WRITTEN) {
            return new Verdict(null, "no-consent", "not sent: no express written consent to text " + to + " is on "
                    + "record; marketing texts need it (import it with its source and time, or record it on the contact)");
        }
        if (m.channel() == Channel.VOICE && consent == Consent.NONE) {
            return new Verdict(null, "no-consent", "not sent: no consent to call " + to + " is on record");
        }
        if (dnc.contains(DoNotCall.Source.INTERNAL)) {
            return new Verdict(null, "do-not-call", "not sent: " + to + " is on the company's do-not-call list");
        }
        if (dnc.contains(DoNotCall.Source.NATIONAL) && consent != Consent.EXPRESS_WRITTEN) {
            return new Verdict(null, "do-not-call", "not sent: " + to + " is on the National Do Not Call Registry and "
                    + "gave no express written consent");
        }
        Instant now = clock.instant();
        Optional<Instant> next = CallingHours.nextAllowed(now, r.zones(), r.state(), rules.hours());
        if (next.isEmpty()) {
            return new Verdict(null, "no-calling-hours", "not sent: no hour is inside calling hours in all of "
                    + r.zones() + " at once");
        }
        if (next.get().isAfter(now)) {
            return new Verdict(next.get(), null, "outside calling hours in the recipient's time (" + r.zones().getFirst()
                    + (r.state() == null ? "" : ", " + r.state()) + "); sends at " + next.get());
        }
        Optional<CallingHours.StateRule> rule = CallingHours.state(r.state());
        if (rule.isPresent() && rule.get().maxAttemptsPer24h() > 0) {
            List<Instant> recent = jdbc.sql("""
                    select handed_at from outreach.message where tenant_id = :t and to_address = :p
                      and channel in ('SMS', 'VOICE') and purpose = 'OUTREACH' and handed_at >= :since
                    order by handed_at""")
                    .param("t", tenant.value()).param("p", to).param("since", Timestamp.from(now.minus(Duration.ofDays(1))))
                    .query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
            if (recent.size() >= rule.get().maxAttemptsPer24h()) {
                Instant again = recent.get(recent.size() - rule.get().maxAttemptsPer24h()).plus(Duration.ofDays(1));
                return new Verdict(again, null, rule.get().state() + " allows " + rule.get().maxAttemptsPer24h()
                        + " attempts in 24 hours (" + rule.get().source() + "); sends at " + again);
            }
        }
        return Verdict.GO;
    }
}

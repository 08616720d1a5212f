package dev.ridgeline.property.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.outreach.EmailSuppressions;
import dev.ridgeline.outreach.PhoneOptedOut;
import dev.ridgeline.outreach.SuppressionReason;
import dev.ridgeline.platform.IdGenerator;

/**
 * A person who says stop on one channel is a person, not a channel: when a phone number opts out, every contact with
 * that number gets an opt-out entry in their consent ledger for texts and for calls, and their email addresses go on
 * the company's do-not-email list (unless the company chose that an opt-out stops only its own channel). A START afterwards records texts as consented again (the person wrote it), and
 * nothing else: calls and email stay stopped until the person says otherwise.
 */
@Component
class OptOutLedger {

    private final JdbcClient jdbc;
    private final EmailSuppressions suppressions;
    private final IdGenerator ids;
    private final Clock clock;

    OptOutLedger(JdbcClient jdbc, EmailSuppressions suppressions, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.suppressions = suppressions;
        this.ids = ids;
        this.clock = clock;
    }

    @EventListener
    void on(PhoneOptedOut event) {
        List<UUID> contacts = jdbc.sql("""
                select contact_id from property.contact_point where tenant_id = :t and channel = 'PHONE' and value = :p""")
                .param("t", event.tenantId().value()).param("p", event.phone()).query(UUID.class).list();
        for (UUID contact : contacts) {
            for (String channel : event.out() && event.allChannels() ? List.of("SMS", "CALL") : List.of("SMS")) {
                jdbc.sql("""
                        insert into property.consent (tenant_id, id, contact_id, channel, granted, kind, source, given_at,
                          recorded_at)
                        values (:t, :id, :c, :ch, :g, :k, :s, :now, :now)""")
                        .param("t", event.tenantId().value()).param("id", ids.next()).param("c", contact)
                        .param("ch", channel).param("g", !event.out()).param("k", event.out() ? "OPT_OUT" : "EXPRESS_WRITTEN")
                        .param("s", event.source()).param("now", Timestamp.from(clock.instant())).update();
            }
            if (event.out() && event.allChannels()) {
                for (String email : jdbc.sql("select value from property.contact_point where tenant_id = :t "
                                + "and contact_id = :c and channel = 'EMAIL'")
                        .param("t", event.tenantId().value()).param("c", contact).query(String.class).list()) {
                    suppressions.suppress(event.tenantId(), email, SuppressionReason.UNSUBSCRIBED,
                            "opted out by text (" + event.source() + ")", event.phone(), null);
                }
            }
        }
    }
}

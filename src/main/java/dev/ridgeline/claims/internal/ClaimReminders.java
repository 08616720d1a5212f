package dev.ridgeline.claims.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import dev.ridgeline.claims.ClaimsService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.User;
import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.TenantId;

/**
 * Reminds the lead's rep (or, with no rep, the company's owners) by email before each claim deadline: 14, 3 and 1
 * days ahead, and once when it has been missed; each reminder once (recorded, and the email's idempotency key),
 * only the nearest when a claim is recorded late. The lead's timeline notes each. Runs every hour.
 */
@Component
public class ClaimReminders {

    private static final Logger log = LoggerFactory.getLogger(ClaimReminders.class);
    static final int[] DAYS_BEFORE = {14, 3, 1};

    private final JdbcClient jdbc;
    private final ClaimsService claims;
    private final LeadsService leads;
    private final IdentityService identity;
    private final OutreachService outreach;
    private final Clock clock;

    ClaimReminders(JdbcClient jdbc, ClaimsService claims, LeadsService leads, IdentityService identity,
            OutreachService outreach, Clock clock) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.leads = leads;
        this.identity = identity;
        this.outreach = outreach;
        this.clock = clock;
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {
        @Bean
        RecurringTask<Void> claimDeadlineReminders(ClaimReminders reminders) {
            return Tasks.recurring("claims-deadline-reminders", FixedDelay.of(Duration.ofHours(1)))
                    .execute((instance, ctx) -> reminders.send());
        }
    }

    /** Sends the reminders now due, for every company; how many went. */
    public int send() {
        int sent = 0;
        List<UUID> tenants = jdbc.sql("select distinct tenant_id from claims.claim where status not in ('PAID', 'CLOSED')")
                .query(UUID.class).list();
        for (UUID t : tenants) {
            TenantId tenant = new TenantId(t);
            List<User> owners = identity.activeUsers(tenant, Role.OWNER);
            if (owners.isEmpty()) {
                continue;
            }
            Actor company = Actor.user(tenant, owners.getFirst().id(), Role.OWNER);
            LocalDate today = LocalDate.now(zone(tenant));
            for (ClaimsService.Deadline d : claims.deadlines(company, today, DAYS_BEFORE[0])) {
                sent += remind(company, owners, d);
            }
        }
        if (sent > 0) {
            log.info("Sent {} claim deadline reminders", sent);
        }
        return sent;
    }

    private int remind(Actor company, List<User> owners, ClaimsService.Deadline d) {
        // The nearest threshold reached (-1: missed); the ones before it count as sent, so a late claim gets one.
        int threshold = -1;
        for (int t : DAYS_BEFORE) {
            if (d.daysLeft() >= 0 && d.daysLeft() <= t) {
                threshold = t;
            }
        }
        List<Integer> marks = new ArrayList<>();
        for (int t : DAYS_BEFORE) {
            if (t >= threshold || threshold == -1) {
                marks.add(t);
            }
        }
        marks.add(threshold);
        boolean fresh = false;
        for (int t : marks) {
            int inserted = jdbc.sql("""
                    insert into claims.reminder (tenant_id, claim_id, what, due, days_before, sent_at)
                    values (:t, :c, :w, :due, :days, :now) on conflict do nothing""")
                    .param("t", company.tenantId().value()).param("c", d.claim().id()).param("w", d.what())
                    .param("due", d.due()).param("days", t).param("now", Timestamp.from(clock.instant())).update();
            fresh |= t == threshold && inserted == 1;
        }
        if (!fresh) {
            return 0;
        }
        Lead lead = leads.get(company, d.claim().leadId());
        List<String> to = lead.ownerId() == null ? owners.stream().map(User::email).toList()
                : identity.findUser(company.tenantId(), lead.ownerId()).map(u -> List.of(u.email()))
                        .orElse(owners.stream().map(User::email).toList());
        String when = d.daysLeft() < 0 ? "was due " + d.due() + " (" + -d.daysLeft() + " days ago)"
                : d.daysLeft() == 0 ? "is due today" : "is due " + d.due() + " (in " + d.daysLeft() + " days)";
        String subject = "Claim deadline: " + d.what() + " for " + lead.place();
        String body = "The claim for " + lead.place() + (d.claim().carrier() == null ? "" : " with "
                + d.claim().carrier()) + (d.claim().claimNumber() == null ? "" : " (claim " + d.claim().claimNumber()
                + ")") + ": " + d.what() + " " + when + ".\n\nOpen the lead in Ridgeline to act on it.";
        for (String address : to) {
            outreach.send(new SendRequest(company.tenantId(), Channel.EMAIL, MessagePurpose.NOTIFICATION, address,
                    subject, body, "claim-reminder:" + d.claim().id() + ":" + d.what() + ":" + d.due() + ":"
                            + threshold + ":" + address, null));
        }
        leads.addNote(company, lead.id(), "Reminder sent to " + String.join(", ", to) + ": " + d.what() + " " + when
                + ".");
        return 1;
    }

    private ZoneId zone(TenantId tenant) {
        try {
            return ZoneId.of(identity.getTenant(tenant).timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("America/Chicago");
        }
    }
}

package dev.ridgeline.insight.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.User;
import dev.ridgeline.insight.HotAlert;
import dev.ridgeline.insight.HotRule;
import dev.ridgeline.insight.LeadBecameHot;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.platform.ConflictException;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/**
 * Hot-lead rules: kept per company (a company without any gets "Score 60 and up"), applied to the homes each analysis
 * pass rescored, each new alert recorded once and published as {@link LeadBecameHot}; the rule's recipient is told by
 * email or text through the outreach channels (the sandbox unless the company connected a provider).
 */
@Component
public class HotRules {

    static final int DEFAULT_MIN_SCORE = 60;
    private static final Logger log = LoggerFactory.getLogger(HotRules.class);

    private final JdbcClient jdbc;
    private final InsightSettings settings;
    private final ApplicationEventPublisher events;
    private final IdentityService identity;
    private final OutreachService outreach;
    private final IdGenerator ids;
    private final Clock clock;

    HotRules(JdbcClient jdbc, ApplicationEventPublisher events, IdentityService identity, OutreachService outreach,
            IdGenerator ids, Clock clock, InsightSettings settings) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.events = events;
        this.identity = identity;
        this.outreach = outreach;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional
    public List<HotRule> list(TenantId tenant) {
        List<HotRule> rules = jdbc.sql("select * from insight.hot_rule where tenant_id = :t order by min_score desc, name")
                .param("t", tenant.value()).query((rs, n) -> new HotRule(rs.getObject("id", UUID.class),
                        rs.getString("name"), rs.getInt("min_score"), (Double) nullable(rs.getObject("min_hail_in")),
                        (Integer) rs.getObject("max_days_since_hail"), (Integer) rs.getObject("min_neighbours"),
                        rs.getBoolean("in_wave"), rs.getObject("notify_user_id") == null ? null
                                : new UserId(rs.getObject("notify_user_id", UUID.class)),
                        rs.getString("notify_channel"), rs.getBoolean("enabled")))
                .list();
        if (rules.isEmpty()) {
            return List.of(save(tenant, new HotRule(ids.next(), "Score " + DEFAULT_MIN_SCORE + " and up",
                    DEFAULT_MIN_SCORE, null, null, null, false, null, null, true)));
        }
        return rules;
    }

    private static @Nullable Object nullable(@Nullable Object value) {
        return value instanceof Float f ? Double.valueOf(f) : value;
    }

    @Transactional
    public HotRule save(TenantId tenant, HotRule rule) {
        if (rule.name().isBlank() || rule.name().length() > 80) {
            throw InvalidInputException.of("name", "is needed (at most 80 characters)");
        }
        if (rule.minScore() < 0 || rule.minScore() > 100) {
            throw InvalidInputException.of("minScore", "must be 0 to 100");
        }
        if (rule.minHailInches() != null && !(rule.minHailInches() > 0 && rule.minHailInches() <= 8)) {
            throw InvalidInputException.of("minHailInches", "must be more than 0 and at most 8 inches");
        }
        if (rule.maxDaysSinceHail() != null && rule.maxDaysSinceHail() < 1) {
            throw InvalidInputException.of("maxDaysSinceHail", "must be at least 1 day");
        }
        if (rule.minNeighbours() != null && rule.minNeighbours() < 1) {
            throw InvalidInputException.of("minNeighbours", "must be at least 1");
        }
        if ((rule.notifyUser() == null) != (rule.notifyChannel() == null)) {
            throw InvalidInputException.of("notifyChannel", "choose both who is told and how, or neither");
        }
        if (rule.notifyChannel() != null && !List.of("EMAIL", "SMS").contains(rule.notifyChannel())) {
            throw InvalidInputException.of("notifyChannel", "is EMAIL or SMS");
        }
        if (rule.notifyUser() != null) {
            User user = identity.findUser(tenant, rule.notifyUser())
                    .orElseThrow(() -> InvalidInputException.of("notifyUser", "is not a user of this company"));
            if ("SMS".equals(rule.notifyChannel()) && user.phone() == null) {
                throw InvalidInputException.of("notifyChannel", user.name() + " has no mobile number on file");
            }
        }
        try {
            jdbc.sql("""
                    insert into insight.hot_rule (tenant_id, id, name, min_score, min_hail_in, max_days_since_hail,
                      min_neighbours, in_wave, notify_user_id, notify_channel, enabled, created_at, updated_at)
                    values (:t, :id, :name, :min, :hail, :days, :neighbours, :wave, :user, :channel, :enabled, :now, :now)
                    on conflict (tenant_id, id) do update set name = excluded.name, min_score = excluded.min_score,
                      min_hail_in = excluded.min_hail_in, max_days_since_hail = excluded.max_days_since_hail,
                      min_neighbours = excluded.min_neighbours, in_wave = excluded.in_wave,
                      notify_user_id = excluded.notify_user_id, notify_channel = excluded.notify_channel,
                      enabled = excluded.enabled, updated_at = excluded.updated_at""")
                    .param("t", tenant.value()).param("id", rule.id()).param("name", rule.name().strip())
                    .param("min", rule.minScore()).param("hail", rule.minHailInches())
                    .param("days", rule.maxDaysSinceHail()).param("neighbours", rule.minNeighbours())
                    .param("wave", rule.inWave())
                    .param("user", rule.notifyUser() == null ? null : rule.notifyUser().value())
                    .param("channel", rule.notifyChannel()).param("enabled", rule.enabled())
                    .param("now", Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("a hot-lead rule named '" + rule.name().strip() + "' exists already");
        }
        return rule;
    }

    @Transactional
    public void delete(TenantId tenant, UUID id) {
        if (jdbc.sql("delete from insight.hot_rule where tenant_id = :t and id = :id").param("t", tenant.value())
                .param("id", id).update() == 0) {
            throw new NotFoundException("hot-lead rule", id);
        }
    }

    @Transactional(readOnly = true)
    public List<HotAlert> alerts(TenantId tenant, int limit) {
        return jdbc.sql("""
                select a.property_id, a.address, a.rule_id, r.name, a.score, a.reasons, a.fired_at
                from insight.hot_alert a join insight.hot_rule r on r.tenant_id = a.tenant_id and r.id = a.rule_id
                where a.tenant_id = :t order by a.fired_at desc, a.score desc limit :limit""")
                .param("t", tenant.value()).param("limit", limit)
                .query((rs, n) -> new HotAlert(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getInt(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** Applies the company's rules to homes a pass just scored; answers how many new alerts fired. */
    int apply(TenantId tenant, List<InsightStore.Row> rescored, LocalDate asOf, ScoreModel model) {
        if (rescored.isEmpty()) {
            return 0;
        }
        List<HotRule> rules = list(tenant).stream().filter(HotRule::enabled).toList();
        record Candidate(InsightStore.Row row, HotRule rule, String evidence) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (InsightStore.Row r : rescored) {
            for (HotRule rule : rules) {
                if (matches(rule, r.features(), r.score(), asOf)) {
                    HomeFeatures h = r.features();
                    candidates.add(new Candidate(r, rule, "hail:" + (h.hailOn == null ? "" : h.hailOn) + "|wave:"
                            + (h.waveSince == null ? "" : h.waveSince)
                            + (h.engagedOn == null ? "" : "|engaged:" + h.engagedOn)));
                }
            }
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        // One statement for all of them; only the alerts that are new come back, and only those are told.
        int n = candidates.size();
        UUID[] homes = new UUID[n];
        UUID[] ruleIds = new UUID[n];
        String[] evidence = new String[n];
        String[] addresses = new String[n];
        Integer[] scores = new Integer[n];
        String[] reasons = new String[n];
        Map<String, Candidate> byKey = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            HomeFeatures h = c.row().features();
            homes[i] = h.propertyId;
            ruleIds[i] = c.rule().id();
            evidence[i] = c.evidence();
            addresses[i] = h.address;
            scores[i] = c.row().score();
            byKey.put(h.propertyId + "/" + c.rule().id(), c);
        }
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> reasons[i] = String.join("; ",
                model.explain(candidates.get(i).row().features(), asOf).stream().map(f -> f.words()).toList()));
        List<Object[]> inserted = jdbc.sql("""
                insert into insight.hot_alert (tenant_id, property_id, rule_id, evidence, address, score, reasons, fired_at)
                select :t, p, r, e, a, s, w, :now from unnest(:homes, :rules, :evidence, :addresses, :scores, :reasons)
                  as u(p, r, e, a, s, w)
                on conflict do nothing
                returning property_id, rule_id, reasons""")
                .param("t", tenant.value()).param("now", Timestamp.from(clock.instant())).param("homes", homes)
                .param("rules", ruleIds).param("evidence", evidence).param("addresses", addresses)
                .param("scores", scores).param("reasons", reasons)
                .query((rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3)})
                .list();
        // A storm over a metro can make a hundred thousand homes hot at once: all are listed, the best announced.
        List<Candidate> fired = new ArrayList<>(inserted.size());
        Map<Candidate, String> why = new HashMap<>(inserted.size() * 2);
        for (Object[] row : inserted) {
            Candidate c = byKey.get(row[0] + "/" + row[1]);
            fired.add(c);
            why.put(c, (String) row[2]);
        }
        fired.sort(Comparator.comparingInt((Candidate c) -> c.row().score()).reversed());
        for (Candidate c : fired.subList(0, Math.min(fired.size(), settings.alertsPerPass()))) {
            HomeFeatures h = c.row().features();
            events.publishEvent(new LeadBecameHot(tenant, h.propertyId, h.address, c.row().score(), why.get(c),
                    c.rule().id(), c.rule().name(), c.evidence()));
        }
        if (fired.size() > settings.alertsPerPass()) {
            log.info("{} new hot leads for {}: the best {} announced, the rest listed only", fired.size(), tenant,
                    settings.alertsPerPass());
        }
        return fired.size();
    }

    static boolean matches(HotRule rule, HomeFeatures h, int score, LocalDate asOf) {
        if (h.recentlyReroofed || score < rule.minScore()) {
            return false;
        }
        if (rule.minHailInches() != null && (Double.isNaN(h.hailInches) || h.hailInches < rule.minHailInches())) {
            return false;
        }
        if (rule.maxDaysSinceHail() != null
                && (h.hailOn == null || ChronoUnit.DAYS.between(h.hailOn, asOf) > rule.maxDaysSinceHail())) {
            return false;
        }
        if (rule.minNeighbours() != null && h.neighboursReroofed < rule.minNeighbours()) {
            return false;
        }
        return !rule.inWave() || h.waveSize > 0;
    }

    /** Tells the rule's recipient, once per alert (the idempotency key), by email or text. */
    @ApplicationModuleListener
    void on(LeadBecameHot e) {
        HotRule rule = list(e.tenantId()).stream().filter(r -> r.id().equals(e.ruleId())).findFirst().orElse(null);
        if (rule == null || rule.notifyUser() == null || rule.notifyChannel() == null) {
            return;
        }
        User user = identity.findUser(e.tenantId(), rule.notifyUser()).orElse(null);
        if (user == null) {
            return;
        }
        boolean sms = "SMS".equals(rule.notifyChannel());
        String to = sms ? user.phone() : user.email();
        if (to == null) {
            log.warn("Hot lead {} not sent to user {}: no {} on file", e.propertyId(), user.id(), sms ? "phone" : "email");
            return;
        }
        String body = "Hot lead (" + e.ruleName() + "): " + e.address() + ", score " + e.score() + ". " + e.reasons();
        outreach.send(new SendRequest(e.tenantId(), sms ? Channel.SMS : Channel.EMAIL, MessagePurpose.NOTIFICATION, to,
                sms ? null : "Hot lead: " + e.address(), body,
                "hot-lead:" + e.propertyId() + ":" + e.ruleId() + ":" + e.evidence(), null));
    }
}

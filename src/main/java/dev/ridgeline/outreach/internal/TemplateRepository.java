package dev.ridgeline.outreach.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.outreach.template.EmailTemplate;
import dev.ridgeline.outreach.template.TemplateDraft;
import dev.ridgeline.platform.TenantId;

/** Rows of {@code outreach.email_template}. */
@Repository
public class TemplateRepository {

    private final JdbcClient jdbc;

    TemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<EmailTemplate> list(TenantId tenant) {
        return jdbc.sql("""
                select id, name, subject, body_html, track_opens, track_clicks, updated_at, subject_b, body_html_b
                from outreach.email_template where tenant_id = :t order by lower(name)""")
                .param("t", tenant.value()).query(TemplateRepository::map).list();
    }

    public Optional<EmailTemplate> find(TenantId tenant, UUID id) {
        return jdbc.sql("""
                select id, name, subject, body_html, track_opens, track_clicks, updated_at, subject_b, body_html_b
                from outreach.email_template where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).query(TemplateRepository::map).optional();
    }

    /** Inserts or updates; false when another template of the company has the name. */
    public boolean save(TenantId tenant, UUID id, TemplateDraft d, @Nullable UUID by, Instant now) {
        try {
            jdbc.sql("""
                    insert into outreach.email_template (tenant_id, id, name, subject, body_html, track_opens,
                      track_clicks, subject_b, body_html_b, created_by, created_at, updated_at)
                    values (:t, :id, :name, :subject, :body, :opens, :clicks, :sb, :bb, :by, :now, :now)
                    on conflict (tenant_id, id) do update set name = :name, subject = :subject, body_html = :body,
                      track_opens = :opens, track_clicks = :clicks, subject_b = :sb, body_html_b = :bb,
                      updated_at = :now""")
                    .param("t", tenant.value()).param("id", id).param("name", d.name().strip())
                    .param("subject", d.subject()).param("body", d.bodyHtml()).param("opens", d.trackOpens())
                    .param("clicks", d.trackClicks()).param("sb", d.subjectB()).param("bb", d.bodyHtmlB()).param("by", by).param("now", Timestamp.from(now)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Records the variant a message got. */
    public void setVariant(TenantId tenant, UUID messageId, String variant) {
        jdbc.sql("update outreach.message set variant = :v where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", messageId).param("v", variant).update();
    }

    /** Each template's outcomes, counted per message (a message opened twice counts once). */
    public java.util.Map<UUID, dev.ridgeline.outreach.template.EmailStats> stats(TenantId tenant) {
        return stats(tenant, "m.template_id", "m.template_id is not null", null);
    }

    /** The same for variant A and B of each template: keyed by template id, then "A" or "B". */
    public java.util.Map<UUID, java.util.Map<String, dev.ridgeline.outreach.template.EmailStats>> variantStats(
            TenantId tenant) {
        java.util.Map<UUID, java.util.Map<String, dev.ridgeline.outreach.template.EmailStats>> out =
                new java.util.HashMap<>();
        for (String v : java.util.List.of("A", "B")) {
            stats(tenant, "m.template_id", "m.template_id is not null and m.variant = '" + v + "'", null)
                    .forEach((id, s) -> out.computeIfAbsent(id, k -> new java.util.HashMap<>()).put(v, s));
        }
        return out;
    }

    /** The same for each sending mailbox (connection), over the emails created since {@code since}. */
    public java.util.Map<UUID, dev.ridgeline.outreach.template.EmailStats> mailboxStats(TenantId tenant,
            java.time.Instant since) {
        return stats(tenant, "m.connection_id", "m.channel = 'EMAIL' and m.connection_id is not null", since);
    }

    private java.util.Map<UUID, dev.ridgeline.outreach.template.EmailStats> stats(TenantId tenant, String key,
            String where, java.time.@org.jspecify.annotations.Nullable Instant since) {
        java.util.Map<UUID, dev.ridgeline.outreach.template.EmailStats> out = new java.util.HashMap<>();
        jdbc.sql("select " + key + ", " + """
                  count(*) filter (where m.vendor_id is not null),
                  count(*) filter (where m.status = 'DELIVERED'),
                  count(*) filter (where m.status = 'BOUNCED'),
                  count(*) filter (where exists (select 1 from outreach.email_event e where e.tenant_id = m.tenant_id
                    and e.message_id = m.id and e.kind = 'OPEN' and not e.machine)),
                  count(*) filter (where exists (select 1 from outreach.email_event e where e.tenant_id = m.tenant_id
                    and e.message_id = m.id and e.kind = 'OPEN' and e.machine) and not exists (select 1
                    from outreach.email_event e where e.tenant_id = m.tenant_id and e.message_id = m.id
                    and e.kind = 'OPEN' and not e.machine)),
                  count(*) filter (where exists (select 1 from outreach.email_event e where e.tenant_id = m.tenant_id
                    and e.message_id = m.id and e.kind = 'CLICK')),
                  count(*) filter (where exists (select 1 from outreach.inbound_message i where i.tenant_id = m.tenant_id
                    and i.reply_to_message_id = m.id)),
                  count(*) filter (where exists (select 1 from outreach.suppression s where s.tenant_id = m.tenant_id
                    and s.message_id = m.id and s.reason = 'UNSUBSCRIBED')),
                  count(*) filter (where exists (select 1 from outreach.suppression s where s.tenant_id = m.tenant_id
                    and s.message_id = m.id and s.reason = 'COMPLAINT'))
                from outreach.message m where m.tenant_id = :t and m.created_at >= :since and\s"""
                + where + " group by " + key)
                .param("t", tenant.value())
                .param("since", java.sql.Timestamp.from(since == null ? java.time.Instant.EPOCH : since))
                .query((rs, n) -> new dev.ridgeline.outreach.template.EmailStats(rs.getObject(1, UUID.class),
                        rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                        rs.getInt(9), rs.getInt(10)))
                .list().forEach(s -> out.put(s.id(), s));
        return out;
    }

    public boolean delete(TenantId tenant, UUID id) {
        return jdbc.sql("delete from outreach.email_template where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).update() == 1;
    }

    private static EmailTemplate map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new EmailTemplate(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getBoolean(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9));
    }
}

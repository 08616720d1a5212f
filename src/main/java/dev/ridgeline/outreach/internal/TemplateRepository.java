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
                select id, name, subject, body_html, track_opens, track_clicks, updated_at from outreach.email_template
                where tenant_id = :t order by lower(name)""")
                .param("t", tenant.value()).query(TemplateRepository::map).list();
    }

    public Optional<EmailTemplate> find(TenantId tenant, UUID id) {
        return jdbc.sql("""
                select id, name, subject, body_html, track_opens, track_clicks, updated_at from outreach.email_template
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).query(TemplateRepository::map).optional();
    }

    /** Inserts or updates; false when another template of the company has the name. */
    public boolean save(TenantId tenant, UUID id, TemplateDraft d, @Nullable UUID by, Instant now) {
        try {
            jdbc.sql("""
                    insert into outreach.email_template (tenant_id, id, name, subject, body_html, track_opens,
                      track_clicks, created_by, created_at, updated_at)
                    values (:t, :id, :name, :subject, :body, :opens, :clicks, :by, :now, :now)
                    on conflict (tenant_id, id) do update set name = :name, subject = :subject, body_html = :body,
                      track_opens = :opens, track_clicks = :clicks, updated_at = :now""")
                    .param("t", tenant.value()).param("id", id).param("name", d.name().strip())
                    .param("subject", d.subject()).param("body", d.bodyHtml()).param("opens", d.trackOpens())
                    .param("clicks", d.trackClicks()).param("by", by).param("now", Timestamp.from(now)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public boolean delete(TenantId tenant, UUID id) {
        return jdbc.sql("delete from outreach.email_template where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).update() == 1;
    }

    private static EmailTemplate map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new EmailTemplate(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getBoolean(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant());
    }
}

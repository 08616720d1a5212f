package dev.ridgeline.signals.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportRecord;
import dev.ridgeline.signals.ImportStatus;
import dev.ridgeline.signals.RowProblem;

/** Import records and their row problems. */
@Repository
public class ImportRuns {

    private final JdbcClient jdbc;

    ImportRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void start(TenantId tenant, UUID id, ImportKind kind, String fileName, @Nullable UserId by, Instant now) {
        jdbc.sql("""
                insert into signals.import_run (tenant_id, id, kind, file_name, status, created_by, started_at)
                values (:t, :id, :kind, :file, 'RUNNING', :by, :now)""")
                .param("t", tenant.value()).param("id", id).param("kind", kind.name()).param("file", fileName)
                .param("by", by == null ? null : by.value()).param("now", Timestamp.from(now)).update();
    }

    void progress(TenantId tenant, UUID id, long read) {
        jdbc.sql("update signals.import_run set read_rows = :r where tenant_id = :t and id = :id and status = 'RUNNING'")
                .param("t", tenant.value()).param("id", id).param("r", read).update();
    }

    void finish(TenantId tenant, UUID id, ImportCounts c, Instant now) {
        jdbc.sql("""
                update signals.import_run set status = 'DONE', read_rows = :read, stored = :stored, updated = :updated,
                  unchanged = :unchanged, rejected = :rejected, finished_at = :now
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).param("read", c.read()).param("stored", c.stored())
                .param("updated", c.updated()).param("unchanged", c.unchanged()).param("rejected", c.rejected())
                .param("now", Timestamp.from(now)).update();
    }

    void fail(TenantId tenant, UUID id, String reason, Instant now) {
        jdbc.sql("""
                update signals.import_run set status = 'FAILED', failure = :f, finished_at = :now
                where tenant_id = :t and id = :id""")
                .param("t", tenant.value()).param("id", id).param("f", reason).param("now", Timestamp.from(now)).update();
        jdbc.sql("""
                insert into signals.import_error (tenant_id, import_id, line, column_name, reason)
                values (:t, :id, 0, null, :f) on conflict do nothing""")
                .param("t", tenant.value()).param("id", id).param("f", reason).update();
    }

    public Optional<ImportRecord> find(TenantId tenant, UUID id) {
        return jdbc.sql("select * from signals.import_run where tenant_id = :t and id = :id")
                .param("t", tenant.value()).param("id", id).query(ImportRuns::map).optional();
    }

    public List<ImportRecord> list(TenantId tenant, int limit) {
        return jdbc.sql("select * from signals.import_run where tenant_id = :t order by started_at desc, id desc limit :l")
                .param("t", tenant.value()).param("l", limit).query(ImportRuns::map).list();
    }

    /** Problems in line order; {@code limit} caps what is read. */
    public List<RowProblem> problems(TenantId tenant, UUID id, int limit) {
        return jdbc.sql("""
                select line, column_name, reason from signals.import_error
                where tenant_id = :t and import_id = :id order by line, reason limit :l""")
                .param("t", tenant.value()).param("id", id).param("l", limit)
                .query((rs, n) -> new RowProblem(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    private static ImportRecord map(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ImportRecord(rs.getObject("id", UUID.class), ImportKind.valueOf(rs.getString("kind")),
                rs.getString("file_name"), ImportStatus.valueOf(rs.getString("status")), rs.getLong("read_rows"),
                rs.getLong("stored"), rs.getLong("updated"), rs.getLong("unchanged"), rs.getLong("rejected"),
                rs.getString("failure"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}

package dev.ridgeline.platform.internal.crypto;

import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The sealed data keyset: one row in {@code platform.secret_keyset}, with a version bumped at every rotation. */
class KeysetStore {

    record Sealed(byte[] bytes, long version) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    KeysetStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Sealed> load() {
        return jdbc.sql("select sealed_keyset, version from platform.secret_keyset where id = 1")
                .query((rs, n) -> new Sealed(rs.getBytes(1), rs.getLong(2))).optional();
    }

    /** Locks the row until the transaction ends: rotation holds it exclusively, encryption shares it. */
    Optional<Sealed> lockForUpdate() {
        return jdbc.sql("select sealed_keyset, version from platform.secret_keyset where id = 1 for update")
                .query((rs, n) -> new Sealed(rs.getBytes(1), rs.getLong(2))).optional();
    }

    Optional<Long> shareLockedVersion() {
        return jdbc.sql("select version from platform.secret_keyset where id = 1 for share")
                .query(Long.class).optional();
    }

    /** Inserts the first keyset unless another node raced us; returns what is stored afterwards. */
    Sealed insertFirst(byte[] sealed) {
        jdbc.sql("""
                insert into platform.secret_keyset (id, sealed_keyset, version, updated_at)
                values (1, :sealed, 1, :now) on conflict (id) do nothing""")
                .param("sealed", sealed).param("now", java.sql.Timestamp.from(clock.instant())).update();
        return load().orElseThrow();
    }

    long replace(byte[] sealed, long expectedVersion) {
        int updated = jdbc.sql("""
                update platform.secret_keyset set sealed_keyset = :sealed, version = version + 1, updated_at = :now
                where id = 1 and version = :version""")
                .param("sealed", sealed).param("version", expectedVersion)
                .param("now", java.sql.Timestamp.from(clock.instant())).update();
        if (updated != 1) {
            throw new IllegalStateException("The data keyset changed during rotation; run the rotation again");
        }
        return expectedVersion + 1;
    }
}

package dev.ridgeline.connections.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.platform.EncryptedColumns;
import dev.ridgeline.platform.SecretCipher;
import dev.ridgeline.platform.TenantId;

/** Lets key rotation re-encrypt every connection secret. */
@Component
class ConnectionSecretColumns implements EncryptedColumns {

    private final JdbcClient jdbc;

    ConnectionSecretColumns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String description() {
        return "connection secrets";
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from connections.connection_secret").query(Long.class).single();
    }

    @Override
    public long reEncrypt(SecretCipher cipher, Runnable progress) {
        record Row(UUID tenant, UUID connection, String name, byte[] ciphertext) {
        }
        var rows = jdbc.sql("select tenant_id, connection_id, name, ciphertext from connections.connection_secret for update")
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getBytes(4)))
                .list();
        for (Row row : rows) {
            String ad = ConnectionRepository.associatedData(new TenantId(row.tenant()), row.connection(), row.name());
            byte[] fresh = cipher.encrypt(cipher.decrypt(row.ciphertext(), ad), ad);
            jdbc.sql("update connections.connection_secret set ciphertext = :c where tenant_id = :t and connection_id = :id and name = :n")
                    .param("c", fresh).param("t", row.tenant()).param("id", row.connection()).param("n", row.name())
                    .update();
            progress.run();
        }
        return rows.size();
    }
}

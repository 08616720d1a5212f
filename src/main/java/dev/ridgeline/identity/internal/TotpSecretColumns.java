package dev.ridgeline.identity.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.platform.EncryptedColumns;
import dev.ridgeline.platform.SecretCipher;

/** Authenticator secrets are encrypted like provider secrets, and re-encrypted by key rotation. */
@Component
class TotpSecretColumns implements EncryptedColumns {

    private final JdbcClient jdbc;

    TotpSecretColumns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String associatedData(UserRecord u) {
        return associatedData(u.tenantId().value(), u.id().value());
    }

    static String associatedData(UUID tenant, UUID user) {
        return "identity.totp:" + tenant + ":" + user;
    }

    @Override
    public String description() {
        return "authenticator secrets";
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from identity.app_user where totp_secret is not null").query(Long.class).single();
    }

    @Override
    public long reEncrypt(SecretCipher cipher, Runnable progress) {
        record Row(UUID tenant, UUID user, byte[] secret) {
        }
        var rows = jdbc.sql("select tenant_id, id, totp_secret from identity.app_user where totp_secret is not null for update")
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3)))
                .list();
        for (Row row : rows) {
            String ad = associatedData(row.tenant(), row.user());
            jdbc.sql("update identity.app_user set totp_secret = :s where tenant_id = :t and id = :id")
                    .param("s", cipher.encrypt(cipher.decrypt(row.secret(), ad), ad))
                    .param("t", row.tenant()).param("id", row.user()).update();
            progress.run();
        }
        return rows.size();
    }
}

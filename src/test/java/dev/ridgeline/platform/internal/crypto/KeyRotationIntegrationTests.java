package dev.ridgeline.platform.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/** {@code ridgeline keys rotate}: every secret re-encrypted under a new data key; optionally a new master key. */
@RidgelineTest
class KeyRotationIntegrationTests {

    @Autowired
    KeyRotation rotation;

    @Autowired
    TinkSecretCipher cipher;

    @Autowired
    MasterKeySource masterKeys;

    @Autowired
    ConnectionsService connections;

    @Autowired
    IdentityService identity;

    @Autowired
    PlatformProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Test
    void rotationReEncryptsEverySecretAndDropsTheOldKey() {
        Fixtures.Company company = new Fixtures(identity, jdbc).company("Rotate Roofing");
        connections.create(company.ownerActor(), new ConnectionDraft(ConnectionType.EMAIL, "smtp", "mail",
                Map.of("host", "smtp.example.com", "port", "587", "fromAddress", "a@example.com"),
                Map.of("password", "before-rotation")));
        var enrollment = identity.startTotp(company.ownerActor());
        byte[] totp = dev.ridgeline.identity.internal.TotpTestAccess.secret(enrollment.secret());
        identity.enableTotp(company.ownerActor(), enrollment.secret(),
                dev.ridgeline.identity.internal.TotpTestAccess.codeNow(totp));
        List<byte[]> before = allCiphertexts();
        int oldKey = cipher.primaryKeyId();
        List<String> steps = new ArrayList<>();
        int[] ticks = {0};

        KeyRotation.Result result = rotation.rotate(false, new KeyRotation.Progress() {
            @Override
            public void step(String description, long total) {
                steps.add(description + ":" + total);
            }

            @Override
            public void tick() {
                ticks[0]++;
            }
        });

        assertThat(result.reEncrypted()).isEqualTo(before.size()).isEqualTo(ticks[0]);
        assertThat(steps).anyMatch(s -> s.startsWith("connection secrets:")).anyMatch(s -> s.startsWith("authenticator secrets:"));
        assertThat(result.oldPrimaryKeyId()).isEqualTo(oldKey);
        assertThat(cipher.primaryKeyId()).isEqualTo(result.newPrimaryKeyId()).isNotEqualTo(oldKey);
        List<byte[]> after = allCiphertexts();
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).isNotEqualTo(before.get(i));
        }
        assertThat(connections.activeAccount(company.id(), ConnectionType.EMAIL).requireSecret("password").reveal())
                .isEqualTo("before-rotation");
        // an old ciphertext no longer opens: its key is gone from the keyset
        byte[] old = before.getFirst();
        String ad = jdbc.sql("select 'connections.secret:' || tenant_id || ':' || connection_id || ':' || name "
                + "from connections.connection_secret limit 1").query(String.class).single();
        assertThatThrownBy(() -> cipher.decrypt(old, ad)).hasMessageContaining("does not decrypt");
    }

    @Test
    void rotatingTheMasterKeyReplacesTheKeyFile() throws Exception {
        cipher.verify();
        String oldFile = Files.readString(masterKeys.file()).trim();
        byte[] sealedBefore = jdbc.sql("select sealed_keyset from platform.secret_keyset").query(byte[].class).single();

        KeyRotation.Result result = rotation.rotate(true, new KeyRotation.Progress() {
            @Override
            public void step(String description, long total) {
            }

            @Override
            public void tick() {
            }
        });

        assertThat(result.masterKeyRotated()).isTrue();
        assertThat(result.newMasterKeyToSet()).isNull(); // file mode: nothing for the operator to copy
        String newFile = Files.readString(masterKeys.file()).trim();
        assertThat(newFile).isNotEqualTo(oldFile);
        assertThat(Files.exists(masterKeys.nextFile())).isFalse();
        assertThat(Files.getPosixFilePermissions(masterKeys.file()).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        byte[] sealedAfter = jdbc.sql("select sealed_keyset from platform.secret_keyset").query(byte[].class).single();
        assertThat(DataKeyset.open(sealedAfter, MasterKey.fromBase64(newFile, "new"))).isNotNull();
        assertThatThrownBy(() -> DataKeyset.open(sealedAfter, MasterKey.fromBase64(oldFile, "old")))
                .isInstanceOf(WrongMasterKeyException.class);
        assertThat(DataKeyset.open(sealedBefore, MasterKey.fromBase64(oldFile, "old"))).isNotNull();
        // other test contexts share the key file: put the old one back together with the old keyset
        MasterKey.fromBase64(oldFile, "old").writeFile(masterKeys.file(), true);
        jdbc.sql("update platform.secret_keyset set sealed_keyset = :s, version = version + 1").param("s", sealedBefore).update();
        cipher.verify();
    }

    @Test
    void aWrongMasterKeyIsRefusedWithAClearMessage() {
        cipher.verify();
        byte[] sealed = jdbc.sql("select sealed_keyset from platform.secret_keyset").query(byte[].class).single();
        assertThatThrownBy(() -> DataKeyset.open(sealed, MasterKey.generate()))
                .isInstanceOf(WrongMasterKeyException.class)
                .hasMessageContaining("does not open the data keyset")
                .hasMessageContaining("RIDGELINE_MASTER_KEY");
        assertThatThrownBy(() -> MasterKey.fromBase64("too-short", "RIDGELINE_MASTER_KEY"))
                .hasMessage("RIDGELINE_MASTER_KEY is not valid base64 of 32 bytes");
    }

    private List<byte[]> allCiphertexts() {
        List<byte[]> all = new ArrayList<>(jdbc.sql("select ciphertext from connections.connection_secret order by connection_id, name")
                .query(byte[].class).list());
        all.addAll(jdbc.sql("select totp_secret from identity.app_user where totp_secret is not null order by id")
                .query(byte[].class).list());
        // The email tracking key, once any tracked email made it.
        all.addAll(jdbc.sql("select ciphertext from outreach.tracking_key").query(byte[].class).list());
        return all;
    }
}

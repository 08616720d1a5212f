package dev.ridgeline.platform.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/** The data-encryption keyset (Tink, AES-256-GCM) and its sealed form, with the version it was stored under. */
record DataKeyset(KeysetHandle handle, long version) {

    private static final byte[] SEAL_CONTEXT = "ridgeline data keyset".getBytes(StandardCharsets.UTF_8);

    static KeysetHandle generate() {
        try {
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a data keyset", e);
        }
    }

    /** A keyset with a fresh primary key added; the old keys stay so old ciphertexts still open. */
    static KeysetHandle withNewPrimary(KeysetHandle current) {
        try {
            return KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot add a key to the data keyset", e);
        }
    }

    /** Only the primary key: what remains once every ciphertext was re-encrypted under it. */
    static KeysetHandle primaryOnly(KeysetHandle handle) {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (!builder.getAt(i).isPrimary()) {
                    builder.deleteAt(i);
                }
            }
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot prune the data keyset", e);
        }
    }

    static boolean allEnabled(KeysetHandle handle) {
        for (int i = 0; i < handle.size(); i++) {
            if (handle.getAt(i).getStatus() != KeyStatus.ENABLED) {
                return false;
            }
        }
        return true;
    }

    static byte[] seal(KeysetHandle handle, MasterKey masterKey) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, masterKey.aead(), SEAL_CONTEXT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal the data keyset", e);
        }
    }

    /** Opens a sealed keyset; throws {@link WrongMasterKeyException} when the master key does not fit. */
    static KeysetHandle open(byte[] sealed, MasterKey masterKey) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(sealed, masterKey.aead(), SEAL_CONTEXT);
        } catch (GeneralSecurityException e) {
            throw new WrongMasterKeyException(masterKey.source());
        }
    }

    Aead aead() {
        try {
            return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the data AEAD", e);
        }
    }

    int primaryKeyId() {
        return handle.getPrimary().getId();
    }
}

package dev.ridgeline.platform.internal.crypto;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.SecretCipher;

/**
 * The installation's cipher. Loads (or on first use creates) the sealed data keyset, and follows rotations made by
 * another process: before encrypting it share-locks the keyset row and reloads if its version moved, so nothing is
 * ever encrypted under a key a concurrent rotation is about to drop; a failed decrypt reloads once and retries.
 */
public class TinkSecretCipher implements SecretCipher {

    private final KeysetStore store;
    private final MasterKeySource masterKeys;
    private volatile @Nullable Loaded loaded;

    private record Loaded(DataKeyset keyset, AeadSecretCipher cipher) {
    }

    TinkSecretCipher(KeysetStore store, MasterKeySource masterKeys) {
        this.store = store;
        this.masterKeys = masterKeys;
    }

    @Override
    public byte[] encrypt(String plaintext, String associatedData) {
        long version = store.shareLockedVersion().orElse(-1L);
        Loaded current = current();
        if (current.keyset().version() != version) {
            current = reload();
        }
        return current.cipher().encrypt(plaintext, associatedData);
    }

    @Override
    public String decrypt(byte[] ciphertext, String associatedData) {
        try {
            return current().cipher().decrypt(ciphertext, associatedData);
        } catch (IllegalStateException e) {
            return reload().cipher().decrypt(ciphertext, associatedData);
        }
    }

    /** Loads the keyset now, failing loudly when the master key does not fit. */
    public void verify() {
        reload();
    }

    int primaryKeyId() {
        return current().keyset().primaryKeyId();
    }

    private Loaded current() {
        Loaded l = loaded;
        return l != null ? l : reload();
    }

    synchronized Loaded reload() {
        var stored = store.load();
        DataKeyset keyset;
        if (stored.isEmpty()) {
            MasterKey master = masterKeys.forNewKeyset();
            var handle = DataKeyset.generate();
            var inserted = store.insertFirst(DataKeyset.seal(handle, master));
            keyset = new DataKeyset(DataKeyset.open(inserted.bytes(), master), inserted.version());
        } else {
            byte[] sealed = stored.get().bytes();
            MasterKey master = masterKeys.forExistingKeyset(k -> opens(sealed, k));
            keyset = new DataKeyset(DataKeyset.open(sealed, master), stored.get().version());
        }
        Loaded l = new Loaded(keyset, new AeadSecretCipher(keyset.aead()));
        loaded = l;
        return l;
    }

    private static boolean opens(byte[] sealed, MasterKey key) {
        try {
            DataKeyset.open(sealed, key);
            return true;
        } catch (WrongMasterKeyException e) {
            return false;
        }
    }
}

package dev.ridgeline.platform.internal.crypto;

import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.platform.EncryptedColumns;

/**
 * Rotates the data key, and optionally the master key, in one transaction: a new primary key is added, every
 * module re-encrypts its ciphertexts under it, the old keys are dropped, and the keyset is sealed again. Readers in
 * other processes pick up the new keyset by its version.
 */
public class KeyRotation {

    /** What a rotation did; {@code newMasterKeyToSet} is non-null only when the operator must set it themselves. */
    public record Result(long reEncrypted, int oldPrimaryKeyId, int newPrimaryKeyId, boolean masterKeyRotated,
            @Nullable String newMasterKeyToSet) {

        @Override
        public String toString() {
            return "Result[reEncrypted=" + reEncrypted + ", masterKeyRotated=" + masterKeyRotated + "]";
        }
    }

    /** Progress of one step: a description and its row count, then one tick per row. */
    public interface Progress {
        void step(String description, long total);

        void tick();
    }

    private final KeysetStore store;
    private final MasterKeySource masterKeys;
    private final TinkSecretCipher cipher;
    private final List<EncryptedColumns> columns;
    private final TransactionTemplate transactions;

    KeyRotation(KeysetStore store, MasterKeySource masterKeys, TinkSecretCipher cipher, List<EncryptedColumns> columns,
            TransactionTemplate transactions) {
        this.store = store;
        this.masterKeys = masterKeys;
        this.cipher = cipher;
        this.columns = columns;
        this.transactions = transactions;
    }

    public Result rotate(boolean rotateMasterKey, Progress progress) {
        cipher.verify(); // creates the keyset on a fresh database, and fails early on a wrong master key
        Result result = transactions.execute(status -> {
            KeysetStore.Sealed sealed = store.lockForUpdate().orElseThrow();
            MasterKey master = masterKeys.forExistingKeyset(k -> opens(sealed.bytes(), k));
            var current = DataKeyset.open(sealed.bytes(), master);
            int oldPrimary = current.getPrimary().getId();
            var rotating = DataKeyset.withNewPrimary(current);
            var rotatingCipher = new AeadSecretCipher(new DataKeyset(rotating, sealed.version()).aead());
            long count = 0;
            for (EncryptedColumns c : columns) {
                progress.step(c.description(), c.count());
                count += c.reEncrypt(rotatingCipher, progress::tick);
            }
            var pruned = DataKeyset.primaryOnly(rotating);
            MasterKey sealWith = rotateMasterKey ? MasterKey.generate() : master;
            boolean fileMode = !masterKeys.fromEnvironment();
            if (rotateMasterKey && fileMode) {
                masterKeys.writeNext(sealWith);
                afterCompletion(committed -> {
                    if (committed) {
                        masterKeys.commitNext();
                    } else {
                        masterKeys.discardNext();
                    }
                });
            }
            store.replace(DataKeyset.seal(pruned, sealWith), sealed.version());
            return new Result(count, oldPrimary, pruned.getPrimary().getId(), rotateMasterKey,
                    rotateMasterKey && !fileMode ? sealWith.base64() : null);
        });
        if (result != null && result.newMasterKeyToSet() == null) {
            cipher.reload();
        }
        return result;
    }

    private static void afterCompletion(Consumer<Boolean> action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                action.accept(status == STATUS_COMMITTED);
            }
        });
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

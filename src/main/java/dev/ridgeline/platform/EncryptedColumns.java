package dev.ridgeline.platform;

/**
 * Implemented by each module that stores ciphertexts made by {@link SecretCipher}. Key rotation calls every
 * implementation to re-encrypt its rows under the new primary key, inside one transaction.
 */
public interface EncryptedColumns {

    /** A short name for progress output, e.g. "connection secrets". */
    String description();

    /** How many ciphertexts {@link #reEncrypt} will touch. */
    long count();

    /**
     * Decrypts and re-encrypts every stored ciphertext with {@code cipher}; calls {@code progress} once per row.
     *
     * @return the number of rows re-encrypted
     */
    long reEncrypt(SecretCipher cipher, Runnable progress);
}

package dev.ridgeline.platform;

/**
 * Encrypts secrets at rest with an AEAD (Google Tink, AES-256-GCM) under the installation's data keyset, which is
 * itself sealed by the master key. The associated data binds a ciphertext to its row, so a ciphertext copied to
 * another row or tenant does not decrypt.
 */
public interface SecretCipher {

    byte[] encrypt(String plaintext, String associatedData);

    /** Decrypts; throws {@link IllegalStateException} if the ciphertext was tampered with or belongs elsewhere. */
    String decrypt(byte[] ciphertext, String associatedData);
}

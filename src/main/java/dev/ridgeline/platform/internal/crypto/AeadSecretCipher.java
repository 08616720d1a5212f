package dev.ridgeline.platform.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;

import dev.ridgeline.platform.SecretCipher;

/** A cipher over one fixed keyset; used directly during rotation and wrapped by {@link TinkSecretCipher}. */
final class AeadSecretCipher implements SecretCipher {

    private final Aead aead;

    AeadSecretCipher(Aead aead) {
        this.aead = aead;
    }

    @Override
    public byte[] encrypt(String plaintext, String associatedData) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed for " + associatedData, e);
        }
    }

    @Override
    public String decrypt(byte[] ciphertext, String associatedData) {
        try {
            return new String(aead.decrypt(ciphertext, associatedData.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret for " + associatedData
                    + " does not decrypt: it was altered, moved, or sealed under a key that is gone");
        }
    }
}

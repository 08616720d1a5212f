package dev.ridgeline.platform.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;

/**
 * The key-encryption key: 32 random bytes, from {@code RIDGELINE_MASTER_KEY} (base64) or from the key file in the
 * data folder. It seals only the data keyset; it never touches a secret directly.
 */
public final class MasterKey {

    static final int LENGTH = 32;

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] bytes;
    private final String source;

    private MasterKey(byte[] bytes, String source) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(source + " must be base64 of exactly " + LENGTH + " bytes, got "
                    + bytes.length + " bytes");
        }
        this.bytes = bytes.clone();
        this.source = source;
    }

    /** Parses a base64 key; the error names {@code source} but never echoes the value. */
    public static MasterKey fromBase64(String value, String source) {
        try {
            return new MasterKey(Base64.getDecoder().decode(value.trim()), source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid base64 of " + LENGTH + " bytes");
        }
    }

    public static MasterKey generate() {
        byte[] b = new byte[LENGTH];
        new SecureRandom().nextBytes(b);
        return new MasterKey(b, "generated key");
    }

    /** Reads the key file if present. */
    public static Optional<MasterKey> readFile(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromBase64(Files.readString(file, StandardCharsets.US_ASCII), "key file " + file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read master key file " + file, e);
        }
    }

    /** Writes the key to {@code file} with mode 0600, atomically; refuses to overwrite unless {@code replace}. */
    public void writeFile(Path file, boolean replace) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, base64() + "\n", StandardCharsets.US_ASCII);
            if (!replace && Files.exists(file)) {
                Files.delete(tmp);
                throw new FileAlreadyExistsException(file.toString());
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write master key file " + file, e);
        }
    }

    /** The base64 form, for writing the key file or showing an operator the new value once. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String source() {
        return source;
    }

    Aead aead() {
        try {
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(LENGTH).setIvSizeBytes(12).setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
            AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get())).build();
            KeysetHandle handle = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build();
            return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the master key AEAD", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + source + "]";
    }
}

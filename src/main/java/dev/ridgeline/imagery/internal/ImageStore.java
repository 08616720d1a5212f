package dev.ridgeline.imagery.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where image bytes live, addressed by their SHA-256: the same image fetched twice (two companies, two passes) is
 * stored once. A folder by default, an S3-compatible bucket when configured.
 */
public interface ImageStore {

    /** Stores the bytes (nothing is written when they are there already); returns their hash. */
    String put(byte[] bytes, String contentType);

    Optional<byte[]> get(String hash);

    void delete(String hash);

    /** {@code disk} or {@code s3}, for the health page and logs. */
    String kind();

    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a string is a hash this store made (so a path or key built from it cannot escape the store). */
    static boolean valid(String hash) {
        return hash.length() == 64 && hash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}

package dev.ridgeline.outreach.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ridgeline.platform.EncryptedColumns;
import dev.ridgeline.platform.PlatformProperties;
import dev.ridgeline.platform.SecretCipher;

/**
 * Open pixels and click links. A click link carries the message, the destination and an HMAC-SHA256 of both under
 * the installation's tracking key, so it redirects only to the address it was made for: change one character of
 * the destination and it is refused, never followed (no open redirect). The key is made on first use and sealed by
 * the data keyset like every other secret.
 */
@Component
public class TrackingLinks implements EncryptedColumns {

    private static final String AD = "outreach.tracking_key";
    private static final Pattern LINK = Pattern.compile("(?i)(<a\\s[^>]*?href\\s*=\\s*)([\"'])(https?://[^\"']+)\\2");

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;
    private final String publicUrl;
    private volatile byte[] key;

    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

    TrackingLinks(JdbcClient jdbc, SecretCipher cipher, Clock clock, PlatformProperties platform,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.publicUrl = platform.publicUrl().replaceAll("/+$", "");
    }

    /**
     * The HTML with every http(s) link but the unsubscribe one sent through the click redirect, and the open pixel
     * at the end, as asked.
     */
    public String track(UUID messageId, String html, boolean opens, boolean clicks) {
        String out = html;
        if (clicks) {
            Matcher m = LINK.matcher(html);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String url = m.group(3).replace("&amp;", "&");
                String replacement = url.startsWith(publicUrl + "/u/") ? m.group()
                        : m.group(1) + m.group(2) + clickUrl(messageId, url).replace("&", "&amp;") + m.group(2);
                m.appendReplacement(b, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(b);
            out = b.toString();
        }
        if (opens) {
            out = out + "<img src=\"" + publicUrl + "/t/o/" + messageId + ".gif?s=" + sign(messageId, "open")
                    + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
        }
        return out;
    }

    public String clickUrl(UUID messageId, String url) {
        return publicUrl + "/t/c/" + messageId + "?u=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&s="
                + sign(messageId, url);
    }

    /** True when {@code signature} is this installation's for the message and value (constant-time compare). */
    public boolean verify(UUID messageId, String value, String signature) {
        return signature != null && MessageDigest.isEqual(sign(messageId, value).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    String sign(UUID messageId, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] d = mac.doFinal((messageId + "\n" + value).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    // Committed on its own, so a key in use is never one a rolled-back transaction made.
                    key = ownTransaction.execute(status -> loadOrCreate());
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadOrCreate() {
        var stored = jdbc.sql("select ciphertext from outreach.tracking_key where id = 1").query(byte[].class).optional();
        if (stored.isPresent()) {
            return Base64.getDecoder().decode(cipher.decrypt(stored.get(), AD));
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into outreach.tracking_key (id, ciphertext, created_at) values (1, :c, :now) on conflict do nothing")
                .param("c", cipher.encrypt(Base64.getEncoder().encodeToString(fresh), AD))
                .param("now", Timestamp.from(clock.instant())).update();
        // Another node may have won the insert: use what is stored.
        byte[] won = jdbc.sql("select ciphertext from outreach.tracking_key where id = 1").query(byte[].class).single();
        return Base64.getDecoder().decode(cipher.decrypt(won, AD));
    }

    @Override
    public String description() {
        return "email tracking key";
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from outreach.tracking_key").query(Long.class).single();
    }

    @Override
    public long reEncrypt(SecretCipher with, Runnable progress) {
        var stored = jdbc.sql("select ciphertext from outreach.tracking_key where id = 1 for update").query(byte[].class)
                .optional();
        if (stored.isEmpty()) {
            return 0;
        }
        jdbc.sql("update outreach.tracking_key set ciphertext = :c where id = 1")
                .param("c", with.encrypt(with.decrypt(stored.get(), AD), AD)).update();
        progress.run();
        return 1;
    }
}

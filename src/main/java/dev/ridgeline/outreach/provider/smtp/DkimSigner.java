package dev.ridgeline.outreach.provider.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * DKIM signatures (RFC 6376): rsa-sha256, relaxed/relaxed, over the headers that matter to receivers and to
 * one-click unsubscribe (Gmail wants List-Unsubscribe and List-Unsubscribe-Post signed). From is signed twice, so
 * that a From added on the way breaks the signature instead of riding on it. No l= tag.
 */
public final class DkimSigner {

    /** Signed when present, in this order; "from" is listed again at the end to over-sign it. */
    static final List<String> SIGNED = List.of("from", "to", "cc", "reply-to", "subject", "date", "message-id",
            "mime-version", "content-type", "content-transfer-encoding", "in-reply-to", "references",
            "list-unsubscribe", "list-unsubscribe-post", "list-id");

    private final String domain;
    private final String selector;
    private final PrivateKey key;

    public DkimSigner(String domain, String selector, PrivateKey key) {
        if (!domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
            throw new IllegalArgumentException("DKIM domain: '" + domain + "' is not a domain name");
        }
        if (!selector.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("DKIM selector: '" + selector + "' may hold letters, digits, dot, dash");
        }
        if (key instanceof RSAPrivateCrtKey rsa && rsa.getModulus().bitLength() < 1024) {
            throw new IllegalArgumentException("DKIM key: RSA keys under 1024 bits are refused by receivers");
        }
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.selector = selector;
        this.key = key;
    }

    /** A PKCS#8 private key in PEM ("-----BEGIN PRIVATE KEY-----"), as `openssl genpkey` writes it. */
    public static PrivateKey rsaKeyFromPem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("DKIM key: a PKCS#1 key; convert it with `openssl pkcs8 -topk8 -nocrypt`");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("DKIM key: not a PEM PKCS#8 RSA private key", e);
        }
    }

    /**
     * The DKIM-Signature header line (name, value, CRLF) for a complete message as it will be sent: its header
     * block, a blank line, the body, with CRLF line ends.
     */
    public String sign(byte[] message, Instant now) {
        // On the wire every line ends in CRLF, whatever the MIME writer left in the body.
        message = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        int split = indexOfBlankLine(message);
        String headerBlock = new String(message, 0, split < 0 ? message.length : split, StandardCharsets.ISO_8859_1);
        byte[] body = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(message, split + 4, message.length);
        List<String[]> headers = headers(headerBlock);
        List<String> names = new ArrayList<>();
        StringBuilder signed = new StringBuilder();
        // Each name takes the instances from the bottom up (RFC 6376 5.4.2).
        java.util.Map<String, Integer> used = new java.util.HashMap<>();
        for (String name : SIGNED) {
            String[] h = nth(headers, name, used.merge(name, 1, Integer::sum));
            if (h != null) {
                names.add(name);
                signed.append(relaxedHeader(h[0], h[1])).append("\r\n");
            }
        }
        names.add("from");
        String value = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; t="
                + now.getEpochSecond() + "; h=" + String.join(":", names) + "; bh=" + bodyHash(body) + "; b=";
        signed.append(relaxedHeader("DKIM-Signature", value));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
            String b = Base64.getEncoder().encodeToString(rsa.sign());
            return "DKIM-Signature: " + fold(value + b) + "\r\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM signing failed: " + e.getMessage(), e);
        }
    }

    static String bodyHash(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(relaxedBody(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 6376 3.4.2: lower-case name, unfolded value, runs of white space as one space, none at the ends. */
    static String relaxedHeader(String name, String value) {
        String v = value.replace("\r\n", "").replace("\n", "").replaceAll("[ \\t]+", " ").strip();
        return name.strip().toLowerCase(Locale.ROOT) + ":" + v;
    }

    /** RFC 6376 3.4.4: no white space at line ends, runs of it as one space, no empty lines at the end. */
    static byte[] relaxedBody(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        String[] lines = text.split("\n", -1);
        int last = lines.length - 1;
        while (last >= 0 && lines[last].replaceAll("[ \\t]+$", "").isEmpty()) {
            last--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        for (int i = 0; i <= last; i++) {
            String line = lines[i].replaceAll("[ \\t]+", " ").replaceAll(" $", "");
            out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    private static String[] nth(List<String[]> headers, String name, int n) {
        int seen = 0;
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i)[0].equalsIgnoreCase(name) && ++seen == n) {
                return headers.get(i);
            }
        }
        return null;
    }

    /** Name and raw value (folding kept) of each header. */
    static List<String[]> headers(String block) {
        List<String[]> out = new ArrayList<>();
        for (String line : block.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !out.isEmpty()) {
                String[] last = out.getLast();
                last[1] = last[1] + "\r\n" + line;
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
                }
            }
        }
        return out;
    }

    private static int indexOfBlankLine(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Folds the long b= and h= values at tag boundaries and every 72 characters of base64. */
    private static String fold(String value) {
        StringBuilder out = new StringBuilder();
        int lineLength = "DKIM-Signature: ".length();
        for (String tag : value.split("; ")) {
            String piece = out.isEmpty() ? tag : "; " + tag;
            if (lineLength + piece.length() > 76 && !out.isEmpty()) {
                out.append(";\r\n\t");
                piece = tag;
                lineLength = 1;
            }
            // Only b= is broken inside: verifiers drop its value, while a space inside another tag would change it.
            while (tag.startsWith("b=") && lineLength + piece.length() > 78 && piece.length() > 72) {
                out.append(piece, 0, 72).append("\r\n\t");
                piece = piece.substring(72);
                lineLength = 1;
            }
            out.append(piece);
            lineLength += piece.length();
        }
        return out.toString();
    }
}

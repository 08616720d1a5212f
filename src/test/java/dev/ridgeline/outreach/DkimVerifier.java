package dev.ridgeline.outreach;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DKIM verifier written for the tests apart from the signer, from RFC 6376 (3.4.2, 3.4.4, 3.7, 5.4.2, 6.1.3):
 * given the message as received and the public key its DNS record would publish, checks the body hash and the
 * signature, and answers the signed header names.
 */
public final class DkimVerifier {

    public record Result(boolean valid, String reason, List<String> signedHeaders, String domain) {
    }

    public static Result verify(byte[] received, String publicKeyBase64) throws Exception {
        String all = new String(received, StandardCharsets.ISO_8859_1).replaceAll("\r?\n", "\r\n");
        int blank = all.indexOf("\r\n\r\n");
        String head = all.substring(0, blank + 2);
        String body = all.substring(blank + 4);
        List<String> fields = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                fields.set(fields.size() - 1, fields.getLast() + "\r\n" + line);
            } else if (!line.isEmpty()) {
                fields.add(line);
            }
        }
        String signatureField = fields.stream().filter(f -> f.toLowerCase(Locale.ROOT).startsWith("dkim-signature:"))
                .findFirst().orElse(null);
        if (signatureField == null) {
            return new Result(false, "no DKIM-Signature", List.of(), "");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : signatureField.substring(signatureField.indexOf(':') + 1).split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                tags.put(tag.substring(0, eq).replaceAll("\\s", ""), tag.substring(eq + 1).replaceAll("\\s", ""));
            }
        }
        if (!"relaxed/relaxed".equals(tags.get("c")) || !"rsa-sha256".equals(tags.get("a"))) {
            return new Result(false, "unexpected c= or a=", List.of(), "");
        }
        // Body: relaxed.
        StringBuilder canonicalBody = new StringBuilder();
        List<String> lines = new ArrayList<>(List.of(body.split("\r\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, lines.get(i).replaceAll("[ \t]+", " ").replaceAll(" +$", ""));
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        for (String l : lines) {
            canonicalBody.append(l).append("\r\n");
        }
        String bodyHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(canonicalBody.toString().getBytes(StandardCharsets.ISO_8859_1)));
        if (!bodyHash.equals(tags.get("bh"))) {
            return new Result(false, "body hash differs", List.of(), tags.get("d"));
        }
        // Headers: bottom-most unused instance of each name in h=.
        List<String> names = List.of(tags.get("h").toLowerCase(Locale.ROOT).split(":"));
        Map<String, Integer> used = new HashMap<>();
        StringBuilder data = new StringBuilder();
        for (String name : names) {
            int skip = used.merge(name, 1, Integer::sum);
            String found = null;
            for (int i = fields.size() - 1; i >= 0; i--) {
                String f = fields.get(i);
                if (f.substring(0, Math.max(0, f.indexOf(':'))).strip().equalsIgnoreCase(name) && --skip == 0) {
                    found = f;
                    break;
                }
            }
            if (found != null) {
                data.append(relaxed(found)).append("\r\n");
            }
        }
        String withoutB = signatureField.replaceAll("(?s)(\\bb=)[^;]*", "$1");
        data.append(relaxed(withoutB));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
        rsa.initVerify(key);
        rsa.update(data.toString().getBytes(StandardCharsets.ISO_8859_1));
        boolean ok = rsa.verify(Base64.getDecoder().decode(tags.get("b")));
        return new Result(ok, ok ? "pass" : "signature does not verify", names, tags.get("d"));
    }

    private static String relaxed(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name + ":" + value;
    }

    private DkimVerifier() {
    }
}

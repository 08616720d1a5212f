package dev.ridgeline.voice.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key a live call's media stream must present: an HMAC-SHA256, under the company's Twilio auth token, of the
 * company and the call. It travels only in the TwiML this server gave Twilio over a signed exchange, and comes back
 * in the stream's {@code start} message, so only Twilio can open a stream for a call (Twilio's own signature on the
 * WebSocket upgrade is not documented, so it is not relied on).
 */
final class StreamToken {

    private StreamToken() {
    }

    static String of(String authToken, String company, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("live-call:" + company + "/" + message).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean valid(String authToken, String company, String message, String presented) {
        return !authToken.isEmpty() && MessageDigest.isEqual(of(authToken, company, message)
                .getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.ridgeline.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import jakarta.servlet.http.Cookie;

/** The browser's part of an OAuth connect flow, for contract tests: start, then come back with a code. */
public final class OAuthFlows {

    private OAuthFlows() {
    }

    /** An unsigned id_token whose payload is {@code claims} (JSON), as a token endpoint returns it. */
    public static String idToken(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    /** Starts connecting a provider; the authorization request's parameters, with "location" the address. */
    public static Map<String, String> start(MockMvc mvc, Cookie session, String provider) throws Exception {
        MvcResult start = mvc.perform(get("/settings/connections/oauth/start").param("type", "EMAIL")
                .param("provider", provider).cookie(session)).andReturn();
        String location = start.getResponse().getRedirectedUrl();
        assertThat(location).as("redirected to the vendor").isNotNull();
        Map<String, String> q = query(URI.create(location).getRawQuery());
        q.put("location", location);
        return q;
    }

    /** The vendor sending the person back with a code; the flash messages the page then shows. */
    public static MvcResult callback(MockMvc mvc, Cookie session, String client, Map<String, String> params)
            throws Exception {
        var request = get("/settings/connections/oauth/" + client + "/callback").cookie(session);
        params.forEach(request::param);
        return mvc.perform(request).andReturn();
    }

    public static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The S256 code challenge of a verifier (RFC 7636). */
    public static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}

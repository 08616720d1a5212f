package dev.ridgeline.connections;

/**
 * An OAuth token could not be had. {@code reconnect} means the vendor no longer honours the stored grant (revoked,
 * expired, password changed: {@code invalid_grant}) and a person must connect the account again; otherwise the
 * failure is passing (the token endpoint down or slow) and a later try may succeed.
 */
public class OAuthException extends RuntimeException {

    private final boolean reconnect;

    public OAuthException(boolean reconnect, String message, Throwable cause) {
        super(message, cause);
        this.reconnect = reconnect;
    }

    public OAuthException(boolean reconnect, String message) {
        super(message);
        this.reconnect = reconnect;
    }

    public boolean reconnect() {
        return reconnect;
    }
}

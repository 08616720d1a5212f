package dev.ridgeline.imagery;

/**
 * A source could not be asked or refused: the router moves on to the next source and, for {@link Kind#DENIED},
 * {@link Kind#RATE_LIMITED} and {@link Kind#QUOTA}, rests the source a while. "No imagery here" is not an error:
 * sources answer it with an empty result.
 */
public class ImageryException extends RuntimeException {

    /** Why the source did not answer. */
    public enum Kind {
        /** The key or token was refused (401, 403, REQUEST_DENIED). */
        DENIED,
        /** Too many requests now (429). */
        RATE_LIMITED,
        /** The quota or allowance is used up (OVER_QUERY_LIMIT, a daily quota). */
        QUOTA,
        /** The source failed or could not be reached (5xx, timeout, network). */
        UNAVAILABLE,
        /** The source answered something that is not what its contract says. */
        BAD_ANSWER
    }

    private final Kind kind;
    private final String source;

    public ImageryException(String source, Kind kind, String message) {
        super(source + ": " + message);
        this.kind = kind;
        this.source = source;
    }

    public ImageryException(String source, Kind kind, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.kind = kind;
        this.source = source;
    }

    public Kind kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    /** The kind a provider's HTTP status means. */
    public static Kind ofStatus(int status) {
        return switch (status) {
            case 401, 403 -> Kind.DENIED;
            case 429 -> Kind.RATE_LIMITED;
            case 402 -> Kind.QUOTA;
            default -> status >= 500 ? Kind.UNAVAILABLE : Kind.BAD_ANSWER;
        };
    }
}

package dev.ridgeline.outreach;

/**
 * A provider refused or failed a send. Adapters map every vendor error to one of these with the vendor's own code;
 * they never swallow an error.
 */
public class ProviderException extends RuntimeException {

    private final FailureClass failureClass;
    private final String code;

    public ProviderException(FailureClass failureClass, String code, String message) {
        super(message);
        this.failureClass = failureClass;
        this.code = code;
    }

    public ProviderException(FailureClass failureClass, String code, String message, Throwable cause) {
        super(message, cause);
        this.failureClass = failureClass;
        this.code = code;
    }

    public FailureClass failureClass() {
        return failureClass;
    }

    public String code() {
        return code;
    }
}

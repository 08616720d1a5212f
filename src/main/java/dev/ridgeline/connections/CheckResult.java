package dev.ridgeline.connections;

/** The outcome of testing a connection against its provider; the message never contains a secret. */
public record CheckResult(boolean ok, String message) {

    public static CheckResult ok(String message) {
        return new CheckResult(true, message);
    }

    public static CheckResult failed(String message) {
        return new CheckResult(false, message);
    }
}

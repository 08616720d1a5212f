package dev.ridgeline.platform;

/** The actor's role does not allow the action. Maps to 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}

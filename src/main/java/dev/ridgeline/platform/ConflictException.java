package dev.ridgeline.platform;

/** The request clashes with what is stored (a duplicate email, a revoked key used again). Maps to 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

package dev.ridgeline.platform;

/** A resource does not exist, or belongs to another tenant (we never say which). Maps to 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}

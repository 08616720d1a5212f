package dev.ridgeline.platform;

import java.io.Serializable;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** A tenant: one roofing company. */
public record TenantId(@JsonValue UUID value) implements Serializable {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    @JsonCreator
    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

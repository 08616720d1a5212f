package dev.ridgeline.connections;

/** A decrypted secret. Its {@code toString} is masked so it cannot leak through logs by accident. */
public record SecretValue(String value) {

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}

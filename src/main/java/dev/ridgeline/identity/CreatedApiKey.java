package dev.ridgeline.identity;

/** A key just made: {@code token} is shown to the owner once and never stored or shown again. */
public record CreatedApiKey(ApiKey key, String token) {

    @Override
    public String toString() {
        return "CreatedApiKey[key=" + key + ", token=****]";
    }
}

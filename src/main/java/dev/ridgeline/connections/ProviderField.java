package dev.ridgeline.connections;

/**
 * One input of a provider's connection form.
 *
 * @param name the key in settings or secrets, e.g. {@code host} or {@code password}
 * @param label what the form shows
 * @param required whether a connection is incomplete without it
 * @param hint one line of help, e.g. where to find the value in the vendor's console
 */
public record ProviderField(String name, String label, boolean required, String hint) {

    public static ProviderField required(String name, String label, String hint) {
        return new ProviderField(name, label, true, hint);
    }

    public static ProviderField optional(String name, String label, String hint) {
        return new ProviderField(name, label, false, hint);
    }
}

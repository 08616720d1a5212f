package dev.ridgeline.connections;

import java.util.Map;

/**
 * A create or update request. A secret left blank on update keeps its stored value, so a form never needs to
 * show the old one.
 */
public record ConnectionDraft(ConnectionType type, String providerId, String name, Map<String, String> settings,
        Map<String, String> secrets) {

    @Override
    public String toString() {
        return "ConnectionDraft[type=" + type + ", providerId=" + providerId + ", name=" + name + ", settings="
                + settings + ", secrets=" + secrets.keySet() + "]";
    }
}

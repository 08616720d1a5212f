package dev.ridgeline.connections;

/** Only an active connection is used; a disabled one keeps its settings for switching back. */
public enum ConnectionStatus {
    ACTIVE, DISABLED
}

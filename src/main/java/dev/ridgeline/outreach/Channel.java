package dev.ridgeline.outreach;

import dev.ridgeline.connections.ConnectionType;

public enum Channel {
    EMAIL(ConnectionType.EMAIL), SMS(ConnectionType.SMS), VOICE(ConnectionType.VOICE);

    private final ConnectionType connectionType;

    Channel(ConnectionType connectionType) {
        this.connectionType = connectionType;
    }

    /** Which connection type selects this channel's provider. */
    public ConnectionType connectionType() {
        return connectionType;
    }
}

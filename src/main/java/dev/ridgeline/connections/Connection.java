package dev.ridgeline.connections;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored connection as pages and the API see it: settings in the clear, and only the names and change times of
 * its secrets.
 */
public record Connection(UUID id, ConnectionType type, String providerId, String name, Map<String, String> settings,
        Map<String, Instant> secretsSetAt, ConnectionStatus status, Instant createdAt, Instant updatedAt) {
}

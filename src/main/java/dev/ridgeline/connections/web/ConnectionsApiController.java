package dev.ridgeline.connections.web;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.ridgeline.connections.Connection;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.platform.Actor;

/** Read-only: settings and which secrets are set (with when), never a secret's value. */
@RestController
@RequestMapping("/api/v1/connections")
@Tag(name = "Connections", description = "Provider connections; secrets are never returned")
class ConnectionsApiController {

    private final ConnectionsService connections;

    ConnectionsApiController(ConnectionsService connections) {
        this.connections = connections;
    }

    @GetMapping
    @Operation(summary = "List provider connections")
    List<Connection> list(Actor actor) {
        return connections.list(actor);
    }

    @GetMapping("/{connectionId}")
    @Operation(summary = "One provider connection")
    Connection get(Actor actor, @PathVariable UUID connectionId) {
        return connections.get(actor, connectionId);
    }
}

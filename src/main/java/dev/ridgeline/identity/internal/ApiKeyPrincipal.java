package dev.ridgeline.identity.internal;

import java.io.Serial;
import java.io.Serializable;

import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.ActorPrincipal;

/** Who calls the API with a key: the owner who created it, limited by the key's scope. */
record ApiKeyPrincipal(Actor actor, String prefix, ApiKeyScope scope) implements ActorPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}

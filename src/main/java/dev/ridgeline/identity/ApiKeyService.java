package dev.ridgeline.identity;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.identity.internal.ApiKeyStore;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;

/** API keys for {@code /api/v1}: created by owners, shown once, stored hashed, scoped, revocable. */
@Service
public class ApiKeyService {

    private final ApiKeyStore store;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    public ApiKeyService(ApiKeyStore store, ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
        this.store = store;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional
    public CreatedApiKey create(Actor actor, String name, ApiKeyScope scope) {
        actor.require(Permission.API_KEYS_MANAGE);
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw InvalidInputException.of("name", "is required: say what the key is for, e.g. \"CRM sync\"");
        }
        if (trimmed.length() > 80) {
            throw InvalidInputException.of("name", "at most 80 characters");
        }
        CreatedApiKey created = store.create(actor.tenantId(), ids.next(), trimmed, scope, actor.userId(), clock.instant());
        events.publishEvent(new IdentityActionTaken(actor.tenantId(), actor.userId(), "api_key.created",
                "API key \"" + trimmed + "\" (" + scope.name().toLowerCase() + ", rl_" + created.key().prefix()
                        + "_...) created", null));
        return created;
    }

    @Transactional(readOnly = true)
    public List<ApiKey> list(Actor actor) {
        actor.require(Permission.API_KEYS_MANAGE);
        return store.list(actor.tenantId());
    }

    @Transactional
    public ApiKey revoke(Actor actor, UUID id) {
        actor.require(Permission.API_KEYS_MANAGE);
        ApiKey key = store.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("API key", id));
        if (store.revoke(actor.tenantId(), id, clock.instant())) {
            events.publishEvent(new IdentityActionTaken(actor.tenantId(), actor.userId(), "api_key.revoked",
                    "API key \"" + key.name() + "\" (rl_" + key.prefix() + "_...) revoked", null));
        }
        return store.find(actor.tenantId(), id).orElseThrow();
    }
}

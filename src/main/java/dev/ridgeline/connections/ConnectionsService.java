package dev.ridgeline.connections;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.connections.internal.ConnectionRepository;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.TenantId;

/** The connections vault: owners manage a company's provider accounts; modules look up the active one. */
@Service
public class ConnectionsService {

    private final ConnectionRepository repository;
    private final List<ProviderDefinition> definitions;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;
    private final OAuthTokens oauthTokens;

    public ConnectionsService(ConnectionRepository repository, List<ProviderDefinition> definitions,
            ApplicationEventPublisher events, IdGenerator ids, Clock clock, OAuthTokens oauthTokens) {
        this.oauthTokens = oauthTokens;
        this.repository = repository;
        this.definitions = definitions.stream()
                .sorted(Comparator.comparing(ProviderDefinition::type).thenComparing(d -> !d.providerId().equals("sandbox"))
                        .thenComparing(ProviderDefinition::displayName))
                .toList();
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** Every provider this build can connect, sandbox first within each type. */
    public List<ProviderDefinition> providers() {
        return definitions;
    }

    public ProviderDefinition getProvider(ConnectionType type, String providerId) {
        return findProvider(type, providerId)
                .orElseThrow(() -> InvalidInputException.of("providerId",
                        "no " + type.label().toLowerCase() + " provider '" + providerId + "' in this build"));
    }

    public Optional<ProviderDefinition> findProvider(ConnectionType type, String providerId) {
        return definitions.stream().filter(d -> d.type() == type && d.providerId().equals(providerId)).findFirst();
    }

    @Transactional(readOnly = true)
    public List<Connection> list(Actor actor) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        return repository.findAll(actor.tenantId());
    }

    @Transactional(readOnly = true)
    public Connection get(Actor actor, UUID id) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        return repository.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("connection", id));
    }

    /**
     * Creates a connection; it becomes active unless another connection of its type already is (a new email
     * mailbox always joins the rotation).
     */
    @Transactional
    public Connection create(Actor actor, ConnectionDraft draft) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        ProviderDefinition provider = getProvider(draft.type(), draft.providerId());
        Map<String, String> settings = validate(provider, draft, Map.of());
        UUID id = ids.next();
        boolean active = draft.type().several() || repository.findActive(actor.tenantId(), draft.type()).isEmpty();
        repository.insert(actor.tenantId(), id, draft.type(), provider.providerId(), name(draft, provider), settings,
                active ? ConnectionStatus.ACTIVE : ConnectionStatus.DISABLED, actor.userId(), clock.instant());
        storeSecrets(actor.tenantId(), id, provider, draft.secrets());
        events.publishEvent(new ConnectionChanged(actor.tenantId(), actor.userId(), id, draft.type(),
                provider.providerId(), "created"));
        return repository.find(actor.tenantId(), id).orElseThrow();
    }

    /** Updates settings and any secrets given; blank secrets keep their stored values. */
    @Transactional
    public Connection update(Actor actor, UUID id, ConnectionDraft draft) {
        Connection existing = get(actor, id);
        ProviderDefinition provider = getProvider(existing.type(), existing.providerId());
        Map<String, String> settings = validate(provider, draft, existing.secretsSetAt());
        repository.update(actor.tenantId(), id, name(draft, provider), settings, clock.instant());
        storeSecrets(actor.tenantId(), id, provider, draft.secrets());
        events.publishEvent(new ConnectionChanged(actor.tenantId(), actor.userId(), id, existing.type(),
                existing.providerId(), "updated"));
        return repository.find(actor.tenantId(), id).orElseThrow();
    }

    /**
     * Puts this connection to use. For most types it replaces the active one, which is disabled; email mailboxes
     * join the ones already sending.
     */
    @Transactional
    public Connection activate(Actor actor, UUID id) {
        Connection c = get(actor, id);
        if (!c.type().several()) {
            repository.findActive(actor.tenantId(), c.type()).filter(a -> !a.id().equals(id))
                    .ifPresent(a -> repository.setStatus(actor.tenantId(), a.id(), ConnectionStatus.DISABLED,
                            clock.instant()));
        }
        repository.setStatus(actor.tenantId(), id, ConnectionStatus.ACTIVE, clock.instant());
        events.publishEvent(new ConnectionChanged(actor.tenantId(), actor.userId(), id, c.type(), c.providerId(), "activated"));
        return repository.find(actor.tenantId(), id).orElseThrow();
    }

    /** Stops using this connection; its type falls back to the sandbox. */
    @Transactional
    public Connection disable(Actor actor, UUID id) {
        Connection c = get(actor, id);
        repository.setStatus(actor.tenantId(), id, ConnectionStatus.DISABLED, clock.instant());
        events.publishEvent(new ConnectionChanged(actor.tenantId(), actor.userId(), id, c.type(), c.providerId(), "disabled"));
        return repository.find(actor.tenantId(), id).orElseThrow();
    }

    /**
     * Removes a connection and its secrets, after giving back what the vendor granted (an OAuth token is revoked).
     * Returns what the vendor said, or why it could not be told; the connection goes either way.
     */
    @Transactional
    public Optional<String> delete(Actor actor, UUID id) {
        Connection c = get(actor, id);
        Optional<String> note = Optional.empty();
        Optional<ProviderDefinition> provider = findProvider(c.type(), c.providerId());
        if (provider.isPresent()) {
            try {
                provider.get().disconnect(repository.account(actor.tenantId(), c));
            } catch (RuntimeException e) {
                note = Optional.of("could not tell " + provider.get().displayName() + ": " + e.getMessage());
            }
        }
        repository.delete(actor.tenantId(), id);
        events.publishEvent(new ConnectionChanged(actor.tenantId(), actor.userId(), id, c.type(), c.providerId(), "removed"));
        return note;
    }

    /**
     * Records a mailbox (or other account) connected by OAuth consent: a new connection, switched on, or when the
     * same account was connected before, that connection with its new tokens, switched on again.
     */
    @Transactional
    public Connection connectGranted(Actor actor, ConnectionType type, String providerId, String address,
            org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse granted) {
        actor.require(Permission.CONNECTIONS_MANAGE);
        ProviderDefinition provider = getProvider(type, providerId);
        Optional<Connection> existing = repository.findAll(actor.tenantId()).stream()
                .filter(c -> c.type() == type && c.providerId().equals(providerId)
                        && address.equalsIgnoreCase(c.settings().getOrDefault("fromAddress", "")))
                .findFirst();
        UUID id;
        String change;
        if (existing.isPresent()) {
            id = existing.get().id();
            change = "reconnected";
            if (type.several() || existing.get().status() == ConnectionStatus.ACTIVE) {
                repository.setStatus(actor.tenantId(), id, ConnectionStatus.ACTIVE, clock.instant());
            }
        } else {
            id = ids.next();
            change = "created";
            boolean active = type.several() || repository.findActive(actor.tenantId(), type).isEmpty();
            repository.insert(actor.tenantId(), id, type, providerId, address, Map.of("fromAddress", address),
                    active ? ConnectionStatus.ACTIVE : ConnectionStatus.DISABLED, actor.userId(), clock.instant());
        }
        oauthTokens.store(actor.tenantId(), id, granted);
        events.publishEvent(new ConnectionChanged(actor.tenantId(), actor.userId(), id, type, provider.providerId(),
                change));
        return repository.find(actor.tenantId(), id).orElseThrow();
    }

    /** Tests the stored connection against its provider without sending anything. */
    @Transactional(readOnly = true)
    public CheckResult check(Actor actor, UUID id) {
        Connection c = get(actor, id);
        ProviderDefinition provider = getProvider(c.type(), c.providerId());
        try {
            return provider.check(repository.account(actor.tenantId(), c));
        } catch (RuntimeException e) {
            return CheckResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The account a module should use for a type: the active connection, or the sandbox when there is none.
     */
    @Transactional(readOnly = true)
    public ProviderAccount activeAccount(TenantId tenantId, ConnectionType type) {
        return repository.findActive(tenantId, type)
                .map(c -> repository.account(tenantId, c))
                .orElseGet(() -> ProviderAccount.sandbox(tenantId));
    }

    /** Every active connection of a type, oldest first; empty when the type falls back to the sandbox. */
    @Transactional(readOnly = true)
    public List<ProviderAccount> activeAccounts(TenantId tenantId, ConnectionType type) {
        return repository.findAllActive(tenantId, type).stream().map(c -> repository.account(tenantId, c)).toList();
    }

    /** One connection's account, whatever its status: for work tied to a mailbox, such as reading its replies. */
    @Transactional(readOnly = true)
    public Optional<ProviderAccount> account(TenantId tenantId, UUID connectionId) {
        return repository.find(tenantId, connectionId).map(c -> repository.account(tenantId, c));
    }

    /**
     * Seals a secret an adapter made for a connection itself (not typed by a person), such as the client state of
     * a webhook subscription.
     */
    @Transactional
    public void storeSecret(TenantId tenantId, UUID connectionId, String name, String value) {
        repository.putSecret(tenantId, connectionId, name, value, clock.instant());
    }

    /** The companies whose active connection of {@code type} is the provider {@code providerId} (for jobs). */
    @Transactional(readOnly = true)
    public List<TenantId> tenantsUsing(ConnectionType type, String providerId) {
        return repository.tenantsWithActive(type, providerId);
    }

    private Map<String, String> validate(ProviderDefinition provider, ConnectionDraft draft,
            Map<String, ?> storedSecrets) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (ProviderField f : provider.settings()) {
            String value = draft.settings().getOrDefault(f.name(), "").trim();
            if (f.required() && value.isEmpty()) {
                errors.put("settings." + f.name(), f.label() + " is required");
            }
            if (!value.isEmpty()) {
                settings.put(f.name(), value);
            }
        }
        for (String key : draft.settings().keySet()) {
            if (provider.settings().stream().noneMatch(f -> f.name().equals(key))) {
                errors.put("settings." + key, "not a setting of " + provider.displayName());
            }
        }
        for (ProviderField f : provider.secrets()) {
            String value = draft.secrets().getOrDefault(f.name(), "");
            if (f.required() && value.isBlank() && !storedSecrets.containsKey(f.name())) {
                errors.put("secrets." + f.name(), f.label() + " is required");
            }
        }
        for (String key : draft.secrets().keySet()) {
            if (provider.secrets().stream().noneMatch(f -> f.name().equals(key))) {
                errors.put("secrets." + key, "not a secret of " + provider.displayName());
            }
        }
        if (draft.name() != null && draft.name().length() > 120) {
            errors.put("name", "at most 120 characters");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return settings;
    }

    private void storeSecrets(TenantId tenant, UUID id, ProviderDefinition provider, Map<String, String> secrets) {
        for (ProviderField f : provider.secrets()) {
            String value = secrets.get(f.name());
            if (value != null && !value.isBlank()) {
                repository.putSecret(tenant, id, f.name(), value, clock.instant());
            }
        }
    }

    private static String name(ConnectionDraft draft, ProviderDefinition provider) {
        return draft.name() == null || draft.name().isBlank() ? provider.displayName() : draft.name().trim();
    }
}

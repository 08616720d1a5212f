package dev.ridgeline.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.ridgeline.identity.ApiKey;
import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.identity.CreatedApiKey;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** Makes keys and keeps only their hashes. */
@Component
public class ApiKeyStore {

    private final ApiKeyRepository keys;

    ApiKeyStore(ApiKeyRepository keys) {
        this.keys = keys;
    }

    public CreatedApiKey create(TenantId tenant, UUID id, String name, ApiKeyScope scope, UserId createdBy, Instant now) {
        String prefix = ApiKeyTokens.newPrefix();
        String token = ApiKeyTokens.token(prefix);
        ApiKey key = new ApiKey(id, name, prefix, scope, createdBy, now, null, null);
        keys.insert(tenant, key, Secrets.sha256(token));
        return new CreatedApiKey(key, token);
    }

    public List<ApiKey> list(TenantId tenant) {
        return keys.findAll(tenant);
    }

    public Optional<ApiKey> find(TenantId tenant, UUID id) {
        return keys.find(tenant, id);
    }

    public boolean revoke(TenantId tenant, UUID id, Instant now) {
        return keys.revoke(tenant, id, now);
    }
}

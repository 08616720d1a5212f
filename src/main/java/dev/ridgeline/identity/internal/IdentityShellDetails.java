package dev.ridgeline.identity.internal;

import org.springframework.stereotype.Component;

import dev.ridgeline.identity.Tenant;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.web.ShellDetails;

/** Names for the page header, read fresh so a renamed company or user shows at once. */
@Component
class IdentityShellDetails implements ShellDetails {

    private final TenantRepository tenants;
    private final UserRepository users;

    IdentityShellDetails(TenantRepository tenants, UserRepository users) {
        this.tenants = tenants;
        this.users = users;
    }

    @Override
    public String companyName(Actor actor) {
        return tenants.find(actor.tenantId()).map(Tenant::name).orElse("");
    }

    @Override
    public String userName(Actor actor) {
        if (actor.apiKeyId() != null) {
            return "API key";
        }
        return users.find(actor.tenantId(), actor.userId()).map(UserRecord::name).orElse("");
    }
}

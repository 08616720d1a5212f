package dev.ridgeline.identity.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.ridgeline.identity.Tenant;
import dev.ridgeline.outreach.SenderDirectory;
import dev.ridgeline.platform.TenantId;

/** The company profile as outreach's email footer needs it. */
@Component
class CompanySenderDirectory implements SenderDirectory {

    private final TenantRepository tenants;
    private final UserRepository users;

    CompanySenderDirectory(TenantRepository tenants, UserRepository users) {
        this.tenants = tenants;
        this.users = users;
    }

    @Override
    public java.util.List<String> ownerEmails(TenantId tenant) {
        return users.findAll(tenant).stream().filter(u -> u.status() == dev.ridgeline.identity.UserStatus.ACTIVE
                && u.role() == dev.ridgeline.platform.Role.OWNER).map(UserRecord::email).toList();
    }

    @Override
    public Optional<String> userEmail(TenantId tenant, dev.ridgeline.platform.UserId user) {
        return users.find(tenant, user).filter(u -> u.status() == dev.ridgeline.identity.UserStatus.ACTIVE)
                .map(UserRecord::email);
    }

    @Override
    public Optional<String> companyName(TenantId tenant) {
        return tenants.find(tenant).map(Tenant::name);
    }

    @Override
    public Optional<String> postalAddress(TenantId tenant) {
        return tenants.find(tenant).filter(Tenant::hasPostalAddress).map(Tenant::postalAddressLine);
    }
}

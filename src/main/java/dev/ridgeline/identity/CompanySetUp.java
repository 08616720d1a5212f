package dev.ridgeline.identity;

import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.UserId;

/** The first company of an install was created on the setup page; {@code demoData} when its owner asked for it. */
public record CompanySetUp(TenantId tenant, UserId owner, boolean demoData) {
}

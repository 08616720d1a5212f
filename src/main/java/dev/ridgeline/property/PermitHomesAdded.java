package dev.ridgeline.property;

import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/**
 * The addresses of a permit import are in the property graph ({@code created} of them new): the permits and the
 * homes they name are both there for analysis. Published after every permit import, even when no home is new.
 */
public record PermitHomesAdded(TenantId tenant, UUID importId, long created) {
}

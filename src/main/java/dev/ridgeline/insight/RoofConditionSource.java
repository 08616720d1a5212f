package dev.ridgeline.insight;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.ridgeline.platform.TenantId;

/**
 * Where the lead score learns what roof analysis saw: the urgency (0-100) of each home's latest analysis, its day and
 * its main reason. Declared here and implemented by the roof module, which depends on this one.
 */
public interface RoofConditionSource {

    /** A roof's latest analysis as the score uses it. */
    record RoofCondition(int urgency, LocalDate analysedOn, String reason) {
    }

    /** Every analysed home of a company. */
    Map<UUID, RoofCondition> latest(TenantId tenant);

    /** One home. */
    Optional<RoofCondition> latest(TenantId tenant, UUID propertyId);
}

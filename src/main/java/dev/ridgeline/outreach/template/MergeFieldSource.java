package dev.ridgeline.outreach.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.ridgeline.platform.Actor;

/**
 * Where a lead's merge fields come from: implemented by the module that knows leads, homes, storms and roofs, so
 * that outreach depends on none of them.
 */
public interface MergeFieldSource {

    /** A lead a template can be previewed on or sent to. */
    record LeadChoice(UUID leadId, String label, String email) {
    }

    /** The lead's fields (only those with a value); empty when the company has no such lead. */
    Optional<Map<MergeField, String>> fields(Actor actor, UUID leadId);

    /**
     * The fields of many leads, by lead, for a batch of sends; leads the company has not (or the actor may not see)
     * are left out. The same values {@link #fields} gives one at a time.
     */
    default Map<UUID, Map<MergeField, String>> fieldsOf(Actor actor, java.util.Collection<UUID> leadIds) {
        Map<UUID, Map<MergeField, String>> out = new java.util.LinkedHashMap<>();
        for (UUID id : leadIds) {
            fields(actor, id).ifPresent(f -> out.put(id, f));
        }
        return out;
    }

    /** Leads to preview on, newest first, filtered by a piece of the address or name when {@code search} is given. */
    List<LeadChoice> leads(Actor actor, String search, int limit);
}

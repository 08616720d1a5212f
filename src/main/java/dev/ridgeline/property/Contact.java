package dev.ridgeline.property;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person tied to a property (its owner, a co-owner, a tenant, a manager) with their mailing address, time zone
 * (from the property ZIP, else the phone's area code), phones and emails, and the consent ledger: every entry,
 * newest first, the first per channel being the current state.
 */
public record Contact(UUID id, UUID propertyId, String fullName, String role, @Nullable String mailingAddress,
        @Nullable String mailingCity, @Nullable String mailingState, @Nullable String mailingZip,
        @Nullable String timeZone, @Nullable String timeZoneSource, boolean fictitious, List<ContactPoint> points,
        List<ConsentRecord> consents) {

    /** The current consent for a channel: the newest ledger entry, if any. */
    public Optional<ConsentRecord> consent(ConsentChannel channel) {
        return consents.stream().filter(c -> c.channel() == channel).findFirst();
    }

    public List<ContactPoint> phones() {
        return points.stream().filter(p -> p.channel().equals("PHONE")).toList();
    }

    public List<ContactPoint> emails() {
        return points.stream().filter(p -> p.channel().equals("EMAIL")).toList();
    }
}

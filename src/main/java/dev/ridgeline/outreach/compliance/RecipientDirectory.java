package dev.ridgeline.outreach.compliance;

import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.TenantId;

/**
 * What the compliance checks need to know about the person behind a phone number, answered by the module that keeps
 * homes and contacts (outreach may not depend on it): the time zones they may be in, their state, and the latest
 * entry of their consent ledger for texts and calls.
 */
public interface RecipientDirectory {

    /** The latest consent a contact gave or refused for a channel. */
    enum Consent {
        /** Signed or ticked, with the text shown: enough for marketing texts and calls. */
        EXPRESS_WRITTEN,
        /** Verbal or imported with proof: enough for informational messages only. */
        OTHER,
        /** The person said stop. */
        REFUSED,
        /** Nothing on record (or no contact with this number). */
        NONE
    }

    /**
     * @param zones every zone the person may be in (the home's, the area code's); never empty
     * @param state the home's state (or the contact's mailing state), two letters, if known
     */
    record Recipient(List<ZoneId> zones, @Nullable String state, Consent sms, Consent calls) {

        public Recipient {
            if (zones.isEmpty()) {
                throw new IllegalArgumentException("a recipient needs at least one possible time zone");
            }
            zones = List.copyOf(zones);
        }
    }

    Recipient byPhone(TenantId tenant, String e164);

    /** {@link #byPhone} for many numbers, by number. */
    default java.util.Map<String, Recipient> byPhones(TenantId tenant, java.util.Collection<String> e164s) {
        java.util.Map<String, Recipient> out = new java.util.HashMap<>();
        for (String phone : e164s) {
            out.computeIfAbsent(phone, p -> byPhone(tenant, p));
        }
        return out;
    }
}

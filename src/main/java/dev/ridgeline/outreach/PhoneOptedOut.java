package dev.ridgeline.outreach;

import dev.ridgeline.platform.TenantId;

/**
 * A phone number opted out ({@code out}) or back in: other modules record it in the contact's consent ledger and,
 * when {@code allChannels} (the company's setting, on by default), stop every marketing channel to that person.
 */
public record PhoneOptedOut(TenantId tenantId, String phone, boolean out, String source, boolean allChannels) {
}
